"""The audit log: search it, and verify its hash chain."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from uavscreen.api.auth import Caller, analyst, get_state
from uavscreen.api.state import ServiceState
from uavscreen.store import audit as store_audit

router = APIRouter(tags=["Audit"])


@router.get("/audit", summary="Search audit events, newest first")
def search(
    q: Annotated[str | None, Query(max_length=200)] = None,
    event: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_.]+$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    before: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    _: Caller = Depends(analyst), state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    if q and "\x00" in q:
        q = q.replace("\x00", "")
    with state.store.read() as session:
        rows = store_audit.search(session, q, event, limit, before)
        return {"events": [{"id": r.id, "ts": r.ts, "actor": r.actor, "event": r.event, "subject": r.subject,
                            "payload": r.payload, "hash": r.hash} for r in rows]}


@router.get("/audit/verify", summary="Check the whole hash chain; names the first broken row")
def verify(_: Caller = Depends(analyst), state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.read() as session:
        res = store_audit.verify(session)
    return {"ok": res.ok, "rows": res.rows, "broken_id": res.broken_id, "reason": res.reason,
            "message": res.message()}
