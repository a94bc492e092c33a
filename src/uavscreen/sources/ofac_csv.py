"""OFAC legacy CSV sets: SDN.CSV + ALT.CSV + ADD.CSV + SDN_COMMENTS.CSV (the SDN list)
and CONS_PRIM/CONS_ALT/CONS_ADD/CONS_COMMENTS.CSV (the consolidated non-SDN list).

The format (OFAC ``dat_spec.txt``) predates CSV conventions: no header, CRLF line ends,
``-0-`` for empty fields, a trailing Ctrl-Z (0x1A) byte, Latin-1 text.  Aliases,
addresses and the overflow of long remarks (over 1,000 characters) sit in side files keyed
by ``ent_num``; everything else (DOB, passports, IMO numbers, weak aliases, links) is
buried in the remarks and parsed by :mod:`uavscreen.sources.ofac_remarks`.  Any subset of
the side files may be present; only the primary file is required.

The primary file is streamed row by row; the side files are read into per-ent_num tables
first (they are a fraction of its size).  A row with the wrong number of fields, a
non-numeric ent_num, an unterminated quote, NUL bytes (a UTF-16 file), data after the 0x1A
marker or a last line cut off without its line end (a truncated download) raises :class:`SourceError` with file and line.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, Entity, Identifier, Link, NameKind
from uavscreen.sources import ofac_common as common
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import logical_name, open_binary
from uavscreen.sources.ofac_remarks import parse_remarks

NAME = "ofac_csv"

#: Official file name → (source id, role in the set).
FILES: dict[str, tuple[str, str]] = {
    "SDN.CSV": (common.SOURCE_SDN, "primary"),
    "ALT.CSV": (common.SOURCE_SDN, "alt"),
    "ADD.CSV": (common.SOURCE_SDN, "add"),
    "SDN_COMMENTS.CSV": (common.SOURCE_SDN, "comments"),
    "CONS_PRIM.CSV": (common.SOURCE_CONS, "primary"),
    "CONS_ALT.CSV": (common.SOURCE_CONS, "alt"),
    "CONS_ADD.CSV": (common.SOURCE_CONS, "add"),
    "CONS_COMMENTS.CSV": (common.SOURCE_CONS, "comments"),
}
#: Number of fields per row of each role (dat_spec.txt).
WIDTH = {"primary": 12, "alt": 5, "add": 6, "comments": 2}
EMPTY = "-0-"
REMARKS_LIMIT = 1000
EOF_MARK = "\x1a"
ALIAS_KINDS = {"aka": NameKind.STRONG_ALIAS, "fka": NameKind.FORMER, "nka": NameKind.STRONG_ALIAS}

Row = list[str | None]


def _decode(raw: bytes, path: Path, lineno: int) -> str:
    if b"\x00" in raw:
        raise SourceError(path, f"line {lineno}", "NUL byte: not an OFAC Latin-1/ASCII CSV (UTF-16?)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@dataclass(slots=True)
class _Lines:
    """Decoded lines of a file, remembering whether the last one was complete."""

    chunks: Iterable[bytes]
    path: Path
    complete: bool = True

    def __iter__(self) -> Iterator[str]:
        for lineno, raw in enumerate(self.chunks, start=1):
            self.complete = raw.endswith(b"\n") or raw.strip(b" \r\n") == EOF_MARK.encode()
            yield _decode(raw, self.path, lineno)


def _clean(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", EMPTY) else value


def _read_rows(path: Path, role: str) -> Iterator[tuple[int, Row, list[str]]]:
    """``(line number, fields, raw fields)`` for every record of one file; in ``fields``
    values are stripped and ``-0-`` is None."""
    width = WIDTH[role]
    ended = False
    with open_binary(path) as fh:
        lines = _Lines(fh, path)
        reader = csv.reader(lines, strict=True)
        try:
            for row in reader:
                line = reader.line_num
                if len(row) == 1 and row[0].strip(" \r\n") == EOF_MARK:
                    ended = True
                    continue
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                if ended:
                    raise SourceError(path, f"line {line}", "data after the 0x1A end-of-file marker")
                if len(row) != width:
                    raise SourceError(path, f"line {line}", f"expected {width} fields, found {len(row)}")
                if not row[0].strip().isdigit():
                    raise SourceError(path, f"line {line}", f"ent_num {row[0]!r} is not a number")
                yield line, [_clean(v) for v in row], row
        except csv.Error as exc:
            reason = f"malformed CSV: {exc}"
            if "unexpected end of data" in str(exc):
                reason = "file ends inside a quoted field: the file is truncated"
            raise SourceError(path, f"line {reader.line_num}", reason) from exc
        if not lines.complete:
            raise SourceError(path, f"line {reader.line_num}", "last line is cut off: the file is truncated")


def claim(path: Path, head: bytes) -> str | None:
    """An OFAC CSV by official name whose first record has that file's field count."""
    entry = FILES.get(logical_name(path).upper())
    if entry is None:
        return None
    source, role = entry
    text = head.decode("latin-1").lstrip("\ufeff")
    if text.strip(" \r\n" + EOF_MARK) == "":
        return source if role != "primary" else None
    first = next(csv.reader([text.split("\n", 1)[0]]), [])
    if len(first) == WIDTH[role] and first[0].strip().isdigit():
        return source
    return None


def version(snapshot: Snapshot) -> str | None:
    """The legacy CSV files carry no date; discovery uses the folder date."""
    return None


@dataclass(slots=True)
class _SideTables:
    """ALT/ADD/COMMENTS rows by ent_num, with where each came from (for orphan errors)."""

    alt: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    add: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    comments: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    where: dict[tuple[str, str], tuple[Path, int]] = field(default_factory=dict)


def _side_tables(files: dict[str, Path]) -> _SideTables:
    tables = _SideTables()
    for role in ("alt", "add", "comments"):
        path = files.get(role)
        if path is None:
            continue
        for line, row, _raw in _read_rows(path, role):
            ent = str(row[0])
            tables.where.setdefault((role, ent), (path, line))
            if role == "comments":
                tables.comments[ent].append(row[1] or "")
            elif role == "alt":
                tables.alt[ent].append(row)
            else:
                tables.add[ent].append(row)
    return tables


def _files_by_role(snapshot: Snapshot) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in snapshot.files:
        entry = FILES.get(logical_name(path).upper())
        if entry is not None:
            files[entry[1]] = path
    if "primary" not in files:
        first = snapshot.files[0] if snapshot.files else snapshot.source
        raise SourceError(first, None, "OFAC CSV set without its primary file (SDN.CSV / CONS_PRIM.CSV)")
    return files


def _address(row: Row) -> Address | None:
    """An ADD.CSV row as an Address; None for OFAC's all-empty placeholder rows."""
    _ent, _num, street, city, country, _remarks = row
    if not (street or city or country):
        return None
    return Address(
        full=", ".join(p for p in (street, city, country) if p),
        street=street, city=city, country=country_code(country),
    )


def _entity(row: Row, raw_remarks: str, source: str, snapshot: Snapshot, side: _SideTables) -> Entity:
    ent, name, sdn_type, program, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks = row
    ent = str(ent)
    schema = common.schema_for(sdn_type)
    continuation = side.comments.get(ent, [])
    full_remarks = (remarks or "") + "".join(continuation) or None
    entity = Entity(
        id=f"{source}:{ent}", schema=schema, source=source, source_version=snapshot.version,
        programs=common.split_programs(program), remarks=full_remarks,
    )
    entity.names.append(common.make_name(str(name), NameKind.PRIMARY, schema))
    for _e, _num, alt_type, alt_name, alt_remarks in side.alt.get(ent, []):
        kind = ALIAS_KINDS.get((alt_type or "aka").lower(), NameKind.STRONG_ALIAS)
        if alt_remarks and "weak" in alt_remarks.lower():
            kind = NameKind.WEAK_ALIAS
        if alt_name:
            entity.names.append(common.make_name(alt_name, kind, schema))
        common.add_property(entity, "aliasRemarks", alt_remarks)
    for add in side.add.get(ent, []):
        address = _address(add)
        if address is not None:
            entity.addresses.append(address)
            common.add_country(entity, address.country)
        common.add_property(entity, "addressRemarks", add[5])
    if call_sign:
        entity.identifiers.append(Identifier(type="call_sign", value=call_sign))
    for key, value in (("title", title), ("vesselType", vess_type), ("tonnage", tonnage),
                       ("grossRegisteredTonnage", grt), ("flag", flag), ("owner", owner)):
        common.add_property(entity, key, value)
    common.add_country(entity, country_code(flag))
    if owner:
        entity.links.append(Link(relation="owner", text=owner))
    if len(raw_remarks) >= REMARKS_LIMIT and not continuation:
        # OFAC cuts remarks at 1,000 characters and continues them in the COMMENTS file;
        # without that file the last statement is cut and stays in remarks_other.
        common.add_property(entity, "remarksTruncated", "true")
    common.apply_facts(entity, parse_remarks(full_remarks))
    return common.finish(entity)


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Every entry of the set, with its aliases, addresses and full remarks."""
    files = _files_by_role(snapshot)
    side = _side_tables(files)
    primary = files["primary"]
    seen: set[str] = set()
    for line, row, raw in _read_rows(primary, "primary"):
        ent = str(row[0])
        if ent in seen:
            raise SourceError(primary, f"line {line}", f"ent_num {ent} appears twice")
        if not row[1]:
            raise SourceError(primary, f"line {line} (ent_num {ent})", "entry without a name")
        seen.add(ent)
        yield _entity(row, raw[11], snapshot.source, snapshot, side)
    for (role, ent), (path, line) in side.where.items():
        if ent not in seen:
            raise SourceError(path, f"line {line} (ent_num {ent})",
                              f"{role} row for ent_num {ent}, which is not in {primary.name}")
