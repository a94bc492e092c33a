"""US Consolidated Screening List (trade.gov), CSV and JSON forms.

The CSL merges thirteen US lists (Treasury's SDN and non-SDN lists, Commerce/BIS's
Entity, Unverified, Military End User and Denied Persons lists, State's ITAR debarred
and nonproliferation lists).  Each row becomes one :class:`Entity`, and its sub-list is
kept as a short stable code in ``programs`` (``CSL:SDN``, ``CSL:EL``, ``CSL:UVL`` …, see
:data:`SUBLISTS`) because screening must tell a blocking listing (SDN, Entity List)
from a "review" one (Unverified, SSI, CMIC …).

Quirks handled here (see ``docs/sources/us-csl-dpl-ftm.md``):
 * ``_id`` is the OFAC ent_num for Treasury rows, and one ent_num can appear on several
   Treasury sub-lists (SDN + SSI + CAPTA), so non-SDN Treasury rows get ``<CODE>-<_id>``;
   every Treasury row records the ent_num as an ``ofac_ent_num`` identifier for linking.
 * The CSV flattens lists with ``"; "`` and typed ids as ``[country, ][dates, ]value, type``.
 * The JSON form (``{"results": [...]}``, the CSL API / download) keeps them structured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, BirthDate, Entity, Identifier, Link, Name, NameKind
from uavscreen.names.script import detect_script
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.delimited import dict_rows
from uavscreen.sources.entity_parts import add_country, add_property, add_unique, clean
from uavscreen.sources.fileio import logical_name, open_binary, read_head

NAME = "csl"
SOURCE = "us_csl"

CSV_HEADER_START = b"_id,source,entity_number,type,programs,name"
REQUIRED_COLUMNS = ("_id", "source", "name", "alt_names", "type", "programs", "addresses", "ids")


@dataclass(frozen=True, slots=True)
class SubList:
    """One list the CSL merges: its stable code, agency and whether a hit on it blocks
    (prohibits the transaction outright) or calls for review / licence checks."""

    code: str
    agency: str
    blocking: bool


#: The CSL's ``source`` titles → stable codes.  Blocking: dealing is prohibited outright
#: (SDN and FSE by OFAC, the Entity List's licence requirement with a policy of denial,
#: denied export privileges, ITAR debarment).  Non-blocking: restrictions to check.
SUBLISTS: dict[str, SubList] = {
    "Specially Designated Nationals (SDN) - Treasury Department": SubList("SDN", "Treasury", True),
    "Entity List (EL) - Bureau of Industry and Security": SubList("EL", "Commerce/BIS", True),
    "Denied Persons List (DPL) - Bureau of Industry and Security": SubList("DPL", "Commerce/BIS", True),
    "ITAR Debarred (DTC) - State Department": SubList("DTC", "State", True),
    "Foreign Sanctions Evaders (FSE) - Treasury Department": SubList("FSE", "Treasury", True),
    "Unverified List (UVL) - Bureau of Industry and Security": SubList("UVL", "Commerce/BIS", False),
    "Military End User (MEU) List - Bureau of Industry and Security": SubList("MEU", "Commerce/BIS", False),
    "Nonproliferation Sanctions (ISN) - State Department": SubList("ISN", "State", False),
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": SubList("SSI", "Treasury", False),
    "Palestinian Legislative Council List (PLC) - Treasury Department": SubList("PLC", "Treasury", False),
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": SubList(
        "CMIC", "Treasury", False
    ),
    "Capta List (CAP) - Treasury Department": SubList("CAP", "Treasury", False),
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": SubList("NS-MBS", "Treasury", False),
}
BLOCKING_PROGRAMS = frozenset(f"CSL:{s.code}" for s in SUBLISTS.values() if s.blocking)

_ABBREVIATION = re.compile(r"\(([A-Z][A-Z-]*)(?: List)?\)")


def sublist(title: str) -> SubList:
    """The sub-list of a CSL ``source`` title; an unknown title (a list added to the CSL
    later) gets its parenthesised abbreviation as code and is treated as non-blocking."""
    known = SUBLISTS.get(title.strip())
    if known is not None:
        return known
    match = _ABBREVIATION.search(title)
    code = match.group(1) if match else re.sub(r"[^A-Z0-9]+", "-", title.upper()).strip("-")[:20]
    agency = title.rsplit(" - ", 1)[1].strip() if " - " in title else ""
    return SubList(code, agency, False)


_SCHEMAS = {"individual": "Person", "entity": "LegalEntity", "vessel": "Vessel", "aircraft": "Aircraft"}

# ------------------------------------------------------------------ typed ids ("ids" column)
#: CSL id labels (lower-cased, trailing " -"/":" removed) → model identifier types.
ID_TYPES: dict[str, str] = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "cedula no.": "national_id",
    "c.u.r.p.": "national_id",
    "d.n.i.": "national_id",
    "personal id card": "national_id",
    "identification number": "national_id",
    "national foreign id number": "national_id",
    "credencial electoral": "national_id",
    "electoral registry no.": "national_id",
    "driver's license no.": "national_id",
    "cartilla de servicio militar nacional": "national_id",
    "ssn": "national_id",
    "tax id no.": "tax",
    "r.f.c.": "tax",
    "rfc": "tax",
    "nit #": "tax",
    "ruc #": "tax",
    "rif #": "tax",
    "v.a.t. number": "tax",
    "us fein": "tax",
    "italian fiscal code": "tax",
    "c.u.i.": "tax",
    "registration number": "registration",
    "registration id": "registration",
    "company number": "registration",
    "commercial registry number": "registration",
    "business registration number": "registration",
    "business registration document #": "registration",
    "unified social credit code (uscc)": "registration",
    "folio mercantil no.": "registration",
    "matricula mercantil no": "registration",
    "chamber of commerce number": "registration",
    "public registration number": "registration",
    "legal entity number": "registration",
    "trade license no.": "registration",
    "c.r. no.": "registration",
    "government gazette number": "registration",
    "branch unit number": "registration",
    "d-u-n-s number": "registration",
    "chinese commercial code": "registration",
    "license": "registration",
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "swift/bic": "bic",
    "bik (ru)": "other",
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "aircraft manufacturer's serial number (msn)": "aircraft_serial",
    "aircraft construction number (also called l/n or s/n or f/n)": "aircraft_serial",
    "aircraft tail number": "aircraft_tail",
    "isin": "other",
    "equity ticker": "other",
}
#: Labels that state a fact about the listing rather than an identifier; kept in
#: ``properties`` under the label (``Gender`` also sets ``Entity.gender``).
FACT_LABELS = frozenset({
    "gender", "additional sanctions information", "secondary sanctions risk", "target type",
    "organization type", "organization established date", "issuer name", "aircraft model",
    "aircraft manufacture date", "aircraft operator", "former vessel flag", "other vessel flag",
    "other vessel type", "nationality of registration", "registration country", "un/locode",
    "transactions prohibited for persons owned or controlled by u.s. financial institutions",
})
_FACT_PREFIXES = ("effective date", "listing date", "executive order", "purchase/sales", "caatsa", "ifca", "peesa")
#: Labels not in :data:`ID_TYPES` are classified by their words; the rest are "other".
_KEYWORD_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"passport"), "passport"),
    (re.compile(r"tail number"), "aircraft_tail"),
    (re.compile(r"serial|mode s"), "aircraft_serial"),
    (re.compile(r"call sign"), "call_sign"),
    (re.compile(r"digital currency"), "other"),
    (re.compile(r"tax|fiscal|c\.u\.i\.t|c\.i\.f|nuit|^rsin$|^rtn$"), "tax"),
    (re.compile(r"regist|company number|enterprise number|incorporation|charity|chamber of comm|"
                r"business number|usccc|c\.r\.|le number|licen[cs]e|file number"), "registration"),
    (re.compile(r"\bid\b|identif|identidad|personal|citizen|birth certificate|residen|immigration|"
                r"travel document|permit|i\.f\.e|c\.u\.i\.p|n\.i\.e|visanumberid"), "national_id"),
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_IMO = re.compile(r"^IMO\s*(\d{7})$", re.IGNORECASE)


@dataclass(slots=True)
class IdEntry:
    """One entry of the ``ids`` column: a label (``Passport``, ``Gender`` …) and its value."""

    label: str
    value: str
    country: str | None = None
    dates: list[str] = field(default_factory=list)


def _label_key(label: str) -> str:
    return label.strip().rstrip(":-").strip().lower()


def identifier_type(label: str) -> str | None:
    """The model identifier type for a CSL id label, or None when the label is a fact
    about the listing (Gender, Target Type, directive information …), not an identifier."""
    key = _label_key(label)
    if key in ID_TYPES:
        return ID_TYPES[key]
    if not key or key in FACT_LABELS or key.startswith(_FACT_PREFIXES):
        return None
    for pattern, kind in _KEYWORD_TYPES:
        if pattern.search(key):
            return kind
    return "other"


def parse_csv_ids(text: str) -> list[IdEntry]:
    """``"IR, 10320661315, National ID No.; IMO 9187629, Vessel Registration Identification"``
    → IdEntries.  The CSV writes each as ``[country, ][date, [date, ]]value, label``."""
    entries: list[IdEntry] = []
    for part in text.split("; "):
        part = part.strip()
        if not part:
            continue
        bits = part.split(", ")
        if len(bits) < 2:
            entries.append(IdEntry("", part))
            continue
        label = bits.pop()
        country = bits.pop(0) if len(bits) > 1 and _ISO2.match(bits[0]) else None
        dates: list[str] = []
        while len(bits) > 1 and _ISO_DATE.match(bits[0]):
            dates.append(bits.pop(0))
        entries.append(IdEntry(label.strip(), ", ".join(bits).strip(), country, dates))
    return entries


def _add_id_entry(entity: Entity, entry: IdEntry) -> None:
    kind = identifier_type(entry.label)
    if kind is None:
        key = _label_key(entry.label) or "ids"
        if key == "gender":
            entity.gender = entry.value.lower() or None
        add_property(entity, key, entry.value if entry.country is None else f"{entry.country}, {entry.value}")
        return
    value = entry.value
    if kind == "imo":
        match = _IMO.match(value)
        if match is None:
            kind = "registration"
        else:
            value = match.group(1)
    note_parts = [entry.label]
    if entry.dates:
        note_parts.append("dates " + ", ".join(entry.dates))
    country = country_code(entry.country) if entry.country else None
    ident = Identifier(kind, value, country, "; ".join(note_parts))
    if ident not in entity.identifiers:
        entity.identifiers.append(ident)


# ------------------------------------------------------------------ dates of birth
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|about)\s+(.+)$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4})\s*(?:to|-)\s*(\d{4})$")
_DATE_FORMATS = (("%Y-%m-%d", 10), ("%d %b %Y", 10), ("%d %B %Y", 10), ("%Y-%m", 7), ("%b %Y", 7), ("%B %Y", 7),
                 ("%Y", 4))


def _iso_date(text: str) -> str | None:
    for fmt, length in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.strftime("%Y-%m-%d")[:length]
    return None


def parse_birth_dates(text: str) -> list[BirthDate] | None:
    """``"1962-08-06"``, ``"1967"``, ``"circa 1979"``, ``"1960 to 1962"``, ``"06 Aug 1962"``
    → BirthDates (a range gives both ends, marked circa); None if unparseable."""
    text = text.strip()
    circa = False
    if match := _CIRCA.match(text):
        text, circa = match.group(1).strip(), True
    if match := _RANGE.match(text):
        return [BirthDate(y, circa=True, original=match.group(0)) for y in match.groups()]
    iso = _iso_date(text)
    if iso is None:
        return None
    original = None if (iso == text and not circa) else (("circa " if circa else "") + text)
    return [BirthDate(iso, circa=circa, original=original)]


# ------------------------------------------------------------------ one record → Entity
_LINKED_TO = re.compile(r"\(Linked To: ((?:[^()]|\([^()]*\))+)\)")
_TYPED_FIELDS = frozenset({
    "_id", "id", "source", "entity_number", "type", "programs", "name", "alt_names", "addresses",
    "start_date", "remarks", "call_sign", "vessel_flag", "citizenships", "nationalities",
    "dates_of_birth", "places_of_birth", "ids",
})


@dataclass(slots=True)
class Record:
    """A CSL row in one shape whether it came from the CSV or the JSON: lists split,
    addresses and ids structured, every other column as text."""

    where: str
    row_id: str
    title: str
    entity_number: str | None
    type: str
    name: str
    alt_names: list[str]
    programs: list[str]
    addresses: list[Address]
    ids: list[IdEntry]
    dates_of_birth: list[str]
    places_of_birth: list[str]
    nationalities: list[str]
    citizenships: list[str]
    start_date: str | None
    remarks: str | None
    call_sign: str | None
    vessel_flag: str | None
    other: dict[str, str]


def entity_id(row_id: str, sub: SubList) -> str:
    """``us_csl:<_id>`` — except Treasury rows off the SDN list, whose ``_id`` is an OFAC
    ent_num that the same party's SDN row may also carry: ``us_csl:<CODE>-<_id>``."""
    if sub.agency == "Treasury" and sub.code != "SDN":
        return f"{SOURCE}:{sub.code}-{row_id}"
    return f"{SOURCE}:{row_id}"


def build_entity(rec: Record, file: Path) -> Entity:
    """One CSL record as an Entity, every column kept (typed or in ``properties``)."""
    if not rec.row_id:
        raise SourceError(file, rec.where, "record has no _id")
    name = clean(rec.name)
    if name is None:
        raise SourceError(file, rec.where, f"record {rec.row_id} has no name")
    sub = sublist(rec.title)
    schema = _SCHEMAS.get(rec.type.strip().lower(), "LegalEntity")
    entity = Entity(id=entity_id(rec.row_id, sub), schema=schema, source=SOURCE)
    # Every listed spelling is kept, repeats included (82 rows repeat an alias), so the
    # name count equals the file's.
    entity.names.append(Name(name, NameKind.PRIMARY, detect_script(name)))
    for alias in rec.alt_names:
        entity.names.append(Name(alias, NameKind.STRONG_ALIAS, detect_script(alias)))
    entity.programs.append(f"CSL:{sub.code}")
    for program in rec.programs:
        add_unique(entity.programs, clean(program))
    add_property(entity, "source", rec.title)
    if rec.type:
        add_property(entity, "type", rec.type)
    if rec.entity_number:
        add_property(entity, "entity_number", rec.entity_number)
        if sub.agency == "Treasury":
            entity.identifiers.append(Identifier("ofac_ent_num", rec.entity_number.strip(), None, "CSL entity_number"))
    for address in rec.addresses:
        add_unique(entity.addresses, address)
        if address.country:
            add_unique(entity.countries, address.country)
    for entry in rec.ids:
        _add_id_entry(entity, entry)
    for dob in rec.dates_of_birth:
        parsed = parse_birth_dates(dob)
        if parsed is None:
            add_property(entity, "dates_of_birth", dob)
        else:
            entity.birth_dates.extend(parsed)
    for place in rec.places_of_birth:
        add_unique(entity.birth_places, clean(place))
    for code in rec.nationalities:
        add_country(entity, entity.nationalities, code, "nationalities")
    for code in rec.citizenships:
        add_country(entity, entity.nationalities, code, "citizenships")
        add_property(entity, "citizenships", code)
    if rec.start_date:
        iso = _iso_date(rec.start_date.strip())
        if iso is not None and len(iso) == 10:
            entity.listed_on = iso
        else:
            add_property(entity, "start_date", rec.start_date)
    if rec.remarks:
        entity.remarks = clean(rec.remarks)
        for match in _LINKED_TO.finditer(rec.remarks):
            entity.links.append(Link("linked_to", match.group(1).strip()))
    if rec.call_sign:
        entity.identifiers.append(Identifier("call_sign", rec.call_sign.strip(), None, "call_sign"))
    if rec.vessel_flag:
        add_property(entity, "vessel_flag", rec.vessel_flag)
        add_country(entity, entity.countries, rec.vessel_flag, "vessel_flag_unresolved")
    for key, value in rec.other.items():
        if key == "vessel_owner" and clean(value):
            entity.links.append(Link("vessel_owner", str(clean(value))))
        add_property(entity, key, value)
    return entity


# ------------------------------------------------------------------ CSV form
def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()]


def _csv_address(text: str) -> Address:
    """``"street, city, state, postal, CC"`` (empty parts dropped): the trailing ISO code
    is the only part whose role is certain."""
    full = text.strip()
    last = full.rsplit(", ", 1)[-1].strip()
    country = country_code(last) if _ISO2.match(last) else None
    return Address(full=full, country=country)


def _csv_record(line: int, row: dict[str, str]) -> Record:
    return Record(
        where=f"line {line} (_id {row['_id']})",
        row_id=row["_id"].strip(),
        title=row["source"],
        entity_number=row.get("entity_number") or None,
        type=row.get("type", ""),
        name=row["name"],
        alt_names=[a.strip() for a in row["alt_names"].split(";") if a.strip()],
        programs=_split(row["programs"]),
        addresses=[_csv_address(a) for a in row["addresses"].split("; ") if a.strip()],
        ids=parse_csv_ids(row["ids"]),
        dates_of_birth=_split(row.get("dates_of_birth", "")),
        places_of_birth=_split(row.get("places_of_birth", "")),
        nationalities=_split(row.get("nationalities", "")),
        citizenships=_split(row.get("citizenships", "")),
        start_date=row.get("start_date") or None,
        remarks=row.get("remarks") or None,
        call_sign=row.get("call_sign") or None,
        vessel_flag=row.get("vessel_flag") or None,
        other={k: v for k, v in row.items() if k not in _TYPED_FIELDS and v and v.strip()},
    )


def _csv_records(path: Path) -> Iterator[Record]:
    for line, row in dict_rows(path, required=REQUIRED_COLUMNS):
        yield _csv_record(line, row)


# ------------------------------------------------------------------ JSON form
def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return _split(value)
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _json_address(obj: Any) -> Address | None:
    if isinstance(obj, str):
        return _csv_address(obj) if obj.strip() else None
    if not isinstance(obj, dict):
        return None
    street, city = clean(obj.get("address")), clean(obj.get("city"))
    region, postal = clean(obj.get("state")), clean(obj.get("postal_code"))
    raw_country = clean(obj.get("country"))
    parts = [p for p in (street, city, region, postal, raw_country) if p]
    if not parts:
        return None
    return Address(", ".join(parts), street, city, region, postal, country_code(raw_country))


def _json_ids(value: Any) -> list[IdEntry]:
    if isinstance(value, str):
        return parse_csv_ids(value)
    entries: list[IdEntry] = []
    for obj in value or []:
        if not isinstance(obj, dict):
            entries.append(IdEntry("", str(obj)))
            continue
        dates = [f"{k} {obj[k]}" for k in ("issue_date", "expiration_date") if clean(obj.get(k))]
        entries.append(IdEntry(str(obj.get("type") or ""), str(obj.get("number") or "").strip(),
                               clean(obj.get("country")), dates))
    return entries


def _json_record(index: int, obj: Any, path: Path) -> Record:
    if not isinstance(obj, dict):
        raise SourceError(path, f"record {index}", f"expected a JSON object, got {type(obj).__name__}")
    row_id = str(obj.get("id") or obj.get("_id") or "").strip()
    other: dict[str, str] = {}
    for key, value in obj.items():
        if key in _TYPED_FIELDS or value in (None, "", []):
            continue
        other[key] = "; ".join(_text_list(value)) if isinstance(value, list) else str(value)
    return Record(
        where=f"record {index} (id {row_id})",
        row_id=row_id,
        title=str(obj.get("source") or ""),
        entity_number=str(obj["entity_number"]) if obj.get("entity_number") not in (None, "") else None,
        type=str(obj.get("type") or ""),
        name=str(obj.get("name") or ""),
        alt_names=_text_list(obj.get("alt_names")),
        programs=_text_list(obj.get("programs")),
        addresses=[a for a in (_json_address(x) for x in obj.get("addresses") or []) if a is not None],
        ids=_json_ids(obj.get("ids")),
        dates_of_birth=_text_list(obj.get("dates_of_birth")),
        places_of_birth=_text_list(obj.get("places_of_birth")),
        nationalities=_text_list(obj.get("nationalities")),
        citizenships=_text_list(obj.get("citizenships")),
        start_date=clean(obj.get("start_date")),
        remarks=clean(obj.get("remarks")),
        call_sign=clean(obj.get("call_sign")),
        vessel_flag=clean(obj.get("vessel_flag")),
        other=other,
    )


def _read_json(path: Path) -> Any:
    """The whole JSON document.  The CSL JSON is one object (not JSON lines), so it is
    parsed whole; the official file is ~30 MB, well inside the memory budget."""
    try:
        with open_binary(path) as fh:
            data = fh.read()
    except (EOFError, OSError) as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise SourceError(path, f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}") from exc


def _json_records(path: Path) -> Iterator[Record]:
    doc = _read_json(path)
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, list):
        raise SourceError(path, "top level", 'expected an object with a "results" list (CSL JSON)')
    for index, obj in enumerate(results, 1):
        yield _json_record(index, obj, path)


# ------------------------------------------------------------------ format contract
def _is_json(path: Path, head: bytes) -> bool:
    return logical_name(path).lower().endswith(".json") or head.lstrip()[:1] == b"{"


def claim(path: Path, head: bytes) -> str | None:
    """A CSL CSV starts with the CSL header; a CSL JSON is an object whose records carry
    the CSL's own field names (``source_information_url``, ``alt_names``)."""
    name = logical_name(path).lower()
    body = head.removeprefix(b"\xef\xbb\xbf")
    if name.endswith(".csv") and body.startswith(CSV_HEADER_START):
        return SOURCE
    if name.endswith(".json") and body.lstrip()[:1] == b"{" and b'"results"' in body \
            and b'"source_information_url"' in body and b'"alt_names"' in body:
        return SOURCE
    return None


_JSON_DATES = re.compile(rb'"(?:source_last_updated|last_imported|search_performed_at)"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def version(snapshot: Snapshot) -> str | None:
    """The JSON form says when its sources were last updated (newest wins); the CSV
    carries no date, so discovery uses the folder's."""
    dates: list[str] = []
    for path in snapshot.files:
        if path.name.lower().endswith((".json", ".json.gz")):
            with open_binary(path) as fh:
                dates += [m.decode() for m in _JSON_DATES.findall(fh.read())]
    return max(dates) if dates else None


def _records(files: Iterable[Path]) -> Iterator[tuple[Path, Record]]:
    for path in files:
        records = _json_records(path) if _is_json(path, read_head(path, 16)) else _csv_records(path)
        for rec in records:
            yield path, rec


def load(snapshot: Snapshot) -> Iterator[Entity]:
    """Stream every CSL row as an Entity.  A repeated id (the same row twice) is kept
    under ``<id>~<n>`` with ``properties['duplicate_of']`` so nothing is dropped silently."""
    seen: dict[str, int] = {}
    for path, rec in _records(snapshot.files):
        entity = build_entity(rec, path)
        if entity.id in seen:
            seen[entity.id] += 1
            add_property(entity, "duplicate_of", entity.id)
            entity.id = f"{entity.id}~{seen[entity.id]}"
        else:
            seen[entity.id] = 1
        entity.source_version = snapshot.version or None
        yield entity
