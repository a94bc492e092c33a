"""Keeping keep-alive connections spread evenly over the uvicorn workers.

uvicorn's workers share one listening socket, and each accepts every connection waiting
when it wakes.  A client pool that opens its connections at once (an ERP, a bank's
gateway, a proxy) therefore often lands on one worker and stays there for the life of
its keep-alive connections: measured with 32 clients and 2 workers, all 32 connections
on one worker in some runs (one core busy, the other idle, twice the latency).

Each worker counts the connections that sent it a request within the last second and
posts that count on a board shared by the workers of one server (a file per worker in
a folder ``uavscreen serve`` creates).  A worker holding more than its fair share
(``ceil(total / workers)``) answers its next requests with ``Connection: close``, one
surplus connection at a time; the client reconnects, the connection is accepted by
whichever worker is free to accept, and the counts even out within a second or two.
No request is refused or retried: only the connection it came on is not kept alive.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BOARD_ENV = "UAVSCREEN_BALANCE_DIR"
WORKERS_ENV = "UAVSCREEN_WORKERS"
WINDOW = 1.0  # a connection counts while it sent a request this recently (seconds)
REFRESH = 0.25  # how often a worker posts its count and reads the others' (seconds)
STALE = 3.0  # a worker whose count is older than this is gone (seconds)


class Board:
    """Per-worker connection counts, one small file per worker process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mine = folder / str(os.getpid())

    def post(self, count: int) -> None:
        tmp = self.mine.with_suffix(".tmp")
        tmp.write_text(str(count))
        os.replace(tmp, self.mine)

    def read(self) -> list[int]:
        """Every live worker's count (this one's included)."""
        now = time.time()
        counts = []
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".tmp"):
                continue
            try:
                if now - entry.stat().st_mtime > STALE:
                    continue
                counts.append(int(Path(entry.path).read_text() or 0))
            except (OSError, ValueError):  # a worker replacing its file, or gone
                continue
        return counts


class ConnectionBalancer:
    """ASGI middleware: see the module docstring.  Inactive unless ``uavscreen serve``
    runs several workers (it sets ``$UAVSCREEN_BALANCE_DIR`` and ``$UAVSCREEN_WORKERS``)."""

    def __init__(self, app: ASGIApp, board: Board | None = None, workers: int | None = None) -> None:
        self.app = app
        folder = os.environ.get(BOARD_ENV)
        workers_env = os.environ.get(WORKERS_ENV, "1")
        self.workers = workers or (int(workers_env) if workers_env.isdigit() else 1)
        self.board = board or (Board(Path(folder)) if folder and self.workers > 1 else None)
        self.seen: dict[object, float] = {}
        self.surplus = 0
        self.next_refresh = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.board is None or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        now = time.monotonic()
        conn = scope.get("client")
        self.seen[conn] = now
        if now >= self.next_refresh:
            self.refresh(now)
        if self.surplus <= 0:
            await self.app(scope, receive, send)
            return
        self.surplus -= 1
        self.seen.pop(conn, None)

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, send_closing)

    def refresh(self, now: float) -> None:
        self.next_refresh = now + REFRESH
        self.seen = {c: t for c, t in self.seen.items() if now - t <= WINDOW}
        assert self.board is not None
        try:
            self.board.post(len(self.seen))
            counts = self.board.read()
        except OSError:  # the board is gone (server stopping): stop balancing
            self.surplus = 0
            return
        # a worker that was never sent a request has posted nothing: it counts as 0
        fair = math.ceil(sum(counts) / self.workers)
        # shed half the surplus per refresh: the others' counts lag by up to one refresh,
        # and a shed connection may be accepted here again
        self.surplus = max(1, (len(self.seen) - fair) // 2) if len(self.seen) > fair else 0
