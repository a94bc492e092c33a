"""Parties and vessels against the loaded lists (``party_match`` / ``vessel_match``).

Every named party (buyer, consignee, end user, forwarder, bank, vessel owner, payer, carrier,
owners) is screened once per distinct name, and each hit is classified by the decision policy
as a confident or possible match, on a blocking list or not.  Vessels are matched on their IMO
number (check digit validated) and, when only a name is given, on the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from uavscreen.geo.vessels import normalise_imo, vessel_index
from uavscreen.matching.score import date_agreement
from uavscreen.model import Entity, Finding, MatchHit, Shipment
from uavscreen.rules.policy import Policy


class PartyScreener(Protocol):
    """What these checks need of ``Screener``."""

    dataset: Any

    def __hash__(self) -> int: ...

    def match_party(self, name: str, schema: str | None = ..., countries: Any = ...,
                    birth_date: str | None = ..., identifiers: Any = ..., limit: int = ...) -> list[MatchHit]: ...


@dataclass(slots=True)
class _Query:
    name: str
    schema: str | None
    country: str | None
    birth_date: str | None
    identifiers: list[dict[str, str]]
    roles: list[str] = field(default_factory=list)
    owner_of: str | None = None
    owner_share: float | None = None


def _queries(shipment: Shipment, policy: Policy) -> list[_Query]:
    roles = policy.screened_roles
    out: dict[tuple[Any, ...], _Query] = {}

    def add(name: str | None, role: str, schema: str | None = None, country: str | None = None,
            birth_date: str | None = None, identifiers: list[dict[str, str]] | None = None,
            owner_of: str | None = None, owner_share: float | None = None) -> None:
        if not name or not name.strip() or (role not in roles and "any" not in roles):
            return
        key = (name.strip().casefold(), country, birth_date, owner_of)
        q = out.get(key)
        if q is None:
            q = out[key] = _Query(name.strip(), schema, country, birth_date, identifiers or [],
                                  owner_of=owner_of, owner_share=owner_share)
        if role not in q.roles:
            q.roles.append(role)

    for p in shipment.parties:
        schema = p.schema_ or ("Person" if p.birth_date else None)
        ids = [{"type": i.type, "value": i.value} for i in p.identifiers]
        add(p.name, p.role, schema, p.country, p.birth_date, ids)
        for o in p.owners:
            add(o.name, "owner", None, None, None, None, owner_of=p.name or p.role, owner_share=o.share)
    if shipment.payment and shipment.payment.payer_name:
        add(shipment.payment.payer_name, "payer", None, shipment.payment.payer_country)
    for leg in shipment.route:
        add(leg.carrier, "carrier", None, None)
    return list(out.values())


def _dob_agreement(query_dob: str | None, entities: list[Entity]) -> float:
    """The matcher's birth-date agreement (``date_agreement``) over the dates of all these
    listings: +1, 0, -0.5 (a few years apart) or -1."""
    return date_agreement(query_dob, [d for e in entities for d in e.comparable_birth_dates()])[0]


def _describe(hit: MatchHit) -> str:
    feats = ", ".join(f"{k} {v:+g}" if k != "name" else f"name {v:.2f}" for k, v in hit.features.items())
    ids = ", ".join([hit.entity.id, *(e.id for e in hit.related)])
    return (f"matches '{hit.matched_name}' ({ids}; {hit.entity.schema}; programs "
            f"{', '.join(hit.entity.programs) or '-'}; score {hit.score:.2f}; {feats})")


_NAME_TOKEN = re.compile(r"[^\W_]+")


def _name_key(name: str) -> str:
    return " ".join(sorted(_NAME_TOKEN.findall(name.casefold())))


_DOB_INDEXES: dict[int, tuple[Any, dict[str, list[Entity]]]] = {}


def _dated_persons(dataset: Any) -> dict[str, list[Entity]]:
    """Name key → listed persons with a birth date, for one dataset (built once)."""
    cached = _DOB_INDEXES.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    index: dict[str, list[Entity]] = {}
    for e in dataset.entities:
        if e.schema == "Person" and e.birth_dates:
            for key in {_name_key(n.value) for n in e.names}:
                index.setdefault(key, []).append(e)
    if len(_DOB_INDEXES) >= 4:
        _DOB_INDEXES.pop(next(iter(_DOB_INDEXES)))
    _DOB_INDEXES[id(dataset)] = (dataset, index)
    return index


def _classify(policy: Policy, q: _Query, hit: MatchHit, same_name: dict[str, list[Entity]]) -> str | None:
    """The policy's classification, with the evidence of every listing of the party.

    Birth dates: its linked listings and, when they give no date, the listed persons of the
    very same name on other lists (lists that do not cross-reference each other still describe
    one person: the UK lists MOHAMMAD REZA MOHAMMADI without a date, OFAC with one).
    Country: a declared country that none of the listings names is a disagreement, even where
    the matcher's own country feature stays neutral (a front's name under another flag)."""
    is_person = hit.entity.schema == "Person" or q.schema == "Person"
    feats = dict(hit.features)
    listings = [hit.entity, *hit.related]
    if is_person and q.birth_date and feats.get("dob", 0) == 0:
        dated = list(listings)
        if not any(e.birth_dates for e in dated):
            for key in {_name_key(n.value) for n in hit.entity.names} | {_name_key(hit.matched_name)}:
                dated += same_name.get(key, [])
        feats["dob"] = _dob_agreement(q.birth_date, dated)
    if q.country and feats.get("country", 0) == 0:
        listed = set().union(*(e.country_codes() for e in listings))
        if listed and q.country.upper() not in listed:
            feats["country"] = -1.0
    if feats != hit.features:
        hit = MatchHit(hit.entity, hit.score, hit.match, hit.matched_name, hit.query_name,
                       hit.explanation, feats, hit.related)
    return policy.classify(hit, is_person)


@lru_cache(maxsize=50_000)
def _match(screener: Any, name: str, schema: str | None, country: str | None,
           birth_date: str | None, identifiers: tuple[tuple[str, str], ...]) -> list[MatchHit]:
    """Hits for one party query.  Order books repeat their counterparties (the same buyer on
    every order of a batch), so the answers are kept per screener (whose lists never change)."""
    return screener.match_party(name, schema=schema, countries=[country] if country else None,
                                birth_date=birth_date,
                                identifiers=[{"type": t, "value": v} for t, v in identifiers], limit=10)


def party_findings(screener: PartyScreener, shipment: Shipment, policy: Policy) -> list[Finding]:
    """``party_match`` findings for every listed party of the shipment."""
    findings: list[Finding] = []
    for q in _queries(shipment, policy):
        ids = tuple((i["type"], i["value"]) for i in q.identifiers)
        hits = _match(screener, q.name, q.schema, q.country, q.birth_date, ids)
        seen: set[str] = set()
        same_name = _dated_persons(screener.dataset) if q.birth_date else {}
        for hit in hits:
            if hit.entity.id in seen:
                continue
            classification = _classify(policy, q, hit, same_name)
            if classification is None or not (hit.match or hit.features.get("identifier", 0) > 0):
                continue
            seen.update(e.id for e in (hit.entity, *hit.related))
            # An owner is not a party to the shipment: its listing makes the owned party suspect
            # (OWN-01 weighs the shares), it does not by itself block the shipment.
            blocking = policy.is_blocking(hit) and not q.owner_of
            severity = "critical" if blocking and classification == "confident" else "high"
            who = ", ".join(q.roles)
            owner = f" (owner of '{q.owner_of}', {q.owner_share:g}%)" if q.owner_of and q.owner_share else ""
            findings.append(Finding(
                kind="party_match", severity=severity, subject=f"{who}: {q.name}{owner}",
                evidence=f"{classification} match: '{q.name}' {_describe(hit)}",
                basis=sorted({f"{e.source}: {', '.join(e.programs) or 'listed'}" for e in (hit.entity, *hit.related)}),
                details={
                    "entity_id": hit.entity.id, "related_ids": [e.id for e in hit.related],
                    "classification": classification, "blocking": blocking, "roles": list(q.roles),
                    "score": round(hit.score, 4), "features": dict(hit.features), "query_name": q.name,
                    "matched_name": hit.matched_name, "owner_of": q.owner_of, "owner_share": q.owner_share,
                },
            ))
    return findings


def vessel_findings(screener: PartyScreener, shipment: Shipment, policy: Policy) -> list[Finding]:
    """``vessel_match`` findings: a leg's IMO number on a list (confident), or its vessel name
    matching a listed vessel (possible unless the IMO agrees).  Invalid IMO numbers raise."""
    findings: list[Finding] = []
    index = vessel_index(screener.dataset)
    for i, leg in enumerate(shipment.route):
        subject = f"leg {i + 1} {leg.from_ or '?'} → {leg.to or '?'}"
        if leg.vessel_imo:
            imo = normalise_imo(leg.vessel_imo)
            for e in index.lookup(imo):
                blocking = policy.is_blocking(MatchHit(e, 1.0, True, e.caption, imo))
                findings.append(Finding(
                    kind="vessel_match", severity="critical" if blocking else "high",
                    subject=f"{subject}: vessel IMO {imo}",
                    evidence=f"IMO {imo} is listed vessel '{e.caption}' ({e.id}; programs "
                             f"{', '.join(e.programs) or '-'})",
                    basis=[f"{e.source}: {', '.join(e.programs) or 'listed'}"],
                    details={"entity_id": e.id, "imo": imo, "classification": "confident",
                             "blocking": blocking, "roles": ["vessel"]},
                ))
        if leg.vessel_name and not any(f.subject.startswith(subject) for f in findings):
            for hit in screener.match_party(leg.vessel_name, schema="Vessel", limit=5):
                if not hit.match or hit.entity.schema != "Vessel":
                    continue
                findings.append(Finding(
                    kind="vessel_match", severity="high", subject=f"{subject}: vessel '{leg.vessel_name}'",
                    evidence=f"possible match: vessel name {_describe(hit)}",
                    basis=[f"{hit.entity.source}: {', '.join(hit.entity.programs) or 'listed'}"],
                    details={"entity_id": hit.entity.id, "classification": "possible",
                             "blocking": policy.is_blocking(hit), "roles": ["vessel"]},
                ))
                break
    return findings
