"""Translating between yente's FollowTheMoney-shaped JSON and uavscreen's model.

* a yente query example (``{"schema", "properties": {"name": [...], ...}}``) becomes a
  :class:`PartyQuery`, the inputs of ``Screener.match_party``;
* a listed :class:`Entity` becomes FtM ``properties`` as yente returns them.
"""

from __future__ import annotations

from typing import Any

from uavscreen.geo.country_names import country_code
from uavscreen.model import Entity, NameKind
from uavscreen.store.fingerprint import PartyQuery

COUNTRY_PROPS = ("nationality", "country", "jurisdiction", "citizenship", "mainCountry", "flag",
                 "registrationCountry")
IDENTIFIER_PROPS = {
    "idNumber": "national_id", "passportNumber": "passport", "registrationNumber": "registration",
    "taxNumber": "tax", "innCode": "tax", "vatCode": "tax", "ogrnCode": "registration",
    "imoNumber": "imo", "mmsi": "mmsi", "callSign": "call_sign", "swiftBic": "bic",
    "leiCode": "other", "dunsCode": "other", "website": "website", "email": "email", "phone": "phone",
}
IDENTIFIER_FTM = {v: k for k, v in reversed(IDENTIFIER_PROPS.items())}
QUERY_SCHEMAS = ("Thing", "LegalEntity", "Person", "Organization", "Company", "Vessel", "Aircraft",
                 "PublicBody", "Airplane")
_SCHEMA_ALIASES = {"PublicBody": "Organization", "Airplane": "Aircraft", "Thing": "Any",
                   "LegalEntity": "Any"}


def _values(props: dict[str, list[str]], name: str) -> list[str]:
    return [v for v in props.get(name, []) if v]


def party_from_example(schema: str, props: dict[str, list[str]]) -> PartyQuery:
    """A yente query example as a party query.  Raises ValueError when it has no name."""
    names = _values(props, "name") + _values(props, "alias") + _values(props, "previousName")
    if not names:
        names = [" ".join(p for p in (*_values(props, "firstName"), *_values(props, "lastName")) if p)]
    if not names or not names[0].strip():
        raise ValueError("the query has no 'name' (or firstName/lastName) property to match on")
    countries: list[str] = []
    for prop in COUNTRY_PROPS:
        for value in _values(props, prop):
            code = country_code(value)
            if code and code not in countries:
                countries.append(code)
    identifiers = [(kind, value) for prop, kind in IDENTIFIER_PROPS.items()
                   for value in _values(props, prop)]
    dates = _values(props, "birthDate") or _values(props, "incorporationDate")
    return PartyQuery(name=names[0], aliases=tuple(dict.fromkeys(names[1:])),
                      schema=_SCHEMA_ALIASES.get(schema, schema), countries=tuple(countries),
                      birth_date=dates[0] if dates else None, identifiers=tuple(identifiers))


def entity_properties(entity: Entity) -> dict[str, list[str]]:
    """The listed entity's fields under FtM property names."""
    props: dict[str, list[str]] = {}

    def add(prop: str, value: str | None) -> None:
        if value and value not in props.setdefault(prop, []):
            props[prop].append(value)

    add("name", entity.caption)
    for n in entity.names:
        if n.value == entity.caption:
            continue
        add("previousName" if n.kind is NameKind.FORMER else
            "weakAlias" if n.kind is NameKind.WEAK_ALIAS else "alias", n.value)
    for b in entity.birth_dates:
        add("birthDate" if entity.schema == "Person" else "incorporationDate", b.value)
    for p in entity.birth_places:
        add("birthPlace", p)
    for c in entity.nationalities:
        add("nationality", c.lower())
    for c in entity.countries:
        add("country", c.lower())
    for a in entity.addresses:
        add("address", a.full)
    for i in entity.identifiers:
        add(IDENTIFIER_FTM.get(i.type, "idNumber"), i.value)
    for p in entity.programs:
        add("program", p)
    add("gender", entity.gender)
    add("notes", entity.remarks)
    add("createdAt", entity.listed_on)
    for key, values in entity.properties.items():
        for v in values:
            add(key, str(v))
    return {k: v for k, v in props.items() if v}


def explanations(explanation: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """yente 5's ``explanations``: feature → {score, detail, query, candidate}, best per feature."""
    out: dict[str, dict[str, Any]] = {}
    for item in explanation:
        feature = str(item.get("feature", "unknown"))
        score = float(item.get("score") or 0.0)
        if feature in out and out[feature]["score"] >= score:
            continue
        out[feature] = {"score": score, "detail": item.get("detail"),
                        "query": item.get("query"), "candidate": item.get("candidate")}
    return out
