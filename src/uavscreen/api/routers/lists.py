"""List status, and the admin's triggers: reload the installed lists (after
``uavscreen lists update``) and re-screen stored counterparties against the delta."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import func, select

from uavscreen.api.auth import Caller, admin, get_state, service
from uavscreen.api.state import ServiceState
from uavscreen.store import audit
from uavscreen.store.models import AuditEvent, ListEntry
from uavscreen.store.rescreen import rescreen_after_update

router = APIRouter(tags=["Lists"])


def list_status(state: ServiceState) -> dict[str, Any]:
    screener = state.screener
    counts: dict[str, int] = {}
    for e in screener.entities():
        counts[e.source] = counts.get(e.source, 0) + 1
    with state.store.read() as session:
        baseline = session.scalar(select(func.count()).select_from(ListEntry)) or 0
        last = session.scalars(select(AuditEvent).where(AuditEvent.event.in_(
            ["lists.rescreen", "lists.baseline"])).order_by(AuditEvent.id.desc()).limit(1)).first()
    return {
        "lists": [{"source": s, "version": v, "entities": counts.get(s, 0)}
                  for s, v in sorted(screener.lists.items())],
        "entities": sum(counts.values()),
        "baseline_entries": baseline,
        "last_update": {"ts": last.ts, "event": last.event, "actor": last.actor} if last else None,
    }


@router.get("/lists", summary="Loaded lists, their versions and sizes")
def lists(_: Caller = Depends(service), state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    return list_status(state)


@router.post("/lists/rescreen", summary="Re-screen stored counterparties against new/changed entries")
def rescreen(caller: Caller = Depends(admin), state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    """Compares the loaded lists with the fingerprints stored at the last update and
    screens every stored counterparty against the delta; new hits open cases."""
    return rescreen_after_update(state.screener, store=state.store, actor=caller.actor).to_dict()


@router.post("/lists/reload", summary="Load the installed lists again, then re-screen")
def reload(caller: Caller = Depends(admin), state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    """For use after ``uavscreen lists update`` on this host: swaps in the newly
    installed lists and re-screens stored counterparties against what changed."""
    before = dict(state.screener.lists) if state.ready else {}
    screener = state.load()
    with state.store.session() as session:
        audit.append(session, caller.actor, "lists.reload", "lists", {"before": before, "after": screener.lists})
    report = rescreen_after_update(screener, store=state.store, actor=caller.actor)
    return {"lists": screener.lists, "rescreen": report.to_dict()}
