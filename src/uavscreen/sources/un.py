"""UN Security Council Consolidated List (``consolidated.xml``, ``CONSOLIDATED_LIST``).

The UN list is the root of most national lists: UK and OFAC records cite its reference
numbers (``IRe.001``), so every record keeps its REFERENCE_NUMBER as a ``un_reference``
identifier for linking.  One ``INDIVIDUAL`` / ``ENTITY`` element becomes one Entity
``un_sc:<REFERENCE_NUMBER>``; see ``docs/sources/un-uk-eu.md`` for the field mapping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from uavscreen.model import BirthDate, Entity, Identifier, Link, NameKind
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.entity_parts import (
    add_address,
    add_country,
    add_name,
    add_property,
    add_unique,
    clean,
)
from uavscreen.sources.safexml import child_text, iter_records, location, root_attributes, text

NAME = "un_xml"
SOURCE = "un_sc"
SCHEMAS = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
NAME_PARTS = (("FIRST_NAME", "first"), ("SECOND_NAME", "second"), ("THIRD_NAME", "third"),
              ("FOURTH_NAME", "fourth"))
ALIAS_KINDS = {
    "good": NameKind.STRONG_ALIAS,
    "a.k.a.": NameKind.STRONG_ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
}
# Elements holding <VALUE> children and where their values go.
_VALUE_LISTS = {"TITLE": "title", "DESIGNATION": "position", "LIST_TYPE": "list_type",
                "LAST_DAY_UPDATED": "last_updated"}
# Elements that carry nothing (always empty in the published file).
_EMPTY_OK = {"SORT_KEY", "SORT_KEY_LAST_MOD"}
_UN_REF = re.compile(r"\b[A-Z]{2}[ie]\.\d{3}\b")


def claim(path: Path, head: bytes) -> str | None:
    if path.name.lower().removesuffix(".gz").endswith(".xml") and b"<CONSOLIDATED_LIST" in head:
        return SOURCE
    return None


def version(snapshot: Snapshot) -> str | None:
    for path in snapshot.files:
        generated = root_attributes(path).get("dateGenerated")
        if generated:
            return generated[:10]
    return None


def load(snapshot: Snapshot) -> Iterator[Entity]:
    for path in snapshot.files:
        for element, _root in iter_records(path, set(SCHEMAS)):
            yield _record(path, element, snapshot.version)


def _record(path: Path, el: etree._Element, snapshot_version: str) -> Entity:
    ref = child_text(el, "REFERENCE_NUMBER")
    if ref is None:
        raise SourceError(path, location(el, f"DATAID {child_text(el, 'DATAID')}"),
                          "record has no REFERENCE_NUMBER")
    entity = Entity(id=f"{SOURCE}:{ref}", schema=SCHEMAS[el.tag], source=SOURCE,
                    source_version=snapshot_version)
    entity.identifiers.append(Identifier("un_reference", ref))
    handlers: dict[str, Callable[[etree._Element], None]] = {
        "INDIVIDUAL_ALIAS": lambda c: _alias(entity, c),
        "ENTITY_ALIAS": lambda c: _alias(entity, c),
        "INDIVIDUAL_ADDRESS": lambda c: _address(entity, c),
        "ENTITY_ADDRESS": lambda c: _address(entity, c),
        "INDIVIDUAL_DATE_OF_BIRTH": lambda c: _birth_date(path, entity, c),
        "INDIVIDUAL_PLACE_OF_BIRTH": lambda c: _birth_place(entity, c),
        "INDIVIDUAL_DOCUMENT": lambda c: _document(entity, c),
        "NATIONALITY": lambda c: _nationality(entity, c),
    }
    _primary_name(entity, el)
    for child in el:
        tag = str(child.tag)
        value = text(child)
        if tag in handlers:
            handlers[tag](child)
        elif tag in _VALUE_LISTS:
            for v in child.iter("VALUE"):
                add_property(entity, _VALUE_LISTS[tag], text(v))
        elif tag == "NAME_ORIGINAL_SCRIPT":
            add_name(entity, value, NameKind.ORIGINAL_SCRIPT)
        elif tag == "UN_LIST_TYPE":
            add_unique(entity.programs, value)
        elif tag == "LISTED_ON":
            entity.listed_on = value
        elif tag == "COMMENTS1":
            entity.remarks = value
            _mentions(entity, value, ref)
        elif tag == "GENDER":
            entity.gender = value.lower() if value else None
        elif tag in {part for part, _ in NAME_PARTS} or tag == "REFERENCE_NUMBER" or tag in _EMPTY_OK:
            continue
        else:  # DATAID, VERSIONNUM and anything the schema adds later
            add_property(entity, tag.lower(), value)
    return entity


def _mentions(entity: Entity, remarks: str | None, own_ref: str) -> None:
    """Comments cite other listings by reference ("Jamil Mukulu (CDi.015)"): keep them as links."""
    for match in _UN_REF.finditer(remarks or ""):
        if match.group(0) != own_ref:
            start = max(0, match.start() - 60)
            add_unique(entity.links, Link("mentions", remarks[start: match.end() + 1].strip() if remarks else "",
                                          f"{SOURCE}:{match.group(0)}"))


def _primary_name(entity: Entity, el: etree._Element) -> None:
    parts = {key: v for tag, key in NAME_PARTS if (v := child_text(el, tag)) is not None}
    full = " ".join(parts.values())
    add_name(entity, full, NameKind.PRIMARY, parts=parts if entity.schema == "Person" else None)


def _alias(entity: Entity, el: etree._Element) -> None:
    name = child_text(el, "ALIAS_NAME")
    quality = (child_text(el, "QUALITY") or "").lower()
    if name is None:
        return
    add_name(entity, name, ALIAS_KINDS.get(quality, NameKind.STRONG_ALIAS))
    # Some aliases carry their own birth data (alias passports); keep them on the entity.
    dob = child_text(el, "DATE_OF_BIRTH")
    if dob is not None:
        add_unique(entity.birth_dates, BirthDate(dob, original=f"alias {name}"))
    place = ", ".join(v for t in ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH") if (v := child_text(el, t)))
    add_unique(entity.birth_places, place or None)
    note = child_text(el, "NOTE")
    if note is not None:
        add_property(entity, "alias_note", f"{name}: {note}")


def _address(entity: Entity, el: etree._Element) -> None:
    street = child_text(el, "STREET")
    add_address(entity, [street] if street else [], child_text(el, "CITY"), child_text(el, "STATE_PROVINCE"),
                child_text(el, "ZIP_CODE"), child_text(el, "COUNTRY"), child_text(el, "NOTE"))


def _nationality(entity: Entity, el: etree._Element) -> None:
    for v in el.iter("VALUE"):
        add_country(entity, entity.nationalities, text(v), "nationality")


def _birth_date(path: Path, entity: Entity, el: etree._Element) -> None:
    kind = (child_text(el, "TYPE_OF_DATE") or "").upper()
    note = child_text(el, "NOTE")
    circa = kind in {"APPROXIMATELY", "BETWEEN"}
    values = [v for tag in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR") if (v := child_text(el, tag))]
    for value in values:
        if not (len(value) in (4, 7, 10) and value[:4].isdigit()):
            raise SourceError(path, location(el, entity.id), f"unreadable date of birth {value!r}")
        original = kind.lower() if kind and kind != "EXACT" else None
        if note:
            original = f"{original}; {note}" if original else note
        add_unique(entity.birth_dates, BirthDate(value, circa=circa, original=original))
    if not values and note:
        add_property(entity, "birth_date_note", note)


def _birth_place(entity: Entity, el: etree._Element) -> None:
    parts = [v for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY") if (v := child_text(el, t))]
    note = child_text(el, "NOTE")
    place = ", ".join(parts)
    if note:
        place = f"{place} ({note})" if place else note
    add_unique(entity.birth_places, place or None)
    add_country(entity, entity.countries, child_text(el, "COUNTRY"), "birth_country")


def _document_type(raw: str) -> str:
    lowered = raw.lower()
    if "passport" in lowered or "passeport" in lowered or "pasaporte" in lowered:
        return "passport"
    if "identification" in lowered or "identity" in lowered:
        return "national_id"
    return "other"


def _document(entity: Entity, el: etree._Element) -> None:
    if len(el) == 0:
        return
    raw_type = clean(child_text(el, "TYPE_OF_DOCUMENT")) or ""
    number = child_text(el, "NUMBER")
    country_text = child_text(el, "ISSUING_COUNTRY") or child_text(el, "COUNTRY_OF_ISSUE")
    details = [
        f"{label}: {v}"
        for tag, label in (("TYPE_OF_DOCUMENT", "type"), ("TYPE_OF_DOCUMENT2", "type 2"),
                           ("ISSUING_COUNTRY", "issued by"), ("COUNTRY_OF_ISSUE", "country of issue"),
                           ("CITY_OF_ISSUE", "city of issue"), ("DATE_OF_ISSUE", "date of issue"),
                           ("NOTE", "note"))
        if (v := clean(child_text(el, tag)))
    ]
    if number is None:  # a document described but not numbered: keep the words
        add_property(entity, "document", "; ".join(details))
        return
    countries: list[str] = []
    add_country(entity, countries, country_text, "document_country")
    entity.identifiers.append(
        Identifier(_document_type(raw_type), number, countries[0] if countries else None,
                   "; ".join(details) or None)
    )
