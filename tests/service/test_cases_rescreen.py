"""Cases, decisions, false-positive suppression, decisions export, and re-screening of
stored counterparties against the delta of a list update (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Any

from tests.service.conftest import Live
from uavscreen.model import Entity, Name, NameKind
from uavscreen.screener import Screener
from uavscreen.sources.base import Dataset
from uavscreen.store import Store
from uavscreen.store import cases as store_cases
from uavscreen.store.rescreen import rescreen_after_update


def match_body(name: str, schema: str = "Organization") -> dict[str, Any]:
    return {"queries": {"q": {"schema": schema, "properties": {"name": [name]}}}}


def test_case_lifecycle_suppression_and_export(live_any: Live, listed_company: str) -> None:
    with live_any.client("service") as svc, live_any.client("analyst") as ana:
        first = svc.post("/match/default", json=match_body(listed_company)).json()
        case_id = first["case_id"]
        assert case_id
        queue = ana.get("/cases").json()
        assert queue["total"] == 1 and queue["cases"][0]["id"] == case_id
        case = ana.get(f"/cases/{case_id}").json()
        alert = case["alerts"][0]
        assert alert["entity"]["id"] == alert["entity_id"] and alert["explanation"]

        early = ana.post(f"/cases/{case_id}/close", json={"resolution": "done"})
        assert early.status_code == 409 and str(alert["id"]) in early.json()["detail"]
        no_reason = ana.post(f"/cases/{case_id}/alerts/{alert['id']}/decision",
                             json={"disposition": "false_positive", "reason": ""})
        assert no_reason.status_code == 422
        for a in case["alerts"]:
            r = ana.post(f"/cases/{case_id}/alerts/{a['id']}/decision",
                         json={"disposition": "false_positive", "reason": "=HYPERLINK(\"x\") different party"})
            assert r.status_code == 200 and r.json()["disposition"] == "false_positive"
        closed = ana.post(f"/cases/{case_id}/close", json={"resolution": "all false positives"})
        assert closed.status_code == 200 and closed.json()["status"] == "closed"
        again = ana.post(f"/cases/{case_id}/alerts/{alert['id']}/decision",
                         json={"disposition": "true_positive", "reason": "changed my mind"})
        assert again.status_code == 409
        assert ana.get("/cases/999999").status_code == 404

        # The same party against the same, unchanged entries: suppressed, no new case.
        second = svc.post("/match/default", json=match_body(listed_company)).json()
        assert second["case_id"] is None
        assert second["responses"]["q"]["results"][0]["match"] is True

        as_json = ana.get("/decisions").json()["decisions"]
        assert {d["alert_id"] for d in as_json} == {a["id"] for a in case["alerts"]}
        assert all(d["disposition"] == "false_positive" and d["case_status"] == "closed" for d in as_json)
        as_csv = ana.get("/decisions", params={"format": "csv"})
        assert as_csv.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert len(rows) == len(as_json)
        assert rows[0]["reason"].startswith("'=HYPERLINK")  # formula neutralised
        events = [e["event"] for e in ana.get("/audit", params={"limit": 50}).json()["events"]]
        assert {"screening.match", "case.open", "case.decide", "case.close"} <= set(events)
        assert ana.get("/audit/verify").json()["ok"] is True


UNLISTED = "Zephyrine Quartzworks Trading"


def with_entities(screener: Screener, entities: list[Entity]) -> Screener:
    return Screener(Dataset(entities=entities, snapshots=list(screener.dataset.snapshots)))


def test_rescreen_against_delta_opens_cases_and_respects_suppression(
        live_any: Live, screener: Screener) -> None:
    store: Store = live_any.store
    with live_any.client("service") as svc:
        r = svc.post("/match/default", json=match_body(UNLISTED + " LLC", "Company"))
        assert r.json()["case_id"] is None  # not listed today
    base = rescreen_after_update(screener, store=store)
    assert base.baseline and base.entries == len(screener.dataset.entities) and not base.cases

    old = list(screener.entities())
    newcomer = Entity(id="un_sc:TEST.001", schema="Company", source="un_sc",
                      names=[Name(UNLISTED, NameKind.PRIMARY)], countries=["IR"])
    changed = replace(old[0], remarks=(old[0].remarks or "") + " Amended.")
    updated = with_entities(screener, [changed, *old[1:], newcomer])
    report = rescreen_after_update(updated, store=store)
    assert (report.new, report.changed, report.removed) == (1, 1, 0)
    assert report.counterparties >= 1 and len(report.cases) == 1
    with store.read() as s:
        case = store_cases.get_case(s, report.cases[0])
        assert case.origin == "rescreen"
        alert = next(a for a in case.alerts if a.entity_id == "un_sc:TEST.001")
    with store.session() as s:
        for a in case.alerts:
            store_cases.decide(s, case.id, a.id, "false_positive", "different company", "key:test")

    # Same delta again (e.g. a re-run): the pair is cleared, no new case.
    rerun = rescreen_after_update(updated, previous=Dataset(old, []), store=store)
    assert rerun.hits >= 1 and rerun.suppressed >= 1 and not rerun.cases

    # The listed entry changes: the false positive no longer holds.
    amended = replace(newcomer, names=[*newcomer.names, Name(UNLISTED + " Co", NameKind.STRONG_ALIAS)])
    third = rescreen_after_update(with_entities(screener, [changed, *old[1:], amended]), store=store)
    assert third.changed == 1 and len(third.cases) == 1
    with store.read() as s:
        assert any(a.entity_id == alert.entity_id for a in store_cases.get_case(s, third.cases[0]).alerts)
    with live_any.client("admin") as adm:
        assert adm.post("/lists/rescreen").json()["new"] == 0
        assert adm.get("/audit/verify").json()["ok"] is True
