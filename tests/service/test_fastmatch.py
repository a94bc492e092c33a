"""The ``/match`` fast path answers ordinary requests itself, exactly as the FastAPI route
would, and hands everything else to the route (which gives the documented errors)."""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest
from starlette.types import Message, Receive, Scope, Send

from tests.service.conftest import Live
from uavscreen.api.fastmatch import MatchFastPath
from uavscreen.api.settings import Settings
from uavscreen.api.state import ServiceState
from uavscreen.screener import Screener
from uavscreen.store import Store
from uavscreen.store import keys as store_keys


def body(name: str) -> dict[str, Any]:
    return {"queries": {"q": {"schema": "Company", "properties": {"name": [name]}}}}


def without_ids(answer: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in answer.items() if k not in ("screening_id", "case_id")}


def test_fast_answer_equals_route_answer(live: Live, listed_company: str) -> None:
    with live.client("service") as c:
        first = c.post("/match/default", json=body(listed_company))  # key not cached yet: the route
        second = c.post("/match/default", json=body(listed_company))  # the fast path
        assert first.status_code == second.status_code == 200
        assert first.headers["content-type"] == second.headers["content-type"] == "application/json"
        a, b = first.json(), second.json()
        assert without_ids(a) == without_ids(b) and a["responses"]["q"]["results"]
        assert b["screening_id"] == a["screening_id"] + 1 and b["case_id"] and b["case_id"] != a["case_id"]
        # what the fast path cannot vouch for still gets the route's errors
        assert c.post("/match/default?limit=0", json=body("x")).status_code == 422
        assert c.post("/match/nosuchlist", json=body("x")).status_code == 404
        assert c.post("/match/default", json={"queries": {}}).status_code == 422
        assert c.post("/match/default", content=b"{not json", headers={"content-type": "application/json"}
                      ).status_code == 422
    with live.client("analyst") as c:  # analyst includes service
        assert c.post("/match/default", json=body("x")).status_code == 200
    with live.client() as c:
        assert c.post("/match/default", json=body("x")).status_code == 401


class Downstream:
    """The app behind the fast path: counts what was passed on and answers 418."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        message = await receive()
        assert message["type"] == "http.request"  # the body reaches the route intact
        await send({"type": "http.response.start", "status": 418, "headers": []})
        await send({"type": "http.response.body", "body": message["body"]})


def call(app: MatchFastPath, path: str, query: bytes, payload: bytes, key: str | None,
         content_type: bytes = b"application/json") -> tuple[int, bytes]:
    headers = [(b"content-type", content_type)]
    if key:
        headers.append((b"authorization", f"ApiKey {key}".encode()))
    scope: Scope = {"type": "http", "method": "POST", "path": path, "query_string": query, "headers": headers}
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": payload, "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    async def run() -> None:
        await app(scope, receive, send)
        state.writer.close()

    state = app.state
    asyncio.run(run())
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


@pytest.fixture()
def service_key(sqlite_store: Store) -> str:
    with sqlite_store.session() as s:
        key, _ = store_keys.create_key(s, "service", "fast", actor="test")
    return key


@pytest.mark.parametrize(("path", "query", "payload", "content_type", "fast"), [
    ("/match/default", b"", orjson.dumps(body("Qods")), b"application/json", True),
    ("/match/default", b"limit=3&threshold=0.8", orjson.dumps(body("Qods")), b"application/json", True),
    ("/match/default", b"limit=0", orjson.dumps(body("Qods")), b"application/json", False),
    ("/match/default", b"limit=3&limit=4", orjson.dumps(body("Qods")), b"application/json", False),
    ("/match/default", b"fuzzy=true", orjson.dumps(body("Qods")), b"application/json", False),
    ("/match/nosuchlist", b"", orjson.dumps(body("Qods")), b"application/json", False),
    ("/match/default", b"", b'{"queries": {}}', b"application/json", False),
    ("/match/default", b"", orjson.dumps(body("Qods")), b"text/plain", False),
    ("/match/de fault", b"", orjson.dumps(body("Qods")), b"application/json", False),
])
def test_fast_path_or_route(sqlite_store: Store, screener: Screener, service_key: str, path: str, query: bytes,
                            payload: bytes, content_type: bytes, fast: bool) -> None:
    state = ServiceState(sqlite_store, Settings(), lambda: screener)
    state.load()
    downstream = Downstream()
    app = MatchFastPath(downstream, state)
    status, answer = call(app, path, query, payload, service_key, content_type)
    assert (downstream.calls == 0) is fast
    if fast:
        assert status == 200 and orjson.loads(answer)["screening_id"]
    else:
        assert status == 418 and answer == payload


def test_keys_the_fast_path_cannot_vouch_for_go_to_the_route(sqlite_store: Store, screener: Screener,
                                                             service_key: str) -> None:
    state = ServiceState(sqlite_store, Settings(), lambda: screener)
    state.load()
    with sqlite_store.session() as s:
        revoked, row = store_keys.create_key(s, "service", "old", actor="test")
        store_keys.revoke(s, row.id, actor="test")
    payload = orjson.dumps(body("x"))
    for key in (None, "not-a-key", revoked):
        downstream = Downstream()
        status, _ = call(MatchFastPath(downstream, state), "/match/default", b"", payload, key)
        assert status == 418 and downstream.calls == 1, key
    downstream = Downstream()  # a valid key seen for the first time: looked up, then served
    status, _ = call(MatchFastPath(downstream, state), "/match/default", b"", payload, service_key)
    assert status == 200 and downstream.calls == 0
