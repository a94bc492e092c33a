"""The append-only, hash-chained audit log.

Each row's ``hash`` is sha256 over its id, time, actor, event, subject, payload and the
previous row's hash.  Rows get consecutive ids handed out under a lock on the single
``audit_head`` row (also written in the same transaction), so:

* altering a row changes its hash → that row fails;
* deleting a row leaves a gap → the next row (or the head, for the newest row) fails;
* reordering rows breaks their ``prev_hash`` links → the first moved row fails.

:func:`verify` walks the chain and names the first row that does not hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select, update
from sqlalchemy.orm import Session

from uavscreen.store.canonical import canonical_json, now_iso, sha256_text
from uavscreen.store.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def row_hash(id_: int, ts: str, actor: str, event: str, subject: str, payload: str, prev: str) -> str:
    return sha256_text(canonical_json([id_, ts, actor, event, subject, payload, prev]))


_HEAD_T = cast(Table, AuditHead.__table__)
_HEAD = select(_HEAD_T.c.last_id, _HEAD_T.c.last_hash).where(_HEAD_T.c.id == 1).with_for_update()
_INSERT = insert(cast(Table, AuditEvent.__table__))
_MOVE_HEAD = update(_HEAD_T).where(_HEAD_T.c.id == 1)
_HEAD_KEY = "uavscreen.audit_head"


@dataclass(frozen=True)
class EventDraft:
    """An audit event before it takes its place (id, time, hashes) in the chain."""

    actor: str
    event: str
    subject: str
    payload: dict[str, Any]


def append(session: Session, actor: str, event: str, subject: str, payload: dict[str, Any]) -> AuditEvent:
    """Add one event to the chain inside ``session``'s transaction (see :func:`append_many`)."""
    return append_many(session, [EventDraft(actor, event, subject, payload)])[0]


def append_many(session: Session, events: list[EventDraft]) -> list[AuditEvent]:
    """Add ``events`` to the chain, in order, inside ``session``'s transaction.  The head is
    read (and locked) once per transaction and then carried in ``session.info``; the rows
    go in with one multi-row insert and the head moves once.  Statements are prebuilt Core
    ones run on the session's connection (no ORM machinery: this runs for every
    screening); pending ORM changes are flushed first so the chain follows them."""
    if not events:
        return []
    session.flush()
    conn = session.connection()
    head = session.info.get(_HEAD_KEY)
    if head is None:
        row = conn.execute(_HEAD).first()
        if row is None:  # the head row was lost: start it again, verify will object
            conn.execute(insert(_HEAD_T), {"id": 1, "last_id": 0, "last_hash": GENESIS})
            head = (0, GENESIS)
        else:
            head = (row[0], row[1])
    last_id, last_hash = head
    ts = now_iso()
    rows: list[dict[str, Any]] = []
    for e in events:
        body = canonical_json(e.payload)
        subject = e.subject[:500]
        last_id += 1
        digest = row_hash(last_id, ts, e.actor, e.event, subject, body, last_hash)
        rows.append({"id": last_id, "ts": ts, "actor": e.actor, "event": e.event, "subject": subject,
                     "payload": body, "prev_hash": last_hash, "hash": digest})
        last_hash = digest
    conn.execute(_INSERT, rows)
    conn.execute(_MOVE_HEAD, {"last_id": last_id, "last_hash": last_hash})
    session.info[_HEAD_KEY] = (last_id, last_hash)
    return [AuditEvent(**values) for values in rows]


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows: int
    broken_id: int | None = None
    reason: str | None = None

    def message(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.rows} rows"
        return f"audit chain broken at row {self.broken_id}: {self.reason}"


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the whole chain in id order; stop at the first row that does not hold."""
    expected_id, prev = 1, GENESIS
    rows = 0
    for row in _rows(session, batch):
        if row.id != expected_id:
            return VerifyResult(False, rows, expected_id,
                                f"row {expected_id} is missing (next row found is {row.id})")
        if row.prev_hash != prev:
            return VerifyResult(False, rows, row.id, "does not follow the previous row (reordered or "
                                "the previous row was replaced)")
        if row_hash(row.id, row.ts, row.actor, row.event, row.subject, row.payload, row.prev_hash) != row.hash:
            return VerifyResult(False, rows, row.id, "content does not match its hash (altered)")
        prev, expected_id, rows = row.hash, expected_id + 1, rows + 1
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_id != rows or head.last_hash != prev):
        if head.last_id > rows:
            return VerifyResult(False, rows, rows + 1, f"rows {rows + 1}..{head.last_id} are missing "
                                "(the chain head records more rows)")
        return VerifyResult(False, rows, head.last_id, "chain head does not match the last row")
    return VerifyResult(True, rows)


def _rows(session: Session, batch: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        chunk = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].id
        session.expunge_all()


def search(session: Session, text: str | None = None, event: str | None = None,
           limit: int = 100, before_id: int | None = None) -> list[AuditEvent]:
    """Newest events first, optionally filtered by event type and a substring of the
    subject, actor or payload (bound parameters: the text is data, never SQL)."""
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if event:
        q = q.where(AuditEvent.event == event)
    if before_id:
        q = q.where(AuditEvent.id < before_id)
    if text:
        like = f"%{text}%"
        q = q.where(or_(AuditEvent.subject.ilike(like), AuditEvent.actor.ilike(like),
                        AuditEvent.payload.ilike(like)))
    return list(session.scalars(q))
