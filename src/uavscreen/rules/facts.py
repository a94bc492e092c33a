"""What the red-flag rules read: one shipment, pre-digested once.

Rules are evaluated many times per shipment, so the things several rules look at — parties by
role, where each party is (declared code and the country its address names), the route's
ports, the goods findings per item, the free texts — are worked out here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from uavscreen.geo import regions
from uavscreen.geo.ports import Port, port_or_none
from uavscreen.model import Finding, Party, Shipment

SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def severity_at_least(severity: str, minimum: str) -> bool:
    return SEVERITY_RANK.get(severity.lower(), 0) >= SEVERITY_RANK[minimum]


@dataclass(slots=True)
class PartyFacts:
    """One party and the countries it is in: declared, and named by its address."""

    index: int
    party: Party
    address_countries: set[str] = field(default_factory=set)

    @property
    def role(self) -> str:
        return self.party.role

    @property
    def label(self) -> str:
        return f"{self.party.role} '{self.party.name or '?'}'"

    @property
    def countries(self) -> set[str]:
        out = set(self.address_countries)
        if self.party.country:
            out.add(self.party.country)
        return out


@dataclass(slots=True)
class ShipmentFacts:
    """The shipment plus the findings of the party, goods and route checks."""

    shipment: Shipment
    _findings: list[Finding]
    parties: list[PartyFacts]
    legs: list[tuple[Port | None, Port | None]]
    _controlled: list[Finding] | None = None

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self._findings = value
        self._controlled = None

    @classmethod
    def build(cls, shipment: Shipment, findings: list[Finding]) -> ShipmentFacts:
        parties = []
        for i, p in enumerate(shipment.parties):
            pf = PartyFacts(i, p)
            pf.address_countries = regions.countries_in(p.address, p.country)
            for hit in regions.sanctioned_regions(p.address, p.country):
                pf.address_countries.add(hit.country)
            parties.append(pf)
        legs = [(port_or_none(leg.from_), port_or_none(leg.to)) for leg in shipment.route]
        return cls(shipment, findings, parties, legs)

    # ------------------------------------------------------------------ parties
    def by_role(self, roles: list[str] | None) -> list[PartyFacts]:
        if not roles or roles == ["any"]:
            return list(self.parties)
        wanted = {r.lower() for r in roles}
        return [p for p in self.parties if p.role.lower() in wanted]

    def named(self, roles: list[str]) -> list[PartyFacts]:
        return [p for p in self.by_role(roles) if p.party.name and p.party.name.strip()]

    @property
    def buyer_country(self) -> str | None:
        for p in self.by_role(["buyer"]):
            if p.party.country:
                return p.party.country
        return None

    def destination_parties(self) -> list[PartyFacts]:
        """Who the goods go to: the end users if named, else the consignees, else the buyers."""
        for roles in (["end_user"], ["consignee"], ["buyer"]):
            found = self.named(roles)
            if found:
                return found
        return []

    # ------------------------------------------------------------------ goods
    def goods_findings(self, min_severity: str = "low") -> list[Finding]:
        return [f for f in self.findings if f.kind in ("controlled_item", "misdeclared_goods")
                and severity_at_least(f.severity, min_severity)]

    def controlled(self) -> list[Finding]:
        """Items the goods screen flagged as controlled (computed once per set of findings)."""
        if self._controlled is None:
            self._controlled = [f for f in self.goods_findings() if f.kind == "controlled_item"
                                and not f.details.get("destination_licence")]
        return self._controlled

    def controlled_value(self) -> float:
        items = {f.details.get("item_index") for f in self.controlled()}
        return sum(it.value or 0.0 for i, it in enumerate(self.shipment.items) if i in items)

    # ------------------------------------------------------------------ time
    @property
    def shipment_date(self) -> date:
        try:
            return date.fromisoformat((self.shipment.date or "")[:10])
        except ValueError:
            return date.today()

