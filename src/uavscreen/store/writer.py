"""Group commit for screenings: many request threads, one writer transaction.

Every screening must be durable before its answer leaves (the response carries its id
and case id), but one transaction per request makes the workers queue on the database's
write lock (SQLite) or on the audit chain's head row (PostgreSQL).  Request threads hand
their draft to this writer and wait; the writer takes everything queued, records it in
one transaction (one audit-head lock, one commit) and wakes each waiter with its result.
A batch that fails is retried one draft at a time, so one bad record fails alone.

On SQLite, drafts from the event loop (:meth:`GroupWriter.record`) are committed on the
loop's own thread instead: every SQLite call releases the GIL, and a writer thread got it
back only after the loop had matched another request, so a 3 ms transaction took 15 ms
of wall time while holding the database's write lock, and every request waited for it.
The loop commits what its requests queued during one turn in one transaction, then goes
on.  (PostgreSQL keeps the writer thread: its statements wait on the network.)  The WAL
checkpoints that SQLite would run inside those commits run in the background instead
(``checkpoint.py``).
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Protocol

from uavscreen.store.checkpoint import Checkpointer
from uavscreen.store.db import Store
from uavscreen.store.screenings import Recorded, ScreeningDraft, record, record_many

MAX_BATCH = 256


class _Settable(Protocol):
    def set_result(self, result: Recorded, /) -> None: ...

    def set_exception(self, exception: BaseException, /) -> None: ...


class GroupWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[tuple[ScreeningDraft, Future[Recorded]] | None] = queue.SimpleQueue()
        self._known_parties: dict[str, int] = {}
        self.inline = store.dialect == "sqlite"
        self._pending: list[tuple[ScreeningDraft, asyncio.Future[Recorded]]] = []
        self._checkpointer = Checkpointer(store) if store.write_lock is not None else None  # a SQLite file
        self._thread = threading.Thread(target=self._run, name="uavscreen-group-writer", daemon=True)
        self._thread.start()

    def submit(self, draft: ScreeningDraft, timeout: float = 60.0) -> Recorded:
        """Record ``draft``; returns once it is committed (or raises why it was not)."""
        return self.enqueue(draft).result(timeout)

    def enqueue(self, draft: ScreeningDraft) -> Future[Recorded]:
        """Queue ``draft`` for the writer thread; the future resolves once it is committed.
        (Async handlers call :meth:`record`.)"""
        fut: Future[Recorded] = Future()
        self._queue.put((draft, fut))
        return fut

    async def record(self, draft: ScreeningDraft) -> Recorded:
        """Record ``draft`` from the event loop; returns once it is committed.  Requests
        matched while the loop is busy join the same commit."""
        if not self.inline:
            return await asyncio.wrap_future(self.enqueue(draft))
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[Recorded] = loop.create_future()
        self._pending.append((draft, fut))
        if len(self._pending) == 1:
            loop.call_soon(self._flush_pending, loop, True)
        return await fut

    def _flush_pending(self, loop: asyncio.AbstractEventLoop, wait: bool) -> None:
        if wait and len(self._pending) < MAX_BATCH:
            # one more turn of the loop: the requests that arrived meanwhile are matched
            # and join this commit (a commit's fixed cost is that of ~4 screenings)
            loop.call_soon(self._flush_pending, loop, False)
            return
        batch, self._pending = self._pending, []
        self._write(batch)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(10)
        if self._checkpointer is not None:
            self._checkpointer.close()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            stop = False
            while len(batch) < MAX_BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    stop = True
                    break
                batch.append(nxt)
            self._write(batch)
            if stop:
                return

    def _write(self, batch: Sequence[tuple[ScreeningDraft, _Settable]]) -> None:
        try:
            with self.store.session() as session:
                results = record_many(session, [draft for draft, _ in batch], self._known_parties)
        except Exception:
            for draft, fut in batch:  # isolate the failing draft(s)
                try:
                    with self.store.session() as session:
                        res = record(session, draft, self._known_parties)
                    self._known_parties.update(res.counterparties)
                    fut.set_result(res)
                except Exception as exc:
                    fut.set_exception(exc)
            return
        for (_, fut), res in zip(batch, results, strict=True):
            if len(self._known_parties) > 1_000_000:
                self._known_parties.clear()
            self._known_parties.update(res.counterparties)  # committed: safe to remember
            fut.set_result(res)
