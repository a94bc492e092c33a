"""Where the goods go and how: embargoed destinations, sanctioned regions, transshipment
hubs, Russia/Belarus licence requirements and the Caspian corridor.

Destination means the buyer, consignee and end user (where each is, by declared code and by
what its address names) and the end of every route leg; a leg *leaving* Iran is not a
destination.  Transshipment risk needs controlled goods: benign goods to Turkey or the UAE
are ordinary trade.
"""

from __future__ import annotations

from uavscreen.geo import corridor, regions
from uavscreen.geo import countries as geo
from uavscreen.model import Finding, Shipment
from uavscreen.rules.facts import ShipmentFacts
from uavscreen.rules.policy import Policy

_EMBARGO_BASIS = {
    "IR": ["31 CFR part 560 (ITSR)", "15 CFR 746.7", "Council Regulation (EU) 2023/1529"],
    "KP": ["31 CFR part 510", "15 CFR 746.4"],
    "CU": ["31 CFR part 515 (CACR)", "15 CFR 746.2"],
}


def _basis(code: str) -> list[str]:
    j = geo.jurisdiction(code)
    return [*_EMBARGO_BASIS.get(code, []), *([j.source] if j and j.source else [])]


def destination_findings(facts: ShipmentFacts, policy: Policy) -> list[Finding]:
    """``embargoed_destination`` and ``sanctioned_region`` findings for the destination parties
    and route legs."""
    out: list[Finding] = []
    embargo = policy.categories("embargo")
    for pf in facts.parties:
        if pf.role not in policy.destination_roles:
            continue
        p = pf.party
        for hit in regions.sanctioned_regions(p.address, p.country):
            assert hit.region is not None
            comprehensive = hit.region.category in embargo
            out.append(Finding(
                kind="sanctioned_region", severity="critical" if comprehensive else "high",
                subject=f"{pf.role}: {p.name or '?'}",
                evidence=(f"address '{p.address}' is in {hit.region.name} ({hit.region.code}; recognised from "
                          f"'{hit.matched}'), declared country {p.country or 'none'}"),
                basis=[*hit.region.basis, hit.region.source],
                details={"region": hit.region.code, "category": hit.region.category, "roles": [pf.role]},
            ))
        for code in sorted(pf.countries):
            if geo.categories(code) & embargo:
                how = "declared country" if code == p.country else f"address '{p.address}' names it"
                out.append(Finding(
                    kind="embargoed_destination", severity="critical", subject=f"{pf.role}: {p.name or '?'}",
                    evidence=f"{pf.role} in {geo.country_name(code)} ({how}), a comprehensively embargoed country",
                    basis=_basis(code), details={"country": code, "roles": [pf.role]},
                ))
    for i, (_a, b) in enumerate(facts.legs):
        if b is None:
            continue
        if geo.categories(b.country) & embargo:
            out.append(Finding(
                kind="embargoed_destination", severity="critical", subject=f"leg {i + 1} → {b.unlocode}",
                evidence=f"route leg {i + 1} ends in {b.name} ({b.unlocode}), {geo.country_name(b.country)}",
                basis=_basis(b.country), details={"country": b.country, "leg": i},
            ))
        if b.region:
            j = geo.jurisdiction(b.region)
            comprehensive = bool(j and j.categories & embargo)
            out.append(Finding(
                kind="sanctioned_region", severity="critical" if comprehensive else "high",
                subject=f"leg {i + 1} → {b.unlocode}",
                evidence=f"route leg {i + 1} ends in {b.name} ({b.unlocode}), in {j.name if j else b.region}",
                basis=[j.source] if j and j.source else [],
                details={"region": b.region, "category": "comprehensive_embargo" if comprehensive else "occupied_region",
                         "leg": i},
            ))
    return out


def transshipment_findings(facts: ShipmentFacts, policy: Policy) -> list[Finding]:
    """``transshipment_risk`` (controlled goods to or through a hub) and the Russia/Belarus
    licence requirement (a ``controlled_item`` finding with ``destination_licence``)."""
    controlled = facts.controlled()
    if not controlled:
        return []
    hubs = policy.categories("transshipment")
    licence = policy.categories("licence")
    items = "; ".join(sorted({f.subject for f in controlled}))
    out: list[Finding] = []
    places: list[tuple[str, str]] = []
    receivers = [pf for pf in facts.parties if pf.role in ("consignee", "end_user")]
    for pf in receivers or facts.by_role(["buyer"]):
        places.extend((c, f"{pf.role} '{pf.party.name or '?'}'") for c in sorted(pf.countries))
    last = len(facts.legs) - 1
    for i, (_a, b) in enumerate(facts.legs):
        if b is not None and (i < last or not receivers):
            where = "intermediate stop" if i < last else "destination"
            places.append((b.country, f"{where} {b.name} ({b.unlocode})"))
    seen: set[tuple[str, str]] = set()
    for code, who in places:
        cats = geo.categories(code)
        for group, kind in ((hubs, "transshipment_risk"), (licence, "controlled_item")):
            hit = cats & group
            if not hit or (code, kind) in seen:
                continue
            seen.add((code, kind))
            j = geo.jurisdiction(code)
            if kind == "transshipment_risk":
                out.append(Finding(
                    kind=kind, severity="high", subject=who,
                    evidence=(f"controlled goods ({items}) go to {who} in {geo.country_name(code)} "
                              f"({', '.join(sorted(hit))})"),
                    basis=[j.source] if j and j.source else [],
                    details={"country": code, "categories": sorted(hit)},
                ))
            else:
                out.append(Finding(
                    kind=kind, severity="high", subject=who,
                    evidence=(f"controlled goods ({items}) go to {who} in {geo.country_name(code)}: "
                              "licence requirement (Russia/Belarus controls), not an embargo"),
                    basis=["15 CFR 746.8 and Supp. No. 4/7 to part 746", "Council Regulation (EU) No 833/2014",
                           *([j.source] if j and j.source else [])],
                    details={"country": code, "destination_licence": True},
                ))
    return out


def corridor_findings(shipment: Shipment) -> list[Finding]:
    """``caspian_corridor`` findings (see :mod:`uavscreen.geo.corridor`)."""
    legs = [(leg.from_, leg.to) for leg in shipment.route]
    origins = [it.origin_country for it in shipment.items]
    return [Finding(
        kind="caspian_corridor", severity="high", subject=f"leg {h.leg + 1} {h.origin.unlocode} → {h.destination.unlocode}",
        evidence=h.reason + " (the route the US named for Iranian UAVs and munitions to Russia)",
        basis=["White House/NSC declassified information (2023-06-09)", h.destination.source or h.origin.source],
        rule_id="CAS-01", details={"leg": h.leg},
    ) for h in corridor.caspian_corridor(legs, origins)]
