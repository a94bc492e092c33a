"""OFAC classic XML (``sdnList``: SDN.XML, CONSOLIDATED.XML).

Published under two namespaces over the years: ``http://tempuri.org/sdnList.xsd`` (the
Treasury site until 2024) and the Sanctions List Service one
(``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML``).
Both are read alike (namespaces are stripped by :mod:`uavscreen.sources.safexml`, which
also refuses DTDs and entity tricks).  Unlike the CSV, the XML has elements for aliases
(with strong/weak category), addresses, dates and places of birth, nationalities and
documents; its ``idList`` entries use the remarks vocabulary ("Vessel Registration
Identification", "Secondary sanctions risk:", ...) and go through the same statement
parser as the CSV remarks, so a party comes out the same from either format.

``<Record_Count>`` is checked against the entries read: a mismatch means a damaged file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, Entity, Identifier, Link, NameKind
from uavscreen.sources import ofac_common as common
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import logical_name
from uavscreen.sources.ofac_remarks import (
    RemarkFacts,
    parse_birth_dates,
    parse_remarks,
    parse_statement,
)
from uavscreen.sources.safexml import child_text, iter_records, location, text

NAME = "ofac_xml"
NAMESPACES = (
    b"http://tempuri.org/sdnList.xsd",
    b"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML",
)
_PUBLISH_DATE = re.compile(rb"<(?:\w+:)?Publish_Date>\s*([^<]+?)\s*</")


def _source_for(path: Path) -> str | None:
    name = logical_name(path).upper()
    if not name.endswith(".XML"):
        return None
    if name.startswith("CONS"):
        return common.SOURCE_CONS
    if name.startswith("SDN") and "ENHANCED" not in name and "ADVANCED" not in name:
        return common.SOURCE_SDN
    return None


def claim(path: Path, head: bytes) -> str | None:
    """SDN*.XML / CONS*.XML whose root is ``sdnList`` in one of OFAC's namespaces."""
    source = _source_for(path)
    if source is None or b"<sdnList" not in head:
        return None
    return source if any(ns in head for ns in NAMESPACES) else None


def version(snapshot: Snapshot) -> str | None:
    """``<Publish_Date>MM/DD/YYYY</Publish_Date>`` of the first file, as YYYY-MM-DD."""
    return common.date_in_head(snapshot, _PUBLISH_DATE)


def _name(parent: etree._Element) -> str:
    return common.full_name(child_text(parent, "lastName"), child_text(parent, "firstName"))


def _alias_kind(aka: etree._Element) -> NameKind:
    alias_type = (child_text(aka, "type") or "a.k.a.").lower()
    if alias_type == "f.k.a.":
        return NameKind.FORMER
    if (child_text(aka, "category") or "strong").lower() == "weak":
        return NameKind.WEAK_ALIAS
    return NameKind.STRONG_ALIAS


def _address(el: etree._Element) -> Address | None:
    street = ", ".join(v for v in (child_text(el, f"address{i}") for i in (1, 2, 3)) if v) or None
    city = child_text(el, "city")
    region = ", ".join(v for v in (child_text(el, "stateOrProvince"), child_text(el, "region")) if v) or None
    postal = child_text(el, "postalCode")
    country = child_text(el, "country")
    parts = [p for p in (street, city, region, postal, country) if p]
    if not parts:
        return None
    return Address(full=", ".join(parts), street=street, city=city, region=region,
                   postal_code=postal, country=country_code(country))


def _id_statement(el: etree._Element) -> str:
    """An idList entry re-written as the remarks statement OFAC prints for it."""
    statement = " ".join(v for v in (child_text(el, "idType"), child_text(el, "idNumber")) if v)
    if country := child_text(el, "idCountry"):
        statement += f" ({country})"
    if issued := child_text(el, "issueDate"):
        statement += f" issued {issued}"
    if expires := child_text(el, "expirationDate"):
        statement += f" expires {expires}"
    return statement


def _facts(entry: etree._Element) -> RemarkFacts:
    facts = RemarkFacts()
    for el in entry.iterfind("idList/id"):
        parse_statement(_id_statement(el), facts)
    for el in entry.iterfind("dateOfBirthList/dateOfBirthItem/dateOfBirth"):
        value = text(el)
        if value:
            parsed = parse_birth_dates(value)
            if parsed:
                facts.birth_dates.extend(parsed)
            else:
                facts.add_property("birthDateText", value)
    for el in entry.iterfind("placeOfBirthList/placeOfBirthItem/placeOfBirth"):
        if value := text(el):
            facts.birth_places.append(value)
    for path, word in (("nationalityList/nationality/country", "nationality"),
                       ("citizenshipList/citizenship/country", "citizen")):
        for el in entry.iterfind(path):
            if value := text(el):
                parse_statement(f"{word} {value}", facts)
    return parse_remarks(child_text(entry, "remarks"), facts)


def _vessel(entry: etree._Element, entity: Entity) -> None:
    info = entry.find("vesselInfo")
    if info is None:
        return
    if call_sign := child_text(info, "callSign"):
        entity.identifiers.append(Identifier(type="call_sign", value=call_sign))
    for key, tag in (("vesselType", "vesselType"), ("flag", "vesselFlag"), ("owner", "vesselOwner"),
                     ("tonnage", "tonnage"), ("grossRegisteredTonnage", "grossRegisteredTonnage")):
        common.add_property(entity, key, child_text(info, tag))
    common.add_country(entity, country_code(child_text(info, "vesselFlag")))
    if owner := child_text(info, "vesselOwner"):
        entity.links.append(Link(relation="owner", text=owner))


def _entity(entry: etree._Element, source: str, snapshot: Snapshot, path: Path) -> Entity:
    uid = child_text(entry, "uid")
    if uid is None or not uid.isdigit():
        raise SourceError(path, location(entry), f"sdnEntry without a numeric <uid> ({uid!r})")
    primary = _name(entry)
    if not primary:
        raise SourceError(path, location(entry, f"uid {uid}"), "sdnEntry without a name")
    schema = common.schema_for(child_text(entry, "sdnType"))
    entity = Entity(
        id=f"{source}:{uid}", schema=schema, source=source, source_version=snapshot.version,
        programs=[p for p in (text(el) for el in entry.iterfind("programList/program")) if p],
        remarks=child_text(entry, "remarks"),
    )
    entity.names.append(common.make_name(primary, NameKind.PRIMARY, schema))
    for aka in entry.iterfind("akaList/aka"):
        if alias := _name(aka):
            entity.names.append(common.make_name(alias, _alias_kind(aka), schema))
    for el in entry.iterfind("addressList/address"):
        address = _address(el)
        if address is not None:
            entity.addresses.append(address)
            common.add_country(entity, address.country)
    common.add_property(entity, "title", child_text(entry, "title"))
    _vessel(entry, entity)
    common.apply_facts(entity, _facts(entry))
    return common.finish(entity)


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Every ``sdnEntry`` of every file of the snapshot."""
    for path in snapshot.files:
        declared: int | None = None
        count = 0
        for element, _root in iter_records(path, {"sdnEntry", "publshInformation"}):
            if element.tag == "publshInformation":
                raw = child_text(element, "Record_Count")
                declared = int(raw) if raw and raw.isdigit() else None
                continue
            count += 1
            yield _entity(element, snapshot.source, snapshot, path)
        if declared is not None and declared != count:
            raise SourceError(path, "end of file",
                              f"Record_Count says {declared} entries but the file holds {count}")
