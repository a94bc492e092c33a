"""Group commit for screenings: many request threads, one writer transaction.

Every screening must be durable before its answer leaves (the response carries its id
and case id), but one transaction per request makes the workers queue on the database's
write lock (SQLite) or on the audit chain's head row (PostgreSQL).  Request threads hand
their draft to this writer and wait; the writer takes everything queued, records it in
one transaction (one audit-head lock, one commit) and wakes each waiter with its result.
A batch that fails is retried one draft at a time, so one bad record fails alone.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from uavscreen.store.db import Store
from uavscreen.store.screenings import Recorded, ScreeningDraft, record, record_many

MAX_BATCH = 256


class GroupWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._queue: queue.SimpleQueue[tuple[ScreeningDraft, Future[Recorded]] | None] = queue.SimpleQueue()
        self._known_parties: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="uavscreen-group-writer", daemon=True)
        self._thread.start()

    def submit(self, draft: ScreeningDraft, timeout: float = 60.0) -> Recorded:
        """Record ``draft``; returns once it is committed (or raises why it was not)."""
        return self.enqueue(draft).result(timeout)

    def enqueue(self, draft: ScreeningDraft) -> Future[Recorded]:
        """Queue ``draft``; the future resolves once it is committed.  Async handlers await
        it (``asyncio.wrap_future``) so the event loop serves other requests meanwhile,
        and their drafts join the same commit."""
        fut: Future[Recorded] = Future()
        self._queue.put((draft, fut))
        return fut

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(10)

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

    def _write(self, batch: list[tuple[ScreeningDraft, Future[Recorded]]]) -> None:
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
