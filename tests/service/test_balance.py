"""Connection balancing between uvicorn workers: a worker holding more than its share of
keep-alive connections closes some (``Connection: close``), one that holds its share or
less closes none, and a single-worker server never does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from starlette.types import Message, Receive, Scope, Send

from uavscreen.api.balance import Board, ConnectionBalancer


async def ok_app(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


def closes(balancer: ConnectionBalancer, clients: range, rounds: int = 3) -> int:
    """Send ``rounds`` requests from each client port; count answers with Connection: close."""
    closed = 0

    async def run() -> None:
        nonlocal closed
        for _ in range(rounds):
            for port in clients:
                sent: list[Message] = []

                async def send(message: Message, sent: list[Message] = sent) -> None:
                    sent.append(message)

                async def receive() -> Message:
                    return {"type": "http.request", "body": b"", "more_body": False}

                scope: Scope = {"type": "http", "client": ("127.0.0.1", port), "headers": []}
                await balancer(scope, receive, send)
                headers = dict(sent[0]["headers"])
                closed += headers.get(b"connection") == b"close"
            balancer.next_refresh = 0.0  # the next request refreshes the counts

    asyncio.run(run())
    return closed


def test_overloaded_worker_sheds_connections(tmp_path: Path) -> None:
    other = tmp_path / "99999999"
    other.write_text("2")  # the other worker holds 2 connections
    heavy = ConnectionBalancer(ok_app, board=Board(tmp_path), workers=2)
    assert closes(heavy, range(40000, 40014)) > 0  # 14 here vs 2 there: fair share is 8
    assert heavy.board is not None and int(heavy.board.mine.read_text()) < 14


def test_worker_at_its_share_keeps_connections(tmp_path: Path) -> None:
    (tmp_path / "99999999").write_text("8")
    even = ConnectionBalancer(ok_app, board=Board(tmp_path), workers=2)
    assert closes(even, range(40000, 40008)) == 0


def test_idle_worker_that_never_posted_counts_as_empty(tmp_path: Path) -> None:
    heavy = ConnectionBalancer(ok_app, board=Board(tmp_path), workers=2)
    assert closes(heavy, range(40000, 40010)) > 0


def test_single_worker_never_closes() -> None:
    alone = ConnectionBalancer(ok_app)  # no board configured: uavscreen serve --workers 1
    assert alone.board is None
    assert closes(alone, range(40000, 40010)) == 0
