"""Liveness and readiness (no key needed, for load balancers and orchestrators)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from uavscreen.api.auth import get_state
from uavscreen.api.state import ServiceState

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="The process is up")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Lists loaded and database reachable",
            responses={503: {"description": "Not ready yet (or lists failed to load)"}})
def readyz(state: ServiceState = Depends(get_state)) -> JSONResponse:
    try:
        with state.store.read() as session:
            session.execute(text("SELECT 1"))
        db = "ok"
    except Exception as exc:  # report, don't crash: this is the probe that says why
        db = f"error: {type(exc).__name__}"
    ready = state.ready and db == "ok"
    body = {"status": "ok" if ready else "not ready", "lists": "loaded" if state.ready else
            (state.load_error or "loading"), "database": db}
    return JSONResponse(body, status_code=200 if ready else 503)
