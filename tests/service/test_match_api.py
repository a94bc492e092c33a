"""``POST /match/{dataset}`` answers yente's documented request with yente's documented
response shape; matches are recorded and open cases."""

from __future__ import annotations

from typing import Any

from tests.service.conftest import Live

# The request body from yente's /match documentation (yente/routers/match.py docstring).
YENTE_DOC_BODY: dict[str, Any] = {
    "queries": {
        "entity1": {
            "schema": "Person",
            "properties": {"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]},
        },
        "entity2": {
            "schema": "Company",
            "properties": {"name": ["Brilliant Amazing Limited"], "jurisdiction": ["hk"],
                           "registrationNumber": ["84BA99810"]},
        },
    }
}

RESULT_KEYS = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
               "last_seen", "last_change", "score", "match", "features", "explanations"}


def check_result_shape(r: dict[str, Any]) -> None:
    assert set(r) == RESULT_KEYS
    assert isinstance(r["id"], str) and ":" in r["id"]
    assert isinstance(r["caption"], str) and r["caption"]
    assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in r["properties"].values())
    assert "name" in r["properties"]
    assert isinstance(r["datasets"], list) and r["datasets"]
    assert 0.0 <= r["score"] <= 1.0 and isinstance(r["match"], bool)
    assert all(isinstance(v, float | int) for v in r["features"].values())
    for feature, ex in r["explanations"].items():
        assert set(ex) == {"score", "detail", "query", "candidate"}, feature


def test_yente_documented_body_gets_documented_shape(live: Live) -> None:
    with live.client("service") as c:
        r = c.post("/match/default", json=YENTE_DOC_BODY, params={"limit": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= {"responses", "matcher", "limit"}
    assert body["limit"] == 3
    assert set(body["responses"]) == {"entity1", "entity2"}
    for key, resp in body["responses"].items():
        assert set(resp) == {"status", "results", "total", "query"}
        assert resp["status"] == 200
        assert resp["total"] == {"value": len(resp["results"]), "relation": "eq"}
        assert resp["query"]["schema"] == YENTE_DOC_BODY["queries"][key]["schema"]
        assert resp["query"]["properties"] == YENTE_DOC_BODY["queries"][key]["properties"]
        assert len(resp["results"]) <= 3
        for result in resp["results"]:
            check_result_shape(result)
        scores = [x["score"] for x in resp["results"]]
        assert scores == sorted(scores, reverse=True)


def test_listed_name_matches_and_opens_a_case(live: Live, listed_company: str) -> None:
    body = {"queries": {"a": {"schema": "Organization", "properties": {"name": [listed_company]}}}}
    with live.client("service") as c:
        r = c.post("/match/un_sc", json=body)
    assert r.status_code == 200, r.text
    top = r.json()["responses"]["a"]["results"][0]
    check_result_shape(top)
    assert top["match"] is True and top["datasets"] == ["un_sc"]
    assert top["explanations"]["name"]["candidate"]
    case_id = r.json()["case_id"]
    assert case_id is not None
    with live.client("analyst") as c:
        case = c.get(f"/cases/{case_id}").json()
        events = c.get("/audit", params={"event": "screening.match"}).json()["events"]
    assert case["status"] == "open" and case["alerts"][0]["entity_id"] == top["id"]
    assert case["alerts"][0]["query"]["name"] == listed_company
    payload = events[0]["payload"]
    assert '"lists":{"un_sc":"2026-02-27"}' in payload and '"matcher":' in payload


def test_threshold_and_single_string_properties(live: Live, listed_company: str) -> None:
    body = {"queries": {"a": {"schema": "Organization", "properties": {"name": listed_company}}}}
    with live.client("service") as c:
        r = c.post("/match/default", json=body, params={"threshold": 1.0})
    assert r.status_code == 200, r.text
    results = r.json()["responses"]["a"]["results"]
    assert results and all(x["match"] is (x["score"] >= 1.0) for x in results)


def test_bad_queries_get_clear_4xx(live: Live) -> None:
    with live.client("service") as c:
        unknown = c.post("/match/nosuchlist", json=YENTE_DOC_BODY)
        nameless = c.post("/match/default", json={"queries": {"x": {"schema": "Person",
                                                                    "properties": {"birthDate": ["1970"]}}}})
        empty = c.post("/match/default", json={"queries": {}})
        too_many = c.post("/match/default", json={"queries": {
            f"q{i}": {"schema": "Person", "properties": {"name": ["a"]}} for i in range(101)}})
        not_json = c.post("/match/default", content=b"{not json", headers={"Content-Type": "application/json"})
    assert unknown.status_code == 404 and "nosuchlist" in unknown.json()["detail"]
    assert nameless.status_code == 400 and "'x'" in nameless.json()["detail"]
    assert empty.status_code == 422
    assert too_many.status_code == 422
    assert not_json.status_code == 422
