"""EU consolidated financial sanctions list, FSF XML v1.1 (root ``export``).

The EU file is attribute-heavy: each ``sanctionEntity`` (one listed party, id
``eu_fsf:<logicalId>``) carries ``nameAlias``/``birthdate``/``citizenship``/
``identification``/``address`` children whose data sit in attributes, plus
``regulation`` elements naming the programme.  Names come in many EU languages; the
non-Latin ones (Cyrillic, Greek, Arabic…) are kept as original-script names with their
language, so a query typed in Cyrillic finds them.  The namespace has been published both
as ``http://eu.europa.ec/fpi/fsd/export`` and ``…europa.eu…``: elements are matched by local
name so either works.

No real snapshot was available while this loader was written (the official file is
larger than any mirror kept); it follows the official XSD element/attribute names as
used by public parsers, see ``docs/sources/un-uk-eu.md``.  The per-element
``regulationSummary`` provenance is summarised (regulation titles), not copied per value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from uavscreen.model import Address, BirthDate, Entity, Identifier, NameKind
from uavscreen.names.script import detect_script
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.entity_parts import (
    add_country,
    add_name,
    add_property,
    add_unique,
    clean,
    language,
)
from uavscreen.sources.fileio import logical_name
from uavscreen.sources.safexml import iter_records, location, root_attributes, text

NAME = "eu_fsf_xml"
SOURCE = "eu_fsf"
SCHEMAS = {"person": "Person", "enterprise": "Organization", "entity": "Organization",
           "vessel": "Vessel", "aircraft": "Aircraft"}
IDENTIFICATION_TYPES = {
    "passport": "passport", "id": "national_id", "nationalidentity": "national_id",
    "regnumber": "registration", "fiscalcode": "tax", "tin": "tax", "swiftbic": "bic",
    "swift": "bic", "imo": "imo", "ssn": "national_id",
}
CONTACT_TYPES = {"phone": "phone", "email": "email", "web": "website", "website": "website",
                 "fax": "other"}
_NO_COUNTRY = {"00", ""}


def claim(path: Path, head: bytes) -> str | None:
    if logical_name(path).lower().endswith(".xml") and b"<export" in head and b"/fpi/fsd/export" in head:
        return SOURCE
    return None


def version(snapshot: Snapshot) -> str | None:
    for path in snapshot.files:
        generated = root_attributes(path).get("generationDate")
        if generated:
            return generated[:10]
    return None


def load(snapshot: Snapshot) -> Iterator[Entity]:
    for path in snapshot.files:
        for element, _root in iter_records(path, {"sanctionEntity"}):
            yield _entity(path, element, snapshot.version)


def _attr(el: etree._Element, name: str) -> str | None:
    return clean(el.get(name))


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in {"true", "1", "yes"}


def _entity(path: Path, el: etree._Element, snapshot_version: str) -> Entity:
    logical_id = _attr(el, "logicalId")
    if logical_id is None:
        raise SourceError(path, location(el), "sanctionEntity has no logicalId")
    subject = el.find("subjectType")
    code = (_attr(subject, "code") or "").lower() if subject is not None else ""
    schema = SCHEMAS.get(code)
    if schema is None:
        raise SourceError(path, location(el, f"logicalId {logical_id}"), f"unknown subjectType code {code!r}")
    entity = Entity(id=f"{SOURCE}:{logical_id}", schema=schema, source=SOURCE,
                    source_version=snapshot_version)
    eu_ref = _attr(el, "euReferenceNumber")
    add_property(entity, "eu_reference_number", eu_ref)
    un_ref = _attr(el, "unitedNationId")
    if un_ref:
        entity.identifiers.append(Identifier("un_reference", un_ref))
    add_property(entity, "designation_details", _attr(el, "designationDetails"))
    entity.listed_on = _attr(el, "designationDate")
    remarks = [value for r in el.findall("remark") if (value := text(r))]
    entity.remarks = "\n".join(remarks) or None
    for child in el:
        tag = child.tag
        if tag == "regulation":
            _regulation(entity, child)
        elif tag == "nameAlias":
            _name(entity, child)
        elif tag == "citizenship":
            _country(entity, entity.nationalities, child, "nationality")
        elif tag == "birthdate":
            _birth(path, entity, child)
        elif tag == "identification":
            _identification(entity, child)
        elif tag == "address":
            _address(entity, child)
        elif tag in {"remark", "subjectType"}:
            continue
        elif isinstance(tag, str):  # anything the schema adds later is kept, not dropped
            add_property(entity, tag, text(child) or "; ".join(f"{k}={v}" for k, v in child.attrib.items()))
    if entity.listed_on is None:
        dates = entity.properties.get("regulation_publication_date", [])
        entity.listed_on = min(dates) if dates else None
    if not any(n.kind is NameKind.PRIMARY for n in entity.names):
        raise SourceError(path, location(el, f"logicalId {logical_id}"), "sanctionEntity has no name")
    return entity


def _regulation(entity: Entity, el: etree._Element) -> None:
    add_unique(entity.programs, _attr(el, "programme"))
    add_property(entity, "regulation", _attr(el, "numberTitle"))
    add_property(entity, "regulation_publication_date", _attr(el, "publicationDate"))
    add_property(entity, "source_url", text(el.find("publicationUrl")))


def _name(entity: Entity, el: etree._Element) -> None:
    whole = _attr(el, "wholeName")
    parts = {key: v for key, attr in (("first", "firstName"), ("middle", "middleName"), ("last", "lastName"))
             if (v := _attr(el, attr))}
    if whole is None:
        whole = " ".join(parts.values()) or None
    if whole is None:
        return
    lang = language(_attr(el, "nameLanguage"))
    strong = _attr(el, "strong")
    remark = (text(el.find("remark")) or "").lower()
    weak = (strong is not None and not _truthy(strong)) or "low quality" in remark
    if weak:
        kind = NameKind.WEAK_ALIAS
    elif detect_script(whole) != "Latin":
        kind = NameKind.ORIGINAL_SCRIPT
    elif not any(n.kind is NameKind.PRIMARY for n in entity.names):
        kind = NameKind.PRIMARY
    else:
        kind = NameKind.STRONG_ALIAS
    add_name(entity, whole, kind, lang=lang,
             parts=parts if entity.schema == "Person" and kind is not NameKind.ORIGINAL_SCRIPT else None)
    add_property(entity, "title", _attr(el, "title"))
    add_property(entity, "position", _attr(el, "function"))
    gender = _attr(el, "gender")
    if gender:
        entity.gender = {"m": "male", "f": "female"}.get(gender.lower(), gender.lower())
    if remark and "quality" not in remark:
        add_property(entity, "name_remark", f"{whole}: {text(el.find('remark'))}")


def _country_code(el: etree._Element) -> tuple[str | None, str | None]:
    """ISO code from ``countryIso2Code`` (``00`` = unknown), checked against the description."""
    code = _attr(el, "countryIso2Code")
    description = _attr(el, "countryDescription")
    if description and description.upper() == "UNKNOWN":
        description = None
    return (code.upper() if code and code not in _NO_COUNTRY else None), description


def _country(entity: Entity, target: list[str], el: etree._Element, raw_key: str) -> None:
    code, description = _country_code(el)
    if code is not None:
        add_unique(target, code)
    else:
        add_country(entity, target, description, raw_key)


def _birth(path: Path, entity: Entity, el: etree._Element) -> None:
    circa = _truthy(_attr(el, "circa"))
    full = _attr(el, "birthdate")
    year, month, day = _attr(el, "year"), _attr(el, "monthOfYear"), _attr(el, "dayOfMonth")
    values: list[str] = []
    if full:
        values.append(full)
    elif year:
        value = year
        if month:
            value += f"-{int(month):02d}" if month.isdigit() else ""
            if day and day.isdigit() and month.isdigit():
                value += f"-{int(day):02d}"
        values.append(value)
    for key in ("yearRangeFrom", "yearRangeTo"):
        if (v := _attr(el, key)) is not None:
            values.append(v)
            circa = True
    for value in values:
        if not (len(value) in (4, 7, 10) and value[:4].isdigit()):
            raise SourceError(path, location(el, entity.id), f"unreadable birthdate {value!r}")
        add_unique(entity.birth_dates, BirthDate(value, circa=circa))
    code, description = _country_code(el)
    place = ", ".join(v for k in ("place", "city", "region", "zipCode") if (v := _attr(el, k)))
    place = ", ".join(v for v in (place, description) if v)
    add_unique(entity.birth_places, place or None)
    if code is not None:
        add_unique(entity.countries, code)


def _identification(entity: Entity, el: etree._Element) -> None:
    number = _attr(el, "number") or _attr(el, "latinNumber")
    type_code = (_attr(el, "identificationTypeCode") or "").lower()
    description = _attr(el, "identificationTypeDescription")
    kind = IDENTIFICATION_TYPES.get(type_code)
    if kind is None and description:
        lowered = description.lower()
        kind = "passport" if "passport" in lowered else "bic" if "swift" in lowered else None
    notes = [description] + [
        f"{label}: {v}" for attr, label in (("issuedBy", "issued by"), ("issueDate", "issued"),
                                            ("nameOnDocument", "name on document"),
                                            ("latinNumber", "latin number"), ("region", "region"))
        if (v := _attr(el, attr)) and v != number
    ]
    notes += [flag for flag in ("diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer")
              if _truthy(_attr(el, flag))]
    notes += [v for r in el.findall("remark") if (v := text(r))]
    note = "; ".join(n for n in notes if n) or None
    if number is None:
        add_property(entity, "identification", note)
        return
    code, _description = _country_code(el)
    entity.identifiers.append(Identifier(kind or "other", number, code, note))


def _address(entity: Entity, el: etree._Element) -> None:
    street, po_box = _attr(el, "street"), _attr(el, "poBox")
    city, place, region = _attr(el, "city"), _attr(el, "place"), _attr(el, "region")
    postal = _attr(el, "zipCode")
    code, description = _country_code(el)
    street_full = ", ".join(v for v in (street, po_box and f"P.O. Box {po_box}") if v) or None
    full = ", ".join(v for v in (street_full, place, city, region, postal, description) if v)
    if full:
        add_unique(entity.addresses, Address(full, street_full, city, region, postal, code))
    add_unique(entity.countries, code)
    for contact in el.findall("contactInfo"):
        key, value = (_attr(contact, "key") or "").lower(), _attr(contact, "value")
        if value:
            entity.identifiers.append(Identifier(CONTACT_TYPES.get(key, "other"), value, None,
                                                 None if key in CONTACT_TYPES and key != "fax" else key))
    for remark in el.findall("remark"):
        add_property(entity, "address_remark", text(remark))
