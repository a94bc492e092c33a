"""``screen(screener, shipment) → Verdict``: one explained decision per shipment.

The order matters and is the design: first the facts about parties (lists), goods (control
lists) and route (jurisdictions, regions, corridor, vessels) become findings; then the
red-flag rules read the shipment *and those findings*; then the decision policy turns the
findings into CLEAR / REVIEW / BLOCK.  Every finding carries its evidence and legal basis, and
the verdict records the list versions and the policy it was decided under.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from uavscreen.errors import InputError
from uavscreen.io.validate import reference_problems
from uavscreen.model import Finding, Shipment, Verdict
from uavscreen.rules.checks.goods import flagged, goods_findings
from uavscreen.rules.checks.parties import party_findings, vessel_findings
from uavscreen.rules.checks.route import corridor_findings, destination_findings, transshipment_findings
from uavscreen.rules.engine import default_rules, evaluate
from uavscreen.rules.facts import SEVERITY_RANK, ShipmentFacts
from uavscreen.rules.policy import Policy


@cache
def default_policy() -> Policy:
    """The policy named by ``$UAVSCREEN_POLICY``, else the bundled default (read once)."""
    return Policy.load()


def screen(screener: Any, shipment: Shipment, policy: Policy | None = None) -> Verdict:
    """Screen one shipment with the lists loaded in ``screener`` under ``policy``.

    A shipment that did not come through the file readers (API, Python) gets the same
    reference checks; the first problem is raised as a located :class:`InputError`."""
    problems = reference_problems(shipment)
    if problems:
        path, reason = problems[0]
        raise InputError(f"shipment {shipment.id}", f"field {path}", reason)
    policy = policy or default_policy()
    findings: list[Finding] = []
    findings += party_findings(screener, shipment, policy)
    findings += vessel_findings(screener, shipment, policy)
    findings += goods_findings(screener, shipment)
    facts = ShipmentFacts.build(shipment, findings)
    findings += destination_findings(facts, policy)
    findings += transshipment_findings(facts, policy)
    findings += corridor_findings(shipment)
    facts.findings = findings
    findings += evaluate(default_rules(), facts, policy.severities)
    findings = [f for f in findings if flagged(f)]
    findings.sort(key=lambda f: -SEVERITY_RANK.get(f.severity, 0))
    return Verdict(
        shipment_id=shipment.id,
        decision=policy.decide(findings),
        findings=findings,
        lists=dict(getattr(screener, "lists", {}) or {}),
        policy=policy.name,
    )
