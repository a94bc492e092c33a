"""Cases for analysts: the queue, one case with its alerts, decisions, closing, and the
decisions export auditors ask for."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from uavscreen.api.auth import Caller, analyst, get_state
from uavscreen.api.schemas import CloseIn, DecisionIn
from uavscreen.api.state import ServiceState
from uavscreen.store import cases as store_cases
from uavscreen.store.models import Alert, Case

router = APIRouter(tags=["Cases"])
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]
StatusFilter = Literal["open", "closed", "all"]


def alert_dict(a: Alert) -> dict[str, Any]:
    return {"id": a.id, "kind": a.kind, "summary": a.summary, "query": a.query, "entity_id": a.entity_id,
            "entity": a.entity, "score": a.score, "explanation": a.explanation,
            "disposition": a.disposition, "reason": a.reason, "decided_by": a.decided_by,
            "decided_at": a.decided_at}


def case_dict(c: Case, alerts: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id, "status": c.status, "decision": c.decision, "subject": c.subject, "origin": c.origin,
        "screening_id": c.screening_id, "created_at": c.created_at, "closed_at": c.closed_at,
        "closed_by": c.closed_by, "resolution": c.resolution, "alert_count": len(c.alerts),
    }
    if alerts:
        out["alerts"] = [alert_dict(a) for a in c.alerts]
    return out


@router.get("/cases", summary="Cases, newest first")
def list_cases(
    status: StatusFilter = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    _: Caller = Depends(analyst), state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    s = None if status == "all" else status
    with state.store.read() as session:
        rows = store_cases.list_cases(session, s, limit, offset)
        return {"total": store_cases.count_cases(session, s),
                "cases": [case_dict(c, alerts=False) for c in rows]}


@router.get("/cases/{case_id}", summary="One case with its alerts",
            responses={404: {"description": "No such case"}})
def get_case(case_id: CaseId, _: Caller = Depends(analyst),
             state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.read() as session:
        return case_dict(store_cases.get_case(session, case_id))


@router.post("/cases/{case_id}/alerts/{alert_id}/decision", summary="Mark an alert true/false positive",
             responses={404: {"description": "No such case or alert"}, 409: {"description": "Case closed"}})
def decide(case_id: CaseId, alert_id: CaseId, body: DecisionIn, caller: Caller = Depends(analyst),
           state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.session() as session:
        return alert_dict(store_cases.decide(session, case_id, alert_id, body.disposition, body.reason,
                                             caller.actor))


@router.post("/cases/{case_id}/close", summary="Close a case whose alerts are all decided",
             responses={404: {"description": "No such case"}, 409: {"description": "Undecided or closed"}})
def close(case_id: CaseId, body: CloseIn, caller: Caller = Depends(analyst),
          state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.session() as session:
        return case_dict(store_cases.close(session, case_id, body.resolution, caller.actor))


@router.get("/decisions", summary="Every decision, for auditors (JSON or CSV)",
            responses={200: {"content": {"text/csv": {}}}})
def decisions(
    format: Literal["json", "csv"] = "json",
    since: Annotated[str | None, Query(max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}[0-9T:.+\-]*$")] = None,
    _: Caller = Depends(analyst), state: ServiceState = Depends(get_state),
) -> Response:
    with state.store.read() as session:
        rows = store_cases.decisions(session, since)
    if format == "csv":
        return PlainTextResponse(store_cases.decisions_csv(rows), media_type="text/csv",
                                 headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})
    return JSONResponse({"decisions": rows})
