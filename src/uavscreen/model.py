"""The data model every room of uavscreen speaks.

Listed parties are plain slotted dataclasses (``Entity`` and its parts): there are
hundreds of thousands of names in memory and they are built by the loaders in bulk, so
they stay cheap and serialise to plain dicts for the compiled cache.

Orders and shipments come from users and must be validated with located errors, so
they are pydantic models (``Shipment`` and its parts).

Results (``Finding``, ``Verdict``, ``MatchHit``) are dataclasses with ``to_dict`` for
JSON reports and the HTTP API.  No logic lives here beyond validation and conversion.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# --------------------------------------------------------------------------- listed parties

SCHEMAS = ("Person", "Organization", "Company", "Vessel", "Aircraft", "LegalEntity")
"""Entity schemata, a subset of FollowTheMoney's, with FtM's names."""

Schema = Literal["Person", "Organization", "Company", "Vessel", "Aircraft", "LegalEntity"]


class NameKind(StrEnum):
    """How a list presents a name: its own primary name, an alias of good or low
    quality (UN 'Good'/'Low', OFAC strong/weak a.k.a.), or the original-script form."""

    PRIMARY = "primary"
    STRONG_ALIAS = "strong_alias"
    WEAK_ALIAS = "weak_alias"
    ORIGINAL_SCRIPT = "original_script"
    FORMER = "former"


@dataclass(slots=True)
class Name:
    """One name of a listed party.  ``script`` is the dominant Unicode script
    (``Latin``, ``Cyrillic``, ``Arabic``, ``Han``, ...), detected by the loader."""

    value: str
    kind: NameKind = NameKind.PRIMARY
    script: str = "Latin"
    lang: str | None = None
    # Split person-name parts when the list gives them (UN FIRST_NAME…, UK Name 1…6).
    parts: dict[str, str] | None = None


@dataclass(slots=True)
class BirthDate:
    """A date as precise as the list gives it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    ``circa`` marks approximate dates; a range ``1960 to 1962`` is two BirthDates with
    ``circa`` set, so matching may use either."""

    value: str
    circa: bool = False
    original: str | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return {4: "year", 7: "month"}.get(len(self.value), "day")  # type: ignore[return-value]

    @property
    def year(self) -> int:
        return int(self.value[:4])


IDENTIFIER_TYPES = (
    "passport", "national_id", "registration", "tax", "imo", "mmsi", "call_sign",
    "bic", "website", "email", "phone", "aircraft_serial", "aircraft_tail",
    "un_reference", "ofac_ent_num", "other",
)
"""Identifier types; ``un_reference`` carries the UN list reference (e.g. ``IRe.001``)
that UK and OFAC records cite, and is how records of one party are linked."""


@dataclass(slots=True)
class Identifier:
    type: str
    value: str
    country: str | None = None
    note: str | None = None


@dataclass(slots=True)
class Address:
    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass(slots=True)
class Link:
    """A relation to another listed record, by id when it is known (``target``) and
    always with the list's own words (``text``), e.g. 'Linked To: IRGC'."""

    relation: str
    text: str
    target: str | None = None


@dataclass(slots=True)
class Entity:
    """One record of an official list.  ``id`` is ``"<source>:<the list's own id>"``.

    ``properties`` keeps every field of the official record the typed attributes do not
    cover (title, designation, vessel flag, tonnage, ...), so no field is silently lost.
    """

    id: str
    schema: str
    source: str
    names: list[Name] = field(default_factory=list)
    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None
    remarks: str | None = None
    gender: str | None = None
    source_version: str | None = None
    links: list[Link] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)

    @property
    def native_id(self) -> str:
        return self.id.split(":", 1)[1]

    @property
    def caption(self) -> str:
        for n in self.names:
            if n.kind is NameKind.PRIMARY:
                return n.value
        return self.names[0].value if self.names else self.id

    def comparable_birth_dates(self) -> tuple[tuple[str, bool], ...]:
        """(date, circa) of every birth date with a year, as birth dates are compared."""
        return tuple((b.value, b.circa) for b in self.birth_dates if b.value[:4].isdigit())

    def country_codes(self) -> set[str]:
        """Every country the record ties the party to (countries, nationalities, address
        countries), upper-cased: what a declared country is compared with."""
        out = {c.upper() for c in (*self.countries, *self.nationalities) if c}
        out.update(a.country.upper() for a in self.addresses if a.country)
        return out

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for n in d["names"]:
            n["kind"] = n["kind"].value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            schema=d["schema"],
            source=d["source"],
            names=[Name(n["value"], NameKind(n["kind"]), n["script"], n.get("lang"), n.get("parts"))
                   for n in d.get("names", [])],
            birth_dates=[BirthDate(**b) for b in d.get("birth_dates", [])],
            birth_places=list(d.get("birth_places", [])),
            nationalities=list(d.get("nationalities", [])),
            countries=list(d.get("countries", [])),
            addresses=[Address(**a) for a in d.get("addresses", [])],
            identifiers=[Identifier(**i) for i in d.get("identifiers", [])],
            programs=list(d.get("programs", [])),
            listed_on=d.get("listed_on"),
            remarks=d.get("remarks"),
            gender=d.get("gender"),
            source_version=d.get("source_version"),
            links=[Link(**x) for x in d.get("links", [])],
            properties={k: list(v) for k, v in d.get("properties", {}).items()},
        )


# --------------------------------------------------------------------------- results

SEVERITIES = ("info", "low", "medium", "high", "critical")
FINDING_KINDS = (
    "party_match", "vessel_match", "controlled_item", "misdeclared_goods",
    "embargoed_destination", "sanctioned_region", "transshipment_risk",
    "caspian_corridor", "red_flag",
)


class Decision(StrEnum):
    CLEAR = "CLEAR"
    REVIEW = "REVIEW"
    BLOCK = "BLOCK"


@dataclass(slots=True)
class Finding:
    """One reason a shipment, party or item needs attention, with its evidence and the
    list, regulation or guidance it rests on."""

    kind: str
    severity: str
    subject: str
    evidence: str
    basis: list[str] = field(default_factory=list)
    rule_id: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class MatchHit:
    """A listed entity a query may be.  ``explanation`` lists each feature's
    contribution; ``features`` maps feature name → score (yente's older shape);
    ``related`` are the other listings of the same party (linked records)."""

    entity: Entity
    score: float
    match: bool
    matched_name: str
    query_name: str
    explanation: list[dict[str, Any]] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    related: list[Entity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity.id,
            "caption": self.entity.caption,
            "schema": self.entity.schema,
            "source": self.entity.source,
            "programs": self.entity.programs,
            "score": round(self.score, 4),
            "match": self.match,
            "matched_name": self.matched_name,
            "query_name": self.query_name,
            "features": self.features,
            "explanation": self.explanation,
            "related": [e.id for e in self.related],
        }


@dataclass(slots=True)
class Verdict:
    """The one answer per shipment: a decision, every finding behind it, and the list
    versions (``lists``: source → snapshot date) it was screened against."""

    shipment_id: str
    decision: Decision
    findings: list[Finding] = field(default_factory=list)
    lists: dict[str, str] = field(default_factory=dict)
    policy: str = "default"

    def to_dict(self) -> dict[str, Any]:
        return {
            "shipment_id": self.shipment_id,
            "decision": self.decision.value,
            "findings": [f.to_dict() for f in self.findings],
            "lists": self.lists,
            "policy": self.policy,
        }


# --------------------------------------------------------------------------- shipments (input)

_ISO2 = re.compile(r"^[A-Z]{2}$")


def _upper_country(v: str | None) -> str | None:
    if v is None or v == "":
        return None
    v = v.strip().upper()
    if not _ISO2.match(v):
        raise ValueError(f"country must be an ISO 3166-1 alpha-2 code, got {v!r}")
    return v


class _Input(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, populate_by_name=True)


class PartyIdentifier(_Input):
    type: str
    value: str


class Owner(_Input):
    name: str
    share: float | None = None


class Party(_Input):
    role: str
    name: str | None = None
    country: str | None = None
    address: str | None = None
    birth_date: str | None = None
    identifiers: list[PartyIdentifier] = Field(default_factory=list)
    incorporation_date: str | None = None
    website: str | None = None
    business: str | None = None
    owners: list[Owner] = Field(default_factory=list)
    schema_: str | None = Field(default=None, alias="schema")

    _country = field_validator("country")(classmethod(lambda cls, v: _upper_country(v)))


class Item(_Input):
    description: str = ""
    hs_code: str | None = None
    manufacturer: str | None = None
    part_number: str | None = None
    quantity: float | None = None
    value: float | None = None
    currency: str | None = None
    origin_country: str | None = None
    eccn: str | None = None

    _origin = field_validator("origin_country")(classmethod(lambda cls, v: _upper_country(v)))


class Leg(_Input):
    from_: str | None = Field(default=None, alias="from")
    to: str | None = None
    mode: str | None = None
    vessel_imo: str | None = None
    vessel_name: str | None = None
    carrier: str | None = None
    date: str | None = None


class Payment(_Input):
    method: str | None = None
    payer_country: str | None = None
    payer_name: str | None = None

    _payer = field_validator("payer_country")(classmethod(lambda cls, v: _upper_country(v)))


class Shipment(_Input):
    """An order or shipment as DESIGN.md describes it; unknown fields are kept."""

    id: str
    date: str | None = None
    parties: list[Party] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    route: list[Leg] = Field(default_factory=list)
    payment: Payment | None = None
    end_use: str | None = None
    incoterm: str | None = None
    documents: str | None = None
