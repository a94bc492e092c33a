"""OpenSanctions / FollowTheMoney entity files (``entities.ftm.json``, JSON lines).

FtM spreads one listed party over several entities: the Person/Company itself, and
Sanction, Address, Passport/Identification and relationship entities (Ownership,
Directorship, Family, UnknownLink …) that point at it.  The model keeps one Entity per
party, so the file is read twice: the first pass keeps the captions of the parties and
every non-party entity (they are the small part of an export), the second pass streams
the parties and folds into each what points at it.  Nothing is dropped:

 * parties: Person, Organization, Company, LegalEntity, Vessel, Aircraft and their FtM
   descendants (PublicBody → Organization …) become ``opensanctions:<id>``;
 * Sanction → ``programs`` (programId), ``listed_on`` (earliest listing/start date) and
   ``properties['sanction.*']``; Address → ``addresses``; Passport/Identification →
   ``identifiers``; edge schemata → ``links`` on both ends;
 * every attached entity is also kept whole as JSON under ``properties['ftm:<Schema>']``,
   every party property the typed fields do not cover under its FtM name, and
   ``datasets``/``referents``/``first_seen``/``last_seen``/``last_change``/``target`` too.

Entities are read with the ``followthemoney`` model, so an unknown schema or property is
an error with its line number rather than a silently skipped record.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from followthemoney import ValueEntity, model
from followthemoney.exc import FollowTheMoneyException
from followthemoney.schema import Schema

from uavscreen.geo.country_names import country_code
from uavscreen.model import SCHEMAS, Address, BirthDate, Entity, Identifier, Link, NameKind
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.entity_parts import add_country, add_name, add_property, add_unique, clean
from uavscreen.sources.fileio import logical_name, open_binary

log = logging.getLogger(__name__)

NAME = "ftm"
SOURCE = "opensanctions"

#: Our schemata in the order a descendant is mapped to its nearest one.
_SCHEMA_ORDER = ("Person", "Company", "Vessel", "Aircraft", "Organization", "LegalEntity")
_NAME_KINDS = {
    "name": NameKind.PRIMARY,
    "alias": NameKind.STRONG_ALIAS,
    "weakAlias": NameKind.WEAK_ALIAS,
    "abbreviation": NameKind.WEAK_ALIAS,
    "previousName": NameKind.FORMER,
}
#: FtM identifier properties → model identifier types (the FtM name is kept as note).
IDENTIFIER_PROPS = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "socialSecurityNumber": "national_id",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "okpoCode": "registration",
    "uscCode": "registration",
    "leiCode": "registration",
    "dunsCode": "registration",
    "taxNumber": "tax",
    "innCode": "tax",
    "vatCode": "tax",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "callSign": "call_sign",
    "swiftBic": "bic",
    "website": "website",
    "email": "email",
    "phone": "phone",
    "serialNumber": "aircraft_serial",
    "uniqueEntityId": "other",
    "permId": "other",
    "wikidataId": "other",
}
_COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry", "flag")
_NATIONALITY_PROPS = ("nationality", "citizenship")
#: Party properties held by typed fields.  ``abbreviation`` stays in ``properties`` too:
#: as a weak alias it merges with equal ``weakAlias`` values, and the fact is kept.
_TYPED_PROPS = frozenset(
    (set(_NAME_KINDS) - {"abbreviation"}) | set(IDENTIFIER_PROPS) | set(_COUNTRY_PROPS) | set(_NATIONALITY_PROPS)
    | {"birthDate", "birthPlace", "address", "gender", "notes", "programId"}
)
_META = ("datasets", "referents", "first_seen", "last_seen", "last_change", "target")


def party_schema(schema: Schema) -> str | None:
    """Our schema for an FtM schema (itself or its nearest ancestor), None for non-parties."""
    if schema.name in SCHEMAS:
        return schema.name
    for name in _SCHEMA_ORDER:
        if schema.is_a(name):
            return name
    return None


# ------------------------------------------------------------------ reading lines
def _lines(path: Path) -> Iterator[tuple[int, ValueEntity]]:
    """Every FtM entity in ``path`` with its line number; located errors for bad lines."""
    number = 0
    try:
        with open_binary(path) as fh:
            for number, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                yield number, _entity_from_line(path, number, raw)
    except (EOFError, OSError) as exc:
        raise SourceError(path, f"after line {number}", f"file is truncated or corrupt: {exc}") from exc


def _entity_from_line(path: Path, number: int, raw: bytes) -> ValueEntity:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise SourceError(path, f"line {number}, column {exc.colno}", f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise SourceError(path, f"line {number}", "expected one JSON object per line")
    if not data.get("id") or not data.get("schema"):
        raise SourceError(path, f"line {number}", "FtM entity lacks 'id' or 'schema'")
    try:
        return ValueEntity.from_dict(data, cleaned=True)
    except (FollowTheMoneyException, TypeError, ValueError) as exc:
        raise SourceError(path, f"line {number} (id {data['id']})", f"not a valid FtM entity: {exc}") from exc


# ------------------------------------------------------------------ pass 1: the index
@dataclass(slots=True)
class _Index:
    """What the second pass needs: party captions, Address entities by id, and every
    other non-party entity under the ids of the parties it points at.  OpenSanctions
    merges records, and a reference may use a merged record's old id (a *referent*), so
    ``canonical`` maps every id and referent of a party to its id."""

    captions: dict[str, str] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, ValueEntity] = field(default_factory=dict)
    attached: dict[str, list[ValueEntity]] = field(default_factory=lambda: defaultdict(list))
    unattached: int = 0


def _build_index(path: Path) -> _Index:
    index = _Index()
    others: list[ValueEntity] = []
    addresses: list[ValueEntity] = []
    referenced: set[str] = set()
    for _, proxy in _lines(path):
        ids = [str(proxy.id), *sorted(proxy.referents)]
        if party_schema(proxy.schema) is not None:
            index.captions[str(proxy.id)] = proxy.caption
            referenced.update(proxy.get("addressEntity", quiet=True))
            for key in ids:
                index.canonical.setdefault(key, str(proxy.id))
        elif proxy.schema.is_a("Address"):
            for key in ids:
                index.addresses.setdefault(key, proxy)
            addresses.append(proxy)
        else:
            others.append(proxy)
    for proxy in others:
        targets = {
            index.canonical[value]
            for prop in proxy.schema.properties.values()
            if prop.type.name == "entity" and not prop.stub
            for value in proxy.get(prop)
            if value in index.canonical
        }
        for target in targets:
            index.attached[target].append(proxy)
        if not targets:
            index.unattached += 1
    index.unattached += sum(1 for a in addresses if not ({str(a.id), *a.referents} & referenced))
    if index.unattached:
        log.warning("%s: %d entities point at no party in the file", path, index.unattached)
    return index


# ------------------------------------------------------------------ pass 2: one party
def _json(proxy: ValueEntity) -> str:
    return orjson.dumps({"id": proxy.id, "schema": proxy.schema.name, "properties": proxy.properties}).decode()


def _iso_date(value: str) -> str | None:
    match = re.match(r"^(\d{4})(-\d{2})?(-\d{2})?", value)
    return match.group(0) if match else None


def _address(proxy: ValueEntity) -> Address:
    def first(prop: str) -> str | None:
        values = proxy.get(prop, quiet=True)
        return clean(values[0]) if values else None

    street = ", ".join(v for v in proxy.get("street", quiet=True) + proxy.get("postOfficeBox", quiet=True) if v)
    city, region, postal = first("city"), first("region"), first("postalCode")
    country = first("country")
    full = first("full") or ", ".join(p for p in (street, city, region, postal, country) if p) or str(proxy.id)
    return Address(full, street or None, city, region, postal, country_code(country))


def _add_party_properties(entity: Entity, proxy: ValueEntity, index: _Index) -> None:
    caption = proxy.caption
    names = proxy.get("name", quiet=True)
    ordered = sorted(names, key=lambda n: n != caption)  # the caption first
    for value in ordered:
        add_name(entity, value, NameKind.PRIMARY)
    for prop, kind in _NAME_KINDS.items():
        if prop != "name":
            for value in proxy.get(prop, quiet=True):
                add_name(entity, value, kind)
    for value in proxy.get("birthDate", quiet=True):
        iso = _iso_date(value)
        if iso is None:
            add_property(entity, "birthDate", value)
        else:
            entity.birth_dates.append(BirthDate(iso, original=value if value != iso else None))
    for value in proxy.get("birthPlace", quiet=True):
        add_unique(entity.birth_places, clean(value))
    for prop in _COUNTRY_PROPS:
        for value in proxy.get(prop, quiet=True):
            add_country(entity, entity.countries, value, prop)
    for prop in _NATIONALITY_PROPS:
        for value in proxy.get(prop, quiet=True):
            add_country(entity, entity.nationalities, value, prop)
    for prop, id_type in IDENTIFIER_PROPS.items():
        for value in proxy.get(prop, quiet=True):
            is_tail = prop == "registrationNumber" and entity.schema == "Aircraft"
            add_unique(entity.identifiers, Identifier("aircraft_tail" if is_tail else id_type, value, None, prop))
    genders = proxy.get("gender", quiet=True)
    entity.gender = genders[0] if genders else None
    notes = proxy.get("notes", quiet=True)
    entity.remarks = "\n".join(notes) if notes else None
    for value in proxy.get("programId", quiet=True):
        add_unique(entity.programs, value)
    for value in proxy.get("address", quiet=True):
        add_unique(entity.addresses, Address(value))
    for address_id in proxy.get("addressEntity", quiet=True):
        found = index.addresses.get(address_id)
        if found is None:
            add_property(entity, "addressEntity", address_id)  # points outside this file
            continue
        address = _address(found)
        add_unique(entity.addresses, address)
        add_unique(entity.countries, address.country)
        add_property(entity, "ftm:Address", _json(found))
    for prop, values in proxy.properties.items():
        if prop not in _TYPED_PROPS and prop != "addressEntity":
            for value in values:
                add_property(entity, prop, value)


def _add_sanction(entity: Entity, sanction: ValueEntity, listing_dates: list[str]) -> None:
    for value in sanction.get("programId", quiet=True):
        add_unique(entity.programs, value)
    for prop in ("listingDate", "startDate"):
        listing_dates.extend(d for d in (_iso_date(v) for v in sanction.get(prop, quiet=True)) if d)
    for prop in ("authority", "program", "country", "reason", "provisions", "status", "endDate", "sourceUrl"):
        for value in sanction.get(prop, quiet=True):
            add_property(entity, f"sanction.{prop}", value)


def _add_identification(entity: Entity, doc: ValueEntity) -> None:
    kinds = " ".join(doc.get("type", quiet=True)).lower()
    kind = "passport" if doc.schema.is_a("Passport") or "passport" in kinds else "national_id"
    countries = doc.get("country", quiet=True)
    country = country_code(countries[0]) if countries else None
    for number in doc.get("number", quiet=True):
        add_unique(entity.identifiers, Identifier(kind, number, country, doc.schema.name))


#: How a directed FtM edge reads from its target end.
_REVERSE_LABELS = {
    "owns": "owned by",
    "directs": "directed by",
    "works for": "employs",
    "belongs to": "has member",
    "represents": "represented by",
    "preceeds": "succeeds",
}


def _add_edge(entity: Entity, edge: ValueEntity, index: _Index) -> None:
    """A relationship as a Link on this end, worded from this end ("owns ZALA AERO" /
    "ownership: owned by …"), with the edge's role, relationship and percentage."""
    schema = edge.schema
    sources = [index.canonical.get(v, v) for v in edge.get(schema.source_prop)] if schema.source_prop else []
    targets = [index.canonical.get(v, v) for v in edge.get(schema.target_prop)] if schema.target_prop else []
    extras = [v for p in ("role", "relationship", "percentage") for v in edge.get(p, quiet=True)]
    detail = f" ({'; '.join(extras)})" if extras else ""
    own_id = entity.native_id
    pairs = [(schema.edge_label or schema.name, t) for t in targets] if own_id in sources else []
    if own_id in targets:
        label = schema.edge_label or schema.name
        reverse = _REVERSE_LABELS.get(label, f"{label} (reverse)") if schema.edge_directed else label
        pairs += [(reverse, s) for s in sources]
    for label, other in pairs:
        caption = index.captions.get(other, other)
        entity.links.append(Link(schema.name.lower(), f"{label} {caption}{detail}", f"{SOURCE}:{other}"))


def _party(proxy: ValueEntity, schema: str, index: _Index) -> Entity:
    entity = Entity(id=f"{SOURCE}:{proxy.id}", schema=schema, source=SOURCE)
    if proxy.schema.name != schema:
        entity.properties["ftm_schema"] = [proxy.schema.name]
    _add_party_properties(entity, proxy, index)
    listing_dates: list[str] = []
    for other in index.attached.get(str(proxy.id), []):
        if other.schema.is_a("Sanction"):
            _add_sanction(entity, other, listing_dates)
        elif other.schema.is_a("Identification"):
            _add_identification(entity, other)
        elif other.schema.edge:
            _add_edge(entity, other, index)
        add_property(entity, f"ftm:{other.schema.name}", _json(other))
    created = [d for d in (_iso_date(v) for v in proxy.get("createdAt", quiet=True)) if d]
    entity.listed_on = min(listing_dates or created) if (listing_dates or created) else None
    meta = proxy.to_dict()
    for key in _META:
        value = meta.get(key)
        values = sorted(value) if isinstance(value, set | list) else [value]
        for item in values:
            if item not in (None, ""):
                add_property(entity, key, str(item).lower() if isinstance(item, bool) else item)
    return entity


# ------------------------------------------------------------------ format contract
_HEAD_ENTITY = re.compile(rb'^\s*\{.*"schema"\s*:\s*"([A-Za-z]+)"', re.DOTALL)


def claim(path: Path, head: bytes) -> str | None:
    """A ``.json``/``.jsonl`` file whose first line is an FtM entity (``id``, ``schema``
    naming a known FtM schema, ``properties``)."""
    if not logical_name(path).lower().endswith((".json", ".jsonl", ".ndjson")):
        return None
    first = head.split(b"\n", 1)[0]
    if b'"properties"' not in first or b'"id"' not in first:
        return None
    match = _HEAD_ENTITY.match(first)
    if match is None or model.get(match.group(1).decode()) is None:
        return None
    return SOURCE


_LAST_CHANGE = re.compile(rb'"last_change"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def version(snapshot: Snapshot) -> str | None:
    """The newest ``last_change`` in the files: the export holds nothing newer, so it is
    the best date the data itself gives (OpenSanctions files carry no export date)."""
    newest: str | None = None
    for path in snapshot.files:
        with open_binary(path) as fh:
            for raw in fh:
                match = _LAST_CHANGE.search(raw)
                if match is not None:
                    day = match.group(1).decode()
                    newest = day if newest is None or day > newest else newest
    return newest


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Stream the parties of every file, each with what points at it (two passes)."""
    for path in snapshot.files:
        index = _build_index(path)
        for _, proxy in _lines(path):
            schema = party_schema(proxy.schema)
            if schema is None:
                continue
            entity = _party(proxy, schema, index)
            entity.source_version = snapshot.version or None
            yield entity

