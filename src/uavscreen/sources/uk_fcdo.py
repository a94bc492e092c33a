"""FCDO UK Sanctions List XML (``UK-Sanctions-List.xml``, root ``Designations``).

In January 2026 the FCDO UK Sanctions List replaced OFSI's ConList as the UK's list.  Unlike
ConList it has one ``Designation`` element per designation, with its names, addresses and
individual / ship details nested inside, so one element becomes one Entity
``uk_fcdo:<UniqueID>`` (``UniqueID`` is the "UK Sanctions List Ref", e.g. ``RUS1655``).
``OFSIGroupID`` points at the ConList record of the same party and ``UNReferenceNumber``
at the UN one; both are kept for linking.

No real copy of this file was available while this loader was written (the published
XML is larger than any mirror kept); it follows the element names used by public parsers
of the official file (see ``docs/sources/un-uk-eu.md``).  Elements it does not know are
kept in ``Entity.properties`` under their tag, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

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
from uavscreen.sources.fileio import logical_name
from uavscreen.sources.safexml import child_text, iter_records, location, text

NAME = "uk_fcdo_xml"
SOURCE = "uk_fcdo"
SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
NAME_KINDS = {"primary name": NameKind.PRIMARY, "primary name variation": NameKind.STRONG_ALIAS,
              "alias": NameKind.STRONG_ALIAS}
# Elements whose children belong together; handled as a unit, not leaf by leaf.
GROUPS = {"Name", "NonLatinName", "Address", "Passport", "NationalIdentifier", "Location"}
# Leaves with a typed home; every other leaf goes to properties under its tag.
_IDENTIFIER_LEAVES = {"PhoneNumber": "phone", "EmailAddress": "email", "WebsiteAddress": "website",
                      "Website": "website", "BusinessRegistrationNumber": "registration",
                      "IMONumber": "imo", "UNReferenceNumber": "un_reference"}
_SKIP_LEAVES = {"UniqueID", "IndividualEntityShip"}
# Property keys shared with the ConList loader, so both UK lists read alike.
_RENAMED = {"UKStatementofReasons": "uk_statement_of_reasons", "CurrentBelievedFlagOfShip": "flag_of_ship",
            "CurrentOwnerOperator": "current_owners", "PreviousFlag": "previous_flags"}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT_CONTACT = re.compile(r"[\s;,]+")


def claim(path: Path, head: bytes) -> str | None:
    if logical_name(path).lower().endswith(".xml") and b"<Designations" in head and b"<Designation>" in head:
        return SOURCE
    return None


def version(snapshot: Snapshot) -> str | None:
    for path in snapshot.files:
        for element, _root in iter_records(path, {"DateGenerated", "Designation"}):
            if element.tag == "DateGenerated":
                return iso_from_dmy(text(element))
            break
    return None


def load(snapshot: Snapshot) -> Iterator[Entity]:
    for path in snapshot.files:
        for element, _root in iter_records(path, {"Designation"}):
            yield _designation(path, element, snapshot.version)


def _snake(tag: str) -> str:
    return _RENAMED.get(tag) or _CAMEL.sub("_", tag).lower()


def _designation(path: Path, el: etree._Element, snapshot_version: str) -> Entity:
    unique_id = child_text(el, "UniqueID")
    if unique_id is None:
        raise SourceError(path, location(el), "Designation has no UniqueID")
    kind = (child_text(el, "IndividualEntityShip") or "").lower()
    if kind not in SCHEMAS:
        raise SourceError(path, location(el, unique_id),
                          f"unknown IndividualEntityShip {child_text(el, 'IndividualEntityShip')!r}")
    entity = Entity(id=f"{SOURCE}:{unique_id}", schema=SCHEMAS[kind], source=SOURCE,
                    source_version=snapshot_version)
    add_property(entity, "uk_sanctions_list_ref", unique_id)
    for name in el.iter("Name"):
        _name(path, entity, name)
    for name in el.iter("NonLatinName"):
        add_name(entity, child_text(name, "NameNonLatinScript"), NameKind.ORIGINAL_SCRIPT,
                 lang=language(child_text(name, "NonLatinScriptLanguage")))
        add_property(entity, "non_latin_script_type", child_text(name, "NonLatinScriptType"))
    for address in el.iter("Address"):
        _address(entity, address)
    for location_el in el.iter("Location"):
        _birth_place(entity, location_el)
    for doc_tag, kind_name, number_tag, info_tag in (
        ("Passport", "passport", "PassportNumber", "PassportAdditionalInformation"),
        ("NationalIdentifier", "national_id", "NationalIdentifierNumber",
         "NationalIdentifierAdditionalInformation"),
    ):
        for doc in el.iter(doc_tag):
            _document(entity, kind_name, child_text(doc, number_tag), child_text(doc, info_tag))
    for leaf in el.iter():
        if len(leaf) or not isinstance(leaf.tag, str) or leaf is el:
            continue
        if any(a.tag in GROUPS for a in leaf.iterancestors()) or leaf.tag in GROUPS:
            continue
        _leaf(path, entity, leaf)
    return entity


def _name(path: Path, entity: Entity, el: etree._Element) -> None:
    parts = {f"name{i}": v for i in range(1, 7) if (v := child_text(el, f"Name{i}"))}
    name_type = (child_text(el, "NameType") or "").lower()
    strength = (child_text(el, "AliasStrength") or "").lower()
    kind = NAME_KINDS.get(name_type)
    if kind is None:
        raise SourceError(path, location(el, entity.native_id), f"unknown NameType {child_text(el, 'NameType')!r}")
    if kind is not NameKind.PRIMARY and strength.startswith("low"):
        kind = NameKind.WEAK_ALIAS
    full = " ".join(parts.values()) or child_text(el, "Name")
    add_name(entity, full, kind, parts=parts if entity.schema == "Person" else None)


def _address(entity: Entity, el: etree._Element) -> None:
    lines = [v for i in range(1, 6) if (v := child_text(el, f"AddressLine{i}"))]
    add_address(entity, lines, child_text(el, "AddressLine6"), None, child_text(el, "AddressPostalCode"),
                child_text(el, "AddressCountry"))


def _birth_place(entity: Entity, el: etree._Element) -> None:
    town, country = child_text(el, "TownOfBirth"), child_text(el, "CountryOfBirth")
    add_unique(entity.birth_places, ", ".join(v for v in (town, country) if v) or None)
    add_country(entity, entity.countries, country, "birth_country")


def _document(entity: Entity, kind: str, number: str | None, info: str | None) -> None:
    if number is None:
        add_property(entity, f"{kind}_details", info)
        return
    for existing in entity.identifiers:
        if existing.type == kind and existing.value == number:
            if info and not existing.note:
                existing.note = info
            return
    entity.identifiers.append(Identifier(kind, number, None, info))


def _leaf(path: Path, entity: Entity, leaf: etree._Element) -> None:
    tag, value = str(leaf.tag), clean(leaf.text)
    if value is None or tag in _SKIP_LEAVES:
        return
    parent = leaf.getparent()
    if parent is not None and parent.tag == "SanctionsImposedIndicators":
        if value.lower() == "true":
            add_property(entity, "sanctions_imposed_indicator", _snake(tag))
        return
    if tag in _IDENTIFIER_LEAVES:
        kind = _IDENTIFIER_LEAVES[tag]
        values = [v for v in _SPLIT_CONTACT.split(value) if v] if kind in {"email", "website"} else [value]
        for v in values:
            add_unique(entity.identifiers, Identifier(kind, v))
    elif tag == "DOB":
        dob = day_month_year(value)
        if dob is None:
            raise SourceError(path, location(leaf, entity.native_id), f"unreadable DOB {value!r}")
        add_unique(entity.birth_dates, dob)
    elif tag == "Nationality":
        add_country(entity, entity.nationalities, value, "nationality")
    elif tag == "Gender":
        entity.gender = value.lower()
    elif tag == "RegimeName":
        add_unique(entity.programs, value)
    elif tag == "DateDesignated":
        entity.listed_on = iso_from_dmy(value) or value
    elif tag == "OtherInformation":
        entity.remarks = value
    elif tag == "OFSIGroupID":
        add_property(entity, "ofsi_group_id", value)
        add_unique(entity.links, Link("same_as", f"OFSI Group ID {value}", f"uk_ofsi:{value}"))
    elif tag == "SanctionsImposed":
        for measure in value.split("|"):
            add_property(entity, "sanctions_imposed", measure)
    elif tag == "LastUpdated":
        add_property(entity, "last_updated", iso_from_dmy(value) or value)
    else:  # Title, Position, DesignationSource, UKStatementofReasons, ship details, …
        add_property(entity, _snake(tag), value)
