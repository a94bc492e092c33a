"""OFAC Enhanced XML (``SDN_ENHANCED.XML`` / ``CONS_ENHANCED.XML``, usually zipped).

The richest OFAC format: every name carries its translations (Latin plus original
script, e.g. Cyrillic for Russian banks), addresses come in typed parts, identity
documents and relationships between entries are elements, and the remaining facts are
``feature`` elements typed with the same vocabulary as the legacy remarks.  Features and
documents therefore go through :func:`uavscreen.sources.ofac_remarks.parse_statement`,
so an entry comes out as the same Entity as from the CSV or classic XML; relationships
become :class:`Link` s with the related entry's id.

Which list a file holds (SDN or consolidated) is read from ``publicationInfo/filters``;
the snapshot date from ``<dataAsOf>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, Entity, Link, NameKind
from uavscreen.sources import ofac_common as common
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import logical_name
from uavscreen.sources.ofac_remarks import RemarkFacts, parse_birth_dates, parse_statement
from uavscreen.sources.safexml import child_text, iter_records, location, text

NAME = "ofac_enhanced"
NAMESPACE = b"https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
_DATA_AS_OF = re.compile(rb"<(?:\w+:)?dataAsOf>\s*([^<]+?)\s*</")
_LIST_FILTER = re.compile(rb"<(?:\w+:)?sanctionsList\b[^>]*>\s*([^<]+?)\s*</")
#: Feature types that are remarks statements under another word.
FEATURE_WORDS = {
    "Place of Birth": "POB",
    "Nationality Country": "nationality",
    "Citizenship Country": "citizen",
}
ALIAS_KINDS = {"A.K.A.": NameKind.STRONG_ALIAS, "F.K.A.": NameKind.FORMER, "N.K.A.": NameKind.STRONG_ALIAS}
ADDRESS_PARTS = {"ADDRESS1": "street", "ADDRESS2": "street", "ADDRESS3": "street", "CITY": "city",
                 "STATE/PROVINCE": "region", "REGION": "region", "POSTAL CODE": "postal_code"}


def _source_from_head(head: bytes) -> str | None:
    for found in _LIST_FILTER.finditer(head[:8192]):
        label = found.group(1).decode("utf-8", "replace").lower()
        if "consolidated" in label:
            return common.SOURCE_CONS
        if "sdn" in label:
            return common.SOURCE_SDN
    return None


def claim(path: Path, head: bytes) -> str | None:
    """``*ENHANCED*.XML`` (or its .zip) whose root is ``sanctionsData`` in OFAC's
    Enhanced namespace; the list (SDN or consolidated) from its publication filter,
    else from the file name."""
    name = logical_name(path).upper()
    if "ENHANCED" not in name or not name.endswith((".XML", ".ZIP")):
        return None
    if b"<sanctionsData" not in head or NAMESPACE not in head:
        return None
    found = _source_from_head(head)
    if found:
        return found
    return common.SOURCE_CONS if name.startswith("CONS") else common.SOURCE_SDN


def version(snapshot: Snapshot) -> str | None:
    """``<dataAsOf>2025-01-10T00:00:00</dataAsOf>`` → 2025-01-10."""
    return common.date_in_head(snapshot, _DATA_AS_OF)


def _names(entity_el: etree._Element, entity: Entity) -> None:
    for name_el in entity_el.iterfind("names/name"):
        alias_kind = ALIAS_KINDS.get((child_text(name_el, "aliasType") or "A.K.A.").upper(), NameKind.STRONG_ALIAS)
        if (child_text(name_el, "isPrimary") or "false") == "true":
            kind = NameKind.PRIMARY
        elif alias_kind is NameKind.FORMER:
            kind = NameKind.FORMER  # former names stay former, of whatever quality
        elif (child_text(name_el, "isLowQuality") or "false") == "true":
            kind = NameKind.WEAK_ALIAS
        else:
            kind = alias_kind
        for tr in name_el.iterfind("translations/translation"):
            full = child_text(tr, "formattedFullName") or common.full_name(
                child_text(tr, "formattedLastName"), child_text(tr, "formattedFirstName"))
            if not full:
                continue
            primary_translation = (child_text(tr, "isPrimary") or "true") == "true"
            this_kind = kind if primary_translation else NameKind.ORIGINAL_SCRIPT
            entity.names.append(common.make_name(full, this_kind, entity.schema))


def _address(addr_el: etree._Element) -> Address | None:
    fields: dict[str, list[str]] = {}
    for tr in addr_el.iterfind("translations/translation"):
        if (child_text(tr, "isPrimary") or "true") != "true":
            continue
        for part in tr.iterfind("addressParts/addressPart"):
            key = ADDRESS_PARTS.get((child_text(part, "type") or "").upper(), "street")
            if value := child_text(part, "value"):
                fields.setdefault(key, []).append(value)
    country = child_text(addr_el, "country")
    joined = {k: ", ".join(v) for k, v in fields.items()}
    parts = [joined.get(k) for k in ("street", "city", "region", "postal_code")] + [country]
    full = ", ".join(p for p in parts if p)
    if not full:
        return None
    return Address(full=full, street=joined.get("street"), city=joined.get("city"),
                   region=joined.get("region"), postal_code=joined.get("postal_code"),
                   country=country_code(country))


def _feature(feature: etree._Element, facts: RemarkFacts) -> None:
    ftype = child_text(feature, "type") or ""
    value = child_text(feature, "value") or ""
    if ftype == "Birthdate":
        dates = parse_birth_dates(value)
        approx = feature.findtext("valueDate/isApproximate") == "true"
        for d in dates:
            d.circa = d.circa or approx
        if dates:
            facts.birth_dates.extend(dates)
        else:
            facts.add_property("birthDateText", value)
    else:
        parse_statement(f"{FEATURE_WORDS.get(ftype, ftype)} {value}".strip(), facts)
    if comment := child_text(feature, "comments"):
        facts.add_property(f"{ftype.rstrip(' :-')} comment", comment)


def _document_statement(doc: etree._Element) -> str:
    statement = " ".join(v for v in (child_text(doc, "type"), child_text(doc, "documentNumber")) if v)
    if country := child_text(doc, "issuingCountry"):
        statement += f" ({country})"
    notes = [f"issued by {a}" for a in (child_text(doc, "issuingAuthority"),) if a]
    notes += [f"issued in {loc}" for loc in (child_text(doc, "issuingLocation"),) if loc]
    if child_text(doc, "isValid") == "false":
        notes.append("not valid")
    return statement + (" " + "; ".join(notes) if notes and country else "")


def _entity(entity_el: etree._Element, source: str, snapshot: Snapshot, path: Path) -> Entity:
    uid = entity_el.get("id")
    if not uid or not uid.isdigit():
        raise SourceError(path, location(entity_el), f"entity without a numeric id ({uid!r})")
    schema = common.schema_for(entity_el.findtext("generalInfo/entityType"))
    entity = Entity(
        id=f"{source}:{uid}", schema=schema, source=source, source_version=snapshot.version,
        programs=[p for p in (text(e) for e in entity_el.iterfind("sanctionsPrograms/sanctionsProgram")) if p],
        remarks=text(entity_el.find("generalInfo/remarks")),
    )
    _names(entity_el, entity)
    if not any(n.kind is NameKind.PRIMARY for n in entity.names):
        raise SourceError(path, location(entity_el, f"id {uid}"), "entity without a primary name")
    published = []
    for el in entity_el.iterfind("sanctionsLists/sanctionsList"):
        common.add_property(entity, "sanctionsList", text(el))
        if date := el.get("datePublished"):
            published.append(date)
    entity.listed_on = min(published) if published else None
    for tag, key in (("sanctionsTypes/sanctionsType", "sanctionsType"),
                     ("legalAuthorities/legalAuthority", "legalAuthority")):
        for el in entity_el.iterfind(tag):
            common.add_property(entity, key, text(el))
    for addr_el in entity_el.iterfind("addresses/address"):
        address = _address(addr_el)
        if address is not None:
            entity.addresses.append(address)
            common.add_country(entity, address.country)
    facts = RemarkFacts()
    for feature in entity_el.iterfind("features/feature"):
        _feature(feature, facts)
    for doc in entity_el.iterfind("identityDocuments/identityDocument"):
        parse_statement(_document_statement(doc), facts)
    common.apply_facts(entity, facts)
    for rel in entity_el.iterfind("relationships/relationship"):
        related = rel.find("relatedEntity")
        target = related.get("entityId") if related is not None else None
        entity.links.append(Link(
            relation=child_text(rel, "type") or "related",
            text=text(related) or "",
            target=f"{source}:{target}" if target else None,
        ))
    return common.finish(entity)


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Every ``entity`` element of every file of the snapshot."""
    for path in snapshot.files:
        for element, _root in iter_records(path, {"entity"}):
            yield _entity(element, snapshot.source, snapshot, path)
