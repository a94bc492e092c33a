"""Pairwise comparison of two FollowTheMoney-style records (``compare``), for clients
that already hold their candidates (e.g. nomenklatura-style pair evaluation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from uavscreen.matching.index import NameIndex, name_rows
from uavscreen.matching.match import Matcher
from uavscreen.model import BirthDate, Entity, Identifier, MatchHit, Name
from uavscreen.names.script import detect_script
from uavscreen.sources.base import Dataset

_ID_PROPS = {"imoNumber": "imo", "passportNumber": "passport", "idNumber": "national_id",
             "registrationNumber": "registration", "taxNumber": "tax", "swiftBic": "bic", "mmsi": "mmsi"}


def _values(props: Mapping[str, Any], key: str) -> list[str]:
    v = props.get(key) or []
    return [str(x) for x in ([v] if isinstance(v, str) else v) if x]


def entity_from_ftm(record: Mapping[str, Any], entity_id: str = "query:1") -> Entity:
    props = record.get("properties") or {}
    names = [Name(n, script=detect_script(n)) for n in _values(props, "name") + _values(props, "alias")]
    return Entity(
        id=entity_id, schema=str(record.get("schema") or "LegalEntity"), source="query", names=names,
        birth_dates=[BirthDate(d[:10]) for d in _values(props, "birthDate")],
        countries=[c.upper() for k in ("country", "nationality", "jurisdiction", "citizenship")
                   for c in _values(props, k)],
        identifiers=[Identifier(t, v) for k, t in _ID_PROPS.items() for v in _values(props, k)],
    )


def compare_entities(query: Mapping[str, Any], candidate: Mapping[str, Any]) -> MatchHit:
    """The best hit of ``query`` against the single ``candidate`` (score 0 when no name
    of the query aligns with any name of the candidate)."""
    cand = entity_from_ftm(candidate, "candidate:1")
    q = entity_from_ftm(query)
    rows = name_rows([cand])
    matcher = Matcher(Dataset([cand], []), NameIndex([cand], rows))
    schema = q.schema if q.schema not in ("Thing", "LegalEntity") else None
    best: MatchHit | None = None
    for n in q.names or [Name("")]:
        hits = matcher.match(n.value, schema=schema, countries=q.countries,
                             birth_date=q.birth_dates[0].value if q.birth_dates else None,
                             identifiers=[i.value for i in q.identifiers], limit=1)
        if hits and (best is None or hits[0].score > best.score):
            best = hits[0]
    if best is None:
        best = MatchHit(entity=cand, score=0.0, match=False, matched_name="", query_name=q.caption,
                        features={"name": 0.0, "dob": 0.0, "country": 0.0, "identifier": 0.0})
    return best


