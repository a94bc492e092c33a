"""Every route of the shared dev set drawn, with the corridor findings the route checks
really produce: the Caspian legs highlighted exactly where the eval expects the corridor."""

from __future__ import annotations

import json

import lxml.html

from tests.conftest import EVAL
from uavscreen.model import Decision, Shipment, Verdict
from uavscreen.report import render_html
from uavscreen.rules.checks.route import corridor_findings


def corridor_ends(shipment: Shipment) -> set[tuple[str | None, str | None]]:
    legs = [shipment.route[f.details["leg"]] for f in corridor_findings(shipment)]
    return {(leg.from_, leg.to) for leg in legs}


def test_dev_set_routes_and_caspian_legs() -> None:
    cases = [json.loads(line) for line in (EVAL / "shipments_dev.jsonl").read_text(encoding="utf-8").splitlines()]
    results = []
    for case in cases:
        shipment = Shipment.model_validate(case["shipment"])
        verdict = Verdict(shipment.id, Decision(case["expect"]["decision"]), corridor_findings(shipment))
        results.append((shipment, verdict))
    doc = lxml.html.fromstring(render_html(results))
    sections = doc.cssselect("section.shipment")
    assert len(sections) == len(cases) == 44
    corridor_cases = 0
    for section, case, (shipment, _) in zip(sections, cases, results, strict=True):
        svg = section.cssselect("svg.route-map")
        assert len(svg) == (1 if shipment.route else 0), case["id"]
        if not shipment.route:
            continue
        assert not section.cssselect(".unplaced"), case["id"]  # every dev LOCODE is placed
        assert len(svg[0].cssselect("line.leg")) == len(shipment.route), case["id"]
        embargoed = [x.get("data-to") for x in svg[0].cssselect("line.leg-embargoed")]
        assert embargoed == [leg.to for leg in shipment.route if leg.to and leg.to[:2] in ("IR", "KP", "CU")
                             and (leg.from_, leg.to) not in corridor_ends(shipment)], case["id"]
        caspian = svg[0].cssselect("line.leg-caspian")
        if "caspian_corridor" in case["expect"]["finding_kinds"]:
            corridor_cases += 1
            assert caspian, case["id"]
            assert {(x.get("data-from"), x.get("data-to")) for x in caspian} <= {
                (leg.from_, leg.to) for leg in shipment.route}
        elif "caspian_corridor" in case["expect"]["forbidden_kinds"]:
            assert not caspian, case["id"]
    assert corridor_cases >= 2
