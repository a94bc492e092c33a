"""Security: every route but the health probes needs a key (checked for every operation
in the OpenAPI document), roles are enforced, SQL injection is inert, oversized or
hostile bodies are refused, schemathesis finds no 5xx, and the UI's forms need their
session's CSRF token."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, inspect, select

from tests.service.conftest import Live
from uavscreen.store.models import Case

PUBLIC = {("get", "/healthz"), ("get", "/readyz")}
# Lowest role each route needs; every operation in the spec must be listed here.
NEEDS = {"/match/{dataset}": "service", "/screen": "service", "/lists": "service",
         "/lists/rescreen": "admin", "/lists/reload": "admin", "/cases": "analyst",
         "/cases/{case_id}": "analyst", "/cases/{case_id}/alerts/{alert_id}/decision": "analyst",
         "/cases/{case_id}/close": "analyst", "/decisions": "analyst", "/audit": "analyst",
         "/audit/verify": "analyst", "/keys": "admin", "/keys/{key_id}": "admin"}
RANK = ["service", "analyst", "admin"]


def operations(live: Live) -> list[tuple[str, str]]:
    spec = httpx.get(f"{live.base_url}/openapi.json").json()
    return [(method, path) for path, item in spec["paths"].items() for method in item
            if method in ("get", "post", "put", "patch", "delete")]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda m: "default" if m.group(0) == "{dataset}" else "1", path)


def call(client: httpx.Client, method: str, path: str) -> httpx.Response:
    return client.request(method, concrete(path), json={} if method in ("post", "put", "patch") else None)


def test_every_route_needs_a_key_and_the_right_role(live: Live) -> None:
    ops = operations(live)
    assert len(ops) >= 16
    secured = [op for op in ops if op not in PUBLIC]
    assert {p for _, p in secured} == set(NEEDS), "a route is missing from the role table"
    anonymous = live.client()
    bad_key = httpx.Client(base_url=live.base_url, headers={"Authorization": "ApiKey uvs_not-a-real-key"})
    wrong_scheme = httpx.Client(base_url=live.base_url, headers={"Authorization": f"Basic {live.keys['admin']}"})
    clients = {role: live.client(role) for role in RANK}
    for method, path in secured:
        for c in (anonymous, bad_key, wrong_scheme):
            r = call(c, method, path)
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.headers.get("www-authenticate") == "ApiKey"
        needed = RANK.index(NEEDS[path])
        for role, c in clients.items():
            r = call(c, method, path)
            if RANK.index(role) < needed:
                assert r.status_code == 403, (role, method, path, r.status_code)
            else:
                assert r.status_code not in (401, 403), (role, method, path, r.status_code, r.text)
    for method, path in PUBLIC:
        assert call(anonymous, method, path).status_code == 200


def test_revoked_key_is_refused(live: Live) -> None:
    with live.client("admin") as admin:
        created = admin.post("/keys", json={"role": "service", "label": "temp"}).json()
        fresh = httpx.Client(base_url=live.base_url, headers={"Authorization": f"ApiKey {created['key']}"})
        assert fresh.get("/lists").status_code == 200
        assert admin.delete(f"/keys/{created['id']}").status_code == 200
        listed = admin.get("/keys").json()["keys"]
    assert all("key" not in k and "key_hash" not in k for k in listed)
    assert fresh.get("/lists").status_code == 401


INJECTIONS = ["x'); DROP TABLE cases; --", "' OR '1'='1", "1; DELETE FROM audit_events", "\" OR 1=1 --"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_is_inert(live: Live, payload: str) -> None:
    with live.client("admin") as c:
        r = c.post("/match/default", json={"queries": {"q": {"schema": "Person", "properties": {"name": [payload]}}}})
        assert r.status_code == 200
        assert c.get("/cases", params={"status": payload}).status_code == 422
        assert c.get(f"/cases/{payload}").status_code in (404, 422)
        assert c.get("/audit", params={"event": payload}).status_code == 422
        found = c.get("/audit", params={"q": payload})
        assert found.status_code == 200
        assert all(payload in e["payload"] or payload in e["subject"] for e in found.json()["events"])
        assert c.get("/audit/verify").json()["ok"] is True
    tables = set(inspect(live.store.engine).get_table_names())
    assert {"cases", "audit_events", "api_keys"} <= tables
    with live.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) is not None


def test_oversized_and_hostile_bodies_are_refused(live: Live) -> None:
    big = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 2_000_000]}}}}
    with live.client("service") as c:
        assert c.post("/match/default", json=big).status_code == 413

        def chunks() -> Any:
            for _ in range(40):
                yield b" " * 50_000

        chunked = c.post("/match/default", content=chunks(), headers={"Content-Type": "application/json"})
        assert chunked.status_code == 413
        long_name = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 5000]}}}}
        assert c.post("/match/default", json=long_name).status_code == 422
        nul = c.post("/match/default", content=b'{"queries":{"q":{"schema":"Person","properties":{"name":["a\\u0000b"]}}}}',
                     headers={"Content-Type": "application/json"})
        assert nul.status_code == 422
        surrogate = c.post("/screen", content=b'{"id":"\\ud800","parties":[]}',
                           headers={"Content-Type": "application/json"})
        assert surrogate.status_code == 422 and "body.id" in surrogate.json()["detail"]
        bad_shipment = c.post("/screen", json={"id": "PO-1", "parties": [{"role": "buyer", "country": "Iran"}]})
        assert bad_shipment.status_code == 422 and "parties.0.country" in bad_shipment.json()["detail"]


def test_schemathesis_finds_no_server_errors(live: Live, tmp_path: Path) -> None:
    cli = Path(sys.executable).parent / "schemathesis"
    # /lists/reload swaps in Screener.default() (the bundled lists): slow, and not what is fuzzed.
    excluded = ["--exclude-path", "/lists/reload"]
    if importlib.util.find_spec("uavscreen.screening") is None:
        # Without the shipment-screening module /screen answers 503 by design.
        excluded += ["--exclude-path", "/screen"]
    proc = subprocess.run(
        [str(cli), "run", f"{live.base_url}/openapi.json", "--checks", "not_a_server_error",
         "--max-examples", "12", "--seed", "1", "--phases", "examples,coverage,fuzzing",
         "-H", f"Authorization: ApiKey {live.keys['admin']}", "--request-timeout", "20",
         *excluded, "--no-color"],
        capture_output=True, text=True, timeout=170, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]


def test_ui_forms_that_change_something_need_the_session_s_csrf_token(live: Live, listed_company: str) -> None:
    """A logged-in browser's cookie alone does not let a form post decide, close or log
    out: the form must carry the token of a page served in that session (another site
    cannot read it)."""
    body = {"queries": {"q": {"schema": "Organization", "properties": {"name": [listed_company]}}}}
    with live.client("service") as svc:
        case_id = svc.post("/match/default", json=body).json()["case_id"]
    ui = httpx.Client(base_url=live.base_url, timeout=30)
    assert ui.post("/ui/login", data={"key": live.keys["analyst"]}).status_code == 303
    assert "uavscreen_session" in ui.cookies
    page = ui.get(f"/ui/cases/{case_id}").text
    token = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert token, "the case page's forms carry the session's token"
    alert_id = int(re.search(r'action="/ui/cases/\d+/alerts/(\d+)"', page).group(1))  # type: ignore[union-attr]
    decision = {"disposition": "false_positive", "reason": "a different party"}
    for forged in ({}, {"csrf": "0" * 64}):
        r = ui.post(f"/ui/cases/{case_id}/alerts/{alert_id}", data={**decision, **forged})
        assert r.status_code == 403 and "reload the page" in r.text
        assert ui.post(f"/ui/cases/{case_id}/close", data={"resolution": "x", **forged}).status_code == 403
        assert ui.post("/ui/logout", data=forged).status_code == 403
    with live.store.read() as s:
        assert s.scalar(select(Case.status).where(Case.id == case_id)) == "open"
    r = ui.post(f"/ui/cases/{case_id}/alerts/{alert_id}", data={**decision, "csrf": token.group(1)})
    assert r.status_code == 200 and "false positive" in r.text
    assert ui.post("/ui/logout", data={"csrf": token.group(1)}).status_code == 303
