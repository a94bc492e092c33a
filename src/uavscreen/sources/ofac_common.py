"""What the three OFAC formats (legacy CSV, classic XML, Enhanced XML) share.

OFAC publishes the same records in three formats.  A party must come out of each of them
as the same :class:`Entity` (same id, schema, name spelling, facts), so the decisions that
make an entity live here once: which schema an OFAC type becomes, how a person's name is
spelt, how programs are split, and how parsed facts land on the entity.
"""

from __future__ import annotations

import re

from uavscreen.model import Entity, Name, NameKind
from uavscreen.names.script import detect_script
from uavscreen.sources.base import Snapshot
from uavscreen.sources.fileio import read_head
from uavscreen.sources.ofac_remarks import RemarkFacts, parse_date

SOURCE_SDN = "ofac_sdn"
SOURCE_CONS = "ofac_cons"

#: OFAC record types → schema.  OFAC's "entity" covers companies, banks, ministries,
#: armed forces and militias alike, so it starts as the general ``Organization`` and is
#: narrowed to ``Company`` by :func:`finish` when the record carries a company register,
#: tax or SWIFT number.
SCHEMA_BY_TYPE: dict[str, str] = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Aircraft",
    "entity": "Organization",
}
_COMPANY_EVIDENCE = frozenset({"registration", "tax", "bic"})


def schema_for(ofac_type: str | None) -> str:
    """Schema for an OFAC type as any format writes it ("individual", "Individual",
    None / "-0-" for an entity)."""
    return SCHEMA_BY_TYPE.get((ofac_type or "entity").strip().lower(), "Organization")


def split_programs(text: str | None) -> list[str]:
    """The CSV program column ``"SDGT] [IFSR"`` (brackets as OFAC writes them) → codes."""
    if not text:
        return []
    return [p.strip(" []") for p in text.split("] [") if p.strip(" []")]


def full_name(last: str | None, first: str | None) -> str:
    """OFAC's own spelling of a name from its parts: ``LAST, First`` (as the CSV writes it)."""
    last = (last or "").strip()
    first = (first or "").strip()
    return f"{last}, {first}" if last and first else (last or first)


def make_name(value: str, kind: NameKind, schema: str, lang: str | None = None) -> Name:
    """A Name with its script; person names written ``LAST, First`` also get their parts."""
    parts: dict[str, str] | None = None
    if schema == "Person" and ", " in value:
        last, first = value.split(", ", 1)
        parts = {"lastName": last, "firstName": first}
    return Name(value=value, kind=kind, script=detect_script(value), lang=lang, parts=parts)


def apply_facts(entity: Entity, facts: RemarkFacts) -> None:
    """Move parsed remark/feature facts onto ``entity`` (aliases become names)."""
    for alias, kind in facts.aliases:
        entity.names.append(make_name(alias, kind, entity.schema))
    entity.birth_dates.extend(facts.birth_dates)
    entity.birth_places.extend(facts.birth_places)
    for code in facts.nationalities:
        if code not in entity.nationalities:
            entity.nationalities.append(code)
    for code in facts.countries:
        if code not in entity.countries:
            entity.countries.append(code)
    if facts.citizenships:
        entity.properties.setdefault("citizenship", []).extend(facts.citizenships)
    entity.identifiers.extend(facts.identifiers)
    if facts.gender and entity.gender is None:
        entity.gender = facts.gender
    entity.links.extend(facts.links)
    for key, values in facts.properties.items():
        target = entity.properties.setdefault(key, [])
        target.extend(v for v in values if v not in target)


def add_property(entity: Entity, key: str, value: str | None) -> None:
    if value:
        values = entity.properties.setdefault(key, [])
        if value not in values:
            values.append(value)


def add_country(entity: Entity, code: str | None) -> None:
    if code and code not in entity.countries:
        entity.countries.append(code)


def date_in_head(snapshot: Snapshot, pattern: re.Pattern[bytes]) -> str | None:
    """The publication date the XML formats write near the top of the file (first
    capture group of ``pattern``) as YYYY-MM-DD, from the first file that has one."""
    for path in snapshot.files:
        found = pattern.search(read_head(path))
        if found:
            return parse_date(found.group(1).decode("ascii", "replace"))
    return None


def finish(entity: Entity) -> Entity:
    """Last touches common to every format: narrow Organization → Company (see
    :data:`SCHEMA_BY_TYPE`)."""
    if entity.schema == "Organization" and any(i.type in _COMPANY_EVIDENCE for i in entity.identifiers):
        entity.schema = "Company"
    return entity
