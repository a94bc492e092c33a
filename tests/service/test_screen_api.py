"""``POST /screen``: a shipment naming a listed party gets a REVIEW/BLOCK verdict, is
recorded with the list versions and policy, and opens a case whose alert shows the party
and the listed entity side by side."""

from __future__ import annotations

from tests.service.conftest import Live


def shipment(buyer: str, sid: str = "PO-2024-0113") -> dict[str, object]:
    return {"id": sid, "date": "2024-03-02",
            "parties": [{"role": "buyer", "name": buyer, "country": "AE"},
                        {"role": "consignee", "name": "Nordic Marine Supplies AS", "country": "NO"}],
            "items": [{"description": "office chairs", "hs_code": "9401.30", "quantity": 10}],
            "route": [{"from": "AEJEA", "to": "NOOSL", "mode": "sea"}]}


def test_listed_buyer_opens_a_case(live: Live, listed_company: str) -> None:
    with live.client("service") as svc:
        r = svc.post("/screen", json=shipment(listed_company))
    assert r.status_code == 200, r.text
    verdict = r.json()
    assert verdict["decision"] in ("REVIEW", "BLOCK")
    assert verdict["lists"] == {"un_sc": "2026-02-27"} and verdict["policy"]
    assert any(f["kind"] == "party_match" for f in verdict["findings"])
    with live.client("analyst") as ana:
        case = ana.get(f"/cases/{verdict['case_id']}").json()
    party_alerts = [a for a in case["alerts"] if a["kind"] == "party_match"]
    assert party_alerts and party_alerts[0]["query"]["name"] == listed_company
    assert party_alerts[0]["entity"]["id"] == party_alerts[0]["entity_id"]
    assert case["subject"] == "shipment PO-2024-0113"


def test_batch_and_errors(live: Live, listed_company: str) -> None:
    with live.client("service") as svc:
        batch = svc.post("/screen", json={"shipments": [shipment(listed_company, "A"),
                                                        shipment("Baltic Timber Trading GmbH", "B")]})
        assert batch.status_code == 200, batch.text
        verdicts = batch.json()["verdicts"]
        assert [v["shipment_id"] for v in verdicts] == ["A", "B"]
        assert verdicts[0]["case_id"] is not None
        missing_id = svc.post("/screen", json={"parties": []})
        assert missing_id.status_code == 422 and "shipment: id" in missing_id.json()["detail"]
        bad_item = svc.post("/screen", json={"shipments": [shipment("x", "A"), {"id": "B", "items": "none"}]})
        assert bad_item.status_code == 422 and bad_item.json()["detail"].startswith("shipments[1]: items")
        too_many = svc.post("/screen", json={"shipments": [shipment("x", str(i)) for i in range(101)]})
        assert too_many.status_code == 413
