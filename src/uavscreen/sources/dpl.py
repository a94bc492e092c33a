"""BIS Denied Persons List (``dpl.txt``): tab-delimited, one row per address.

A denied person appears on as many rows as the order lists addresses, and a person under
several orders (a renewed temporary denial order, two separate orders) appears on rows
with different dates and Federal Register citations.  Screening must show one party with
everything BIS says about it, so rows are grouped by the listed name (whitespace and
case normalised; the file has no other person key, and the same order's FR citation is
spelt differently from row to row) into one :class:`Entity` ``bis_dpl:<key>``, where key
is a hash of the normalised name, stable across updates.  Every row's address and every
distinct order (effective/expiration date, standard order, last update, action, FR
citation) is kept.  Impossible dates (the source's ``3033-09-30`` and ``1023-11-01``
typos) are kept as written and flagged in ``properties['date_anomalies']``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, Entity, NameKind
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.delimited import dict_rows
from uavscreen.sources.entity_parts import add_name, add_property, add_unique, clean
from uavscreen.sources.fileio import logical_name

NAME = "dpl"
SOURCE = "bis_dpl"
PROGRAM = "BIS-DPL"
COLUMNS = (
    "Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date",
    "Expiration_Date", "Standard_Order", "Last_Update", "Action", "FR_Citation",
)
_HEADER = b'"Name"\t"Street_Address"'
#: Dates outside these years are taken as typos (the file has ``3033-09-30`` and
#: ``1023-11-01``; BIS orders start in the 1980s and run at most ~50 years).
_PLAUSIBLE_YEARS = range(1900, 2101)
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The grouping key of a listed name: whitespace collapsed, upper-cased."""
    return _SPACES.sub(" ", name).strip().upper()


def entity_id(name: str) -> str:
    """``bis_dpl:<16 hex of sha256(name key)>``: stable, and distinct for names that only
    differ in punctuation (``AL-NASER AIRLINES`` / ``AL NASER AIRLINES`` are two rows)."""
    return f"{SOURCE}:{hashlib.sha256(name_key(name).encode()).hexdigest()[:16]}"


def _parse_date(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value.strip(), fmt).date()
    except ValueError:
        return None


@dataclass(slots=True)
class _Group:
    """The rows of one denied person, in file order."""

    name: str
    first_line: int
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _address(row: dict[str, str]) -> Address | None:
    street, city, region = clean(row["Street_Address"]), clean(row["City"]), clean(row["State"])
    postal, raw_country = clean(row["Postal_Code"]), clean(row["Country"])
    parts = [p for p in (street, city, region, postal, raw_country) if p]
    if not parts:
        return None
    return Address(", ".join(parts), street, city, region, postal, country_code(raw_country))


def _order(entity: Entity, path: Path, line: int, row: dict[str, str]) -> str:
    """Record one row's order facts; return its ISO effective date ('' if none)."""
    effective = ""
    for column, fmt in (("Effective_Date", "%m/%d/%Y"), ("Expiration_Date", "%m/%d/%Y"), ("Last_Update", "%Y-%m-%d")):
        raw = clean(row[column])
        if raw is None:
            continue
        parsed = _parse_date(raw, fmt)
        if parsed is None:
            raise SourceError(path, f"line {line}, column {column}", f"not a date: {raw!r}")
        add_property(entity, column.lower(), raw)
        if parsed.year not in _PLAUSIBLE_YEARS:
            add_property(entity, "date_anomalies", f"line {line}: {column} {raw} is implausible (source typo)")
        if column == "Effective_Date":
            effective = parsed.isoformat()
    for column in ("Standard_Order", "Action", "FR_Citation"):
        add_property(entity, column.lower(), row[column])
    parts = [f"{c}={clean(row[c])}" for c in COLUMNS[6:] if clean(row[c])]
    add_property(entity, "orders", "; ".join(parts))
    return effective


def _entity(group: _Group, path: Path) -> Entity:
    entity = Entity(id=entity_id(group.name), schema="LegalEntity", source=SOURCE)
    add_name(entity, group.name, NameKind.PRIMARY)
    entity.programs.append(PROGRAM)
    effective_dates: list[str] = []
    for line, row in group.rows:
        address = _address(row)
        if address is not None:
            add_unique(entity.addresses, address)
            add_unique(entity.countries, address.country)
        else:
            add_property(entity, "rows_without_address", f"line {line}")
        effective = _order(entity, path, line, row)
        if effective:
            effective_dates.append(effective)
    entity.listed_on = min(effective_dates) if effective_dates else None
    add_property(entity, "lines", ", ".join(str(line) for line, _ in group.rows))
    return entity


def _groups(path: Path) -> Iterator[_Group]:
    """Group rows by name key.  Rows of one name need not be adjacent, so the groups are
    held until the end of the file: the official file has under 1,000 rows."""
    pending: dict[str, _Group] = {}
    for line, row in dict_rows(path, delimiter="\t", required=COLUMNS):
        name = clean(row["Name"])
        if name is None:
            raise SourceError(path, f"line {line}, column Name", "row has no name")
        key = name_key(name)
        group = pending.get(key)
        if group is None:
            group = pending[key] = _Group(name, line)
        group.rows.append((line, row))
    yield from pending.values()


def claim(path: Path, head: bytes) -> str | None:
    """``dpl.txt`` (any name ending .txt/.tsv/.csv) whose first line is the quoted DPL header."""
    name = logical_name(path).lower()
    if name.endswith((".txt", ".tsv", ".csv")) and head.removeprefix(b"\xef\xbb\xbf").startswith(_HEADER):
        return SOURCE
    return None


def version(snapshot: Snapshot) -> str | None:
    """The file carries no publication date: the newest plausible ``Last_Update`` is a lower
    bound only, so discovery uses the folder date instead."""
    return None


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Stream one Entity per denied person (rows grouped by name, see module docs)."""
    for path in snapshot.files:
        for group in _groups(path):
            entity = _entity(group, path)
            entity.source_version = snapshot.version or None
            yield entity
