"""HM Treasury OFSI Consolidated List, "2022 format" (``ConList.xlsx`` / ``ConList.csv``).

OFSI publishes one row per name variant, repeated for every address and regime, with a
``Group ID`` tying the rows of one designation together.  Rows of a group are not
adjacent (the file is sorted by name), so rows are gathered per group and one Entity
``uk_ofsi:<Group ID>`` is emitted per designation once the file is read; memory grows with
the number of designations, not rows.  The free-text "Other Information" column carries
tagged facts — ``(UN Ref):IRe.001``, ``(IMO number):9187629``, ``(Phone number):…`` — which
are lifted into identifiers here so UK records link to the UN and OFAC ones.

OFSI stopped publishing this list in January 2026 (the FCDO UK Sanctions List, see
``uk_fcdo.py``, replaced it); older snapshots stay loadable.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import openpyxl

from uavscreen.model import Entity, Identifier, Link, NameKind
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.entity_parts import (
    add_address,
    add_country,
    add_name,
    add_property,
    add_unique,
    clean,
    day_month_year,
    iso_from_dmy,
    language,
)
from uavscreen.sources.fileio import logical_name, open_binary

NAME = "uk_ofsi"
SOURCE = "uk_ofsi"
REQUIRED = ("Name 6", "Group Type", "Alias Type", "Group ID", "Regime")
SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
NAME_PART_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")

# "Other Information" tags → identifier type (the rest become properties).
_TAG_IDENTIFIERS = {
    "Phone number": "phone", "Email address": "email", "Website": "website",
    "Business Reg No": "registration", "IMO number": "imo",
}
_TAGS = (
    "UK Sanctions List Ref", "UK Statement of Reasons", "UN Ref", "Gender", "Phone number",
    "Email address", "Type of entity", "Website", "Parent company", "Business Reg No",
    "Subsidiaries", "IMO number", "Flag of ship", "Type of ship", "Tonnage of ship",
    "Length of ship", "Year built", "Current owners", "Fax", "Previous flags",
)
_TAG_SPLIT = re.compile(r"\((" + "|".join(re.escape(t) for t in _TAGS) + r")\)\s*:")
_UN_REF = re.compile(r"\b[A-Z]{2}[ie]\.\d+\b")
_UK_REF = re.compile(r"\b[A-Z]{3}\d{4}\b")
_OFSI_ID = re.compile(r"OFSI ID:\s*(\d+)")
_NUMBERED = re.compile(r"\(\d{1,2}\)\s*")
_SPLIT_CONTACT = re.compile(r"[\s;,]+")


def claim(path: Path, head: bytes) -> str | None:
    name = logical_name(path).lower()
    if name.endswith(".xlsx") and head.startswith(b"PK") and _xlsx_is_conlist(path):
        return SOURCE
    if name.endswith(".csv") and b"Group ID" in head and b"Alias Type" in head and b"Name 6" in head:
        return SOURCE
    return None


def _xlsx_is_conlist(path: Path) -> bool:
    """Look into the shared strings (where the header texts live) without parsing the sheet."""
    try:
        with open_binary(path) as fh:
            data = io.BytesIO(fh.read())
        with zipfile.ZipFile(data) as archive, archive.open("xl/sharedStrings.xml") as strings:
            head = strings.read(1 << 20)
    except (KeyError, zipfile.BadZipFile, OSError):
        return False
    return b"Group ID" in head and b"Alias Type" in head


def version(snapshot: Snapshot) -> str | None:
    for path in snapshot.files:
        _line, first = next(_rows(path), (0, []))
        if first and (clean(first[0]) or "").lower() == "last updated" and len(first) > 1:
            return iso_from_dmy(clean(first[1]))
    return None


def load(snapshot: Snapshot) -> Iterator[Entity]:
    for path in snapshot.files:
        yield from _load_file(path, snapshot.version)


# --------------------------------------------------------------------------- reading rows


def _rows(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    """``(row number, cells as text)`` for every row of an xlsx or csv ConList."""
    if logical_name(path).lower().endswith(".xlsx"):
        yield from _xlsx_rows(path)
    else:
        yield from _csv_rows(path)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    with open_binary(path) as fh:
        data = io.BytesIO(fh.read())  # openpyxl needs a seekable file; the .gz stream is not cheap to seek
    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SourceError(path, None, f"not a readable xlsx workbook: {exc}") from exc
    try:
        sheet = workbook["Data"] if "Data" in workbook.sheetnames else workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [None if v is None else str(v) for v in row]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SourceError(path, None, f"xlsx worksheet unreadable: {exc}") from exc
    finally:
        workbook.close()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str | None]]]:
    with open_binary(path) as fh:
        reader = csv.reader(_decoded_lines(path, fh))
        try:
            for row in reader:
                yield reader.line_num, [v if v != "" else None for v in row]
        except csv.Error as exc:
            raise SourceError(path, f"line {reader.line_num}", f"broken CSV: {exc}") from exc


def _decoded_lines(path: Path, fh: IO[bytes]) -> Iterator[str]:
    """Decode line by line so an encoding error names its line (a text wrapper decodes
    ahead in chunks and would blame the wrong one)."""
    for number, raw in enumerate(fh, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"line {number}",
                              f"not UTF-8 text ({exc.reason} at byte {exc.start} of the line)") from exc


# --------------------------------------------------------------------------- grouping


def _load_file(path: Path, snapshot_version: str) -> Iterator[Entity]:
    rows = _rows(path)
    header: list[str] | None = None
    header_line = 0
    for number, row in rows:
        if row and clean(row[0]) == "Name 6":
            header, header_line = [clean(c) or "" for c in row], number
            break
        if number >= 2:
            break
    if header is None:
        raise SourceError(path, "row 2", "no ConList header row (expected 'Name 6, Name 1, …, Group ID')")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SourceError(path, f"row {header_line}", f"header lacks columns: {', '.join(missing)}")
    groups: dict[str, Entity] = {}
    for number, row in rows:
        if not any(row):
            continue
        if len(row) > len(header) and any(row[len(header):]):
            raise SourceError(path, f"row {number}", f"{len(row)} cells, header has {len(header)}")
        record = {col: clean(row[i]) if i < len(row) else None for i, col in enumerate(header)}
        _add_row(path, number, record, groups, snapshot_version)
    yield from groups.values()


def _add_row(path: Path, number: int, row: dict[str, str | None], groups: dict[str, Entity],
             snapshot_version: str) -> None:
    group_id = row.get("Group ID")
    if group_id is None or not group_id.isdigit():
        raise SourceError(path, f"row {number}", f"Group ID missing or not a number: {group_id!r}")
    group_type = (row.get("Group Type") or "").lower()
    schema = SCHEMAS.get(group_type)
    if schema is None:
        raise SourceError(path, f"row {number} (Group ID {group_id})",
                          f"unknown Group Type {row.get('Group Type')!r}")
    entity = groups.get(group_id)
    if entity is None:
        entity = Entity(id=f"{SOURCE}:{group_id}", schema=schema, source=SOURCE,
                        source_version=snapshot_version)
        groups[group_id] = entity
    elif entity.schema != schema:
        raise SourceError(path, f"row {number} (Group ID {group_id})",
                          f"Group Type {row.get('Group Type')!r} contradicts earlier rows ({entity.schema})")
    _names(entity, row)
    _person(entity, row)
    _address(entity, row)
    _other_information(entity, row.get("Other Information"))
    add_unique(entity.programs, row.get("Regime"))
    listed = iso_from_dmy(row.get("Listed On"))
    if listed is not None and (entity.listed_on is None or listed < entity.listed_on):
        entity.listed_on = listed
    for column, key in (("UK Sanctions List Date Designated", "date_designated"),
                        ("Last Updated", "last_updated"), ("Position", "position"),
                        ("Non-Latin Script Type", "non_latin_script_type")):
        add_property(entity, key, iso_from_dmy(row.get(column)) or row.get(column))


def _names(entity: Entity, row: dict[str, str | None]) -> None:
    alias_type = (row.get("Alias Type") or "").lower()
    quality = (row.get("Alias Quality") or "").lower()
    if alias_type == "primary name":
        kind = NameKind.PRIMARY
    elif alias_type == "fka":
        kind = NameKind.FORMER
    elif quality.startswith("low"):
        kind = NameKind.WEAK_ALIAS
    else:  # "Primary name variation", "AKA" (good or unstated quality)
        kind = NameKind.STRONG_ALIAS
    parts = {col.replace(" ", "").lower(): v for col in NAME_PART_COLUMNS if (v := row.get(col))}
    full = " ".join(parts.values())
    add_name(entity, full, kind, parts=parts if entity.schema == "Person" else None)
    add_name(entity, row.get("Name Non-Latin Script"), NameKind.ORIGINAL_SCRIPT,
             lang=language(row.get("Non-Latin Script Language")))
    add_property(entity, "title", row.get("Title"))


def numbered(value: str | None) -> list[str]:
    """``(1) Germany. (2) Morocco`` → ``["Germany", "Morocco"]``; plain text → ``[text]``."""
    if value is None:
        return []
    items = [clean(p.strip().rstrip(".")) for p in _NUMBERED.split(value)]
    return [i for i in items if i]


def _person(entity: Entity, row: dict[str, str | None]) -> None:
    raw_dob = row.get("DOB")
    dob = day_month_year(raw_dob)
    if dob is not None:
        add_unique(entity.birth_dates, dob)
    elif raw_dob is not None:
        add_property(entity, "dob", raw_dob)
    towns, countries = numbered(row.get("Town of Birth")), numbered(row.get("Country of Birth"))
    if len(towns) == len(countries):
        places = [f"{t}, {c}" for t, c in zip(towns, countries, strict=True)]
    else:
        places = towns + countries
    for place in places:
        add_unique(entity.birth_places, place)
    for country in countries:
        add_country(entity, entity.countries, country, "birth_country")
    for nationality in numbered(row.get("Nationality")):
        add_country(entity, entity.nationalities, nationality, "nationality")
    _documents(entity, "passport", row.get("Passport Number"), row.get("Passport Details"))
    _documents(entity, "national_id", row.get("National Identification Number"),
               row.get("National Identification Details"))


def _documents(entity: Entity, kind: str, numbers_text: str | None, details_text: str | None) -> None:
    numbers, details = numbered(numbers_text), numbered(details_text)
    paired = len(numbers) == len(details)
    for i, number in enumerate(numbers):
        note = details[i] if paired else details_text
        add_unique(entity.identifiers, Identifier(kind, number, None, note))
    if not numbers and details_text:
        add_property(entity, f"{kind}_details", details_text)


def _address(entity: Entity, row: dict[str, str | None]) -> None:
    lines = [v for i in range(1, 6) if (v := row.get(f"Address {i}"))]
    add_address(entity, lines, row.get("Address 6"), None, row.get("Post/Zip Code"), row.get("Country"))


def _other_information(entity: Entity, text: str | None) -> None:
    if text is None or entity.remarks == text:
        return
    if entity.remarks is None:
        entity.remarks = text
    else:
        add_property(entity, "other_information", text)
    pieces = _TAG_SPLIT.split(text)
    # pieces = [lead, tag1, value1, tag2, value2, ...]
    for tag, value in zip(pieces[1::2], pieces[2::2], strict=True):
        _tagged(entity, tag, clean(value))
    for match in _OFSI_ID.finditer(text):
        target = f"{SOURCE}:{match.group(1)}"
        if target != entity.id:
            add_unique(entity.links, Link("related", text[max(0, match.start() - 80): match.end() + 60].strip(),
                                          target))


def _tagged(entity: Entity, tag: str, value: str | None) -> None:
    if value is None:
        return
    value = value.rstrip(".").strip()
    if tag == "UN Ref":
        # "QDi.080. Deputy head of … (QDe.004)": only the first sentence is this party's ref.
        for ref in _UN_REF.findall(value.split(". ", 1)[0]):
            add_unique(entity.identifiers, Identifier("un_reference", ref))
    elif tag == "UK Sanctions List Ref":
        # "INU0082 and SYR0310. Listed under…": the refs, then prose (kept in remarks).
        for ref in _UK_REF.findall(value.split(". ", 1)[0]):
            add_property(entity, "uk_sanctions_list_ref", ref)
    elif tag == "Gender":
        entity.gender = value.lower()
    elif tag in _TAG_IDENTIFIERS:
        kind = _TAG_IDENTIFIERS[tag]
        values = [v for v in _SPLIT_CONTACT.split(value) if v] if kind in {"email", "website"} else [value]
        for v in values:
            add_unique(entity.identifiers, Identifier(kind, v))
    else:
        add_property(entity, tag.lower().replace(" ", "_"), value)
