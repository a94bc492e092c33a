"""CSV: one row per item, the shipment's parties as columns by role (see docs/screening.md).

Rows of one shipment are consecutive and share ``shipment_id``; shipment, party, payment and
route columns are read from the shipment's first row and may be left empty on its other rows
(a different value there is an error).  The column mapping:

* shipment: ``shipment_id`` (required), ``date``, ``end_use``, ``incoterm``, ``documents``,
  ``payment_method``, ``payer_country``, ``payer_name``
* item (one per row): ``item_description`` (required), ``hs_code``, ``manufacturer``,
  ``part_number``, ``quantity``, ``value``, ``currency``, ``origin_country``, ``eccn``
* parties: ``<role>_<field>`` for the roles in :data:`ROLES` and the fields in
  :data:`PARTY_FIELDS`; ``<role>_identifiers`` is ``type:value; type:value``
* route: ``leg<N>_<field>`` (N = 1, 2, …) for the fields in :data:`LEG_FIELDS`

Unknown columns are reported (never silently ignored).  The file is streamed row by row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from uavscreen.errors import InputError
from uavscreen.io.records import Record
from uavscreen.io.text import Line, open_lines, texts_noting_errors
from uavscreen.io.validate import validate

SHIPMENT_COLUMNS = {
    "shipment_id": ("id",), "date": ("date",), "end_use": ("end_use",), "incoterm": ("incoterm",),
    "documents": ("documents",), "payment_method": ("payment", "method"),
    "payer_country": ("payment", "payer_country"), "payer_name": ("payment", "payer_name"),
}
ITEM_COLUMNS = {
    "item_description": "description", "hs_code": "hs_code", "manufacturer": "manufacturer",
    "part_number": "part_number", "quantity": "quantity", "value": "value", "currency": "currency",
    "origin_country": "origin_country", "eccn": "eccn",
}
ROLES = ("buyer", "consignee", "end_user", "freight_forwarder", "ordering_bank", "vessel_owner",
         "notify_party", "intermediate_consignee")
PARTY_FIELDS = ("name", "country", "address", "birth_date", "business", "website", "incorporation_date",
                "identifiers", "schema")
LEG_FIELDS = ("from", "to", "mode", "vessel_imo", "vessel_name", "carrier", "date")
_LEG = re.compile(r"^leg([1-9][0-9]?)_(" + "|".join(LEG_FIELDS) + r")$")
_PARTY = re.compile(r"^(" + "|".join(ROLES) + r")_(" + "|".join(PARTY_FIELDS) + r")$")
_CSV_SAFETY = 1 << 20  # one field may be at most 1 MiB


def _classify_header(header: list[str]) -> tuple[dict[int, tuple[str, ...]], list[str]]:
    """Column index → where its value goes; and the unknown column names."""
    where: dict[int, tuple[str, ...]] = {}
    unknown = []
    for i, raw in enumerate(header):
        name = raw.strip().lower()
        if name in SHIPMENT_COLUMNS:
            where[i] = ("shipment", *SHIPMENT_COLUMNS[name])
        elif name in ITEM_COLUMNS:
            where[i] = ("item", ITEM_COLUMNS[name])
        elif m := _PARTY.match(name):
            where[i] = ("party", m.group(1), m.group(2))
        elif m := _LEG.match(name):
            where[i] = ("leg", m.group(1), m.group(2))
        elif name:
            unknown.append(raw)
    return where, unknown


def _identifiers(text: str) -> list[dict[str, str]]:
    out = []
    for part in text.split(";"):
        if part.strip():
            t, sep, v = part.partition(":")
            if not sep:
                raise ValueError(f"identifier {part.strip()!r} must be written type:value")
            out.append({"type": t.strip(), "value": v.strip()})
    return out


class _Shipment:
    """The rows of one shipment being assembled."""

    def __init__(self, sid: str, first_line: int) -> None:
        self.sid = sid
        self.first_line = first_line
        self.last_line = first_line
        self.top: dict[str, Any] = {"id": sid}
        self.parties: dict[str, dict[str, Any]] = {}
        self.legs: dict[int, dict[str, Any]] = {}
        self.items: list[dict[str, Any]] = []
        self.item_lines: list[int] = []
        self.errors: list[InputError] = []
        self.columns: dict[str, str] = {}

    def raw(self) -> dict[str, Any]:
        d = dict(self.top)
        roles = [r for r in ROLES if r in self.parties]
        d["parties"] = [{"role": r, **self.parties[r]} for r in roles]
        d["items"] = self.items
        d["route"] = [self.legs[k] for k in sorted(self.legs)]
        for i, r in enumerate(roles):
            for f in PARTY_FIELDS:
                self.columns[f"parties[{i}].{'schema_' if f == 'schema' else f}"] = f"{r}_{f}"
                self.columns[f"parties[{i}].{f}"] = f"{r}_{f}"
        for i, k in enumerate(sorted(self.legs)):
            for f in LEG_FIELDS:
                self.columns[f"route[{i}].{f}"] = f"leg{k}_{f}"
        for i, line in enumerate(self.item_lines):
            for col, f in ITEM_COLUMNS.items():
                self.columns[f"items[{i}].{f}"] = f"{col} (line {line})"
        for col, path in SHIPMENT_COLUMNS.items():
            self.columns[".".join(path)] = col
        return d


def read_csv(path: Path, encoding: str | None = None) -> Iterator[Record]:
    file = str(path)
    _enc, lines = open_lines(path, encoding)
    line_errors: list[Line] = []
    csv.field_size_limit(_CSV_SAFETY)
    reader = csv.reader(texts_noting_errors(lines, line_errors), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield Record("line 1", None, [InputError(file, "line 1 (header)", f"broken CSV: {exc}")])
        return
    where, unknown = _classify_header(header)
    names = {i: header[i].strip() for i in range(len(header))}
    if unknown:
        yield Record("line 1", None, [InputError(file, f"line 1 (header), column {c}",
                                                 "unknown column (see the CSV column mapping in docs/screening.md)")
                                      for c in unknown])
    cols = {v[0] for v in where.values()}
    if "shipment" not in cols or not any(v == ("shipment", "id") for v in where.values()):
        yield Record("line 1", None, [InputError(file, "line 1 (header)", "missing required column shipment_id")])
        return
    if not any(v == ("item", "description") for v in where.values()):
        yield Record("line 1", None, [InputError(file, "line 1 (header)", "missing required column item_description")])
        return
    id_col = next(i for i, v in where.items() if v == ("shipment", "id"))
    current: _Shipment | None = None
    done: set[str] = set()
    prev_line = reader.line_num
    while True:
        start = prev_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            span = f"line {start}" if end <= start else f"lines {start}-{end}"
            yield Record(span, None, [InputError(file, span, f"broken CSV quoting: {exc}")])
            prev_line = end
            line_errors.clear()
            continue
        end = reader.line_num
        prev_line = end
        loc = f"line {start}" if end == start else f"lines {start}-{end}"
        if not any(c.strip() for c in row):
            continue
        if line_errors:
            errs = [InputError(file, f"line {ln.number}", ln.error or "") for ln in line_errors]
            line_errors.clear()
            yield Record(loc, None, errs)
            continue
        if len(row) != len(header):
            yield Record(loc, None, [InputError(file, loc, f"{len(row)} fields, the header has {len(header)}")])
            continue
        sid = row[id_col].strip()
        if not sid:
            yield Record(loc, None, [InputError(file, f"{loc}, column {names[id_col]}", "empty shipment_id")])
            continue
        if current is None or current.sid != sid:
            if current is not None:
                yield _finish(current, file)
                done.add(current.sid)
            if sid in done:
                yield Record(loc, None, [InputError(file, f"{loc}, column {names[id_col]}",
                                                    f"rows of shipment {sid!r} must be consecutive")])
                current = None
                continue
            current = _Shipment(sid, start)
            _add_row(current, row, where, names, file, loc, first=True)
        else:
            _add_row(current, row, where, names, file, loc, first=False)
        current.last_line = end
    if current is not None:
        yield _finish(current, file)


def _set(target: dict[str, Any], key: str, value: str, sh: _Shipment, file: str, loc: str, col: str) -> None:
    if key == "identifiers":
        try:
            target[key] = _identifiers(value)
        except ValueError as exc:
            sh.errors.append(InputError(file, f"{loc}, column {col}", str(exc)))
    else:
        target[key] = value


def _add_row(sh: _Shipment, row: list[str], where: dict[int, tuple[str, ...]], names: dict[int, str],
             file: str, loc: str, first: bool) -> None:
    """One CSV row into the shipment: its item always; its shipment, party and leg values from
    the first row, and on later rows only checked against the first row's."""
    item: dict[str, Any] = {}
    for i, dest in where.items():
        value = row[i].strip()
        if not value:
            continue
        kind = dest[0]
        if kind == "item":
            item[dest[1]] = value
            continue
        if kind == "shipment":
            target = sh.top.setdefault(dest[1], {}) if len(dest) == 3 else sh.top
            key = dest[2] if len(dest) == 3 else dest[1]
        elif kind == "party":
            target, key = sh.parties.setdefault(dest[1], {}), dest[2]
        else:
            target, key = sh.legs.setdefault(int(dest[1]), {}), dest[2]
        if first:
            _set(target, key, value, sh, file, loc, names[i])
            continue
        known = target.get(key)
        if key == "identifiers" and known is not None:
            continue  # written once per shipment; repeats are not compared field by field
        if known is None:
            sh.errors.append(InputError(file, f"{loc}, column {names[i]}",
                                        "shipment-level value only allowed on the shipment's first row"))
        elif str(known) != value:
            sh.errors.append(InputError(file, f"{loc}, column {names[i]}",
                                        f"{value!r} differs from {known!r} on the shipment's first row"))
    sh.items.append(item)
    sh.item_lines.append(int(loc.split()[-1].split("-")[0]))


def _finish(sh: _Shipment, file: str) -> Record:
    loc = f"line {sh.first_line}" if sh.last_line == sh.first_line else f"lines {sh.first_line}-{sh.last_line}"
    raw = sh.raw()
    if sh.errors:
        return Record(loc, None, sh.errors)
    shipment, errors = validate(raw, file, loc, lambda p: sh.columns.get(p, p))
    return Record(loc, shipment, errors)
