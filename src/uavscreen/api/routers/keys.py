"""API keys (admin only): create (the key is shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from uavscreen.api.auth import Caller, admin, get_state
from uavscreen.api.schemas import KeyIn
from uavscreen.api.state import ServiceState
from uavscreen.store import keys as store_keys
from uavscreen.store.models import ApiKey

router = APIRouter(tags=["Keys"])


def key_dict(k: ApiKey) -> dict[str, Any]:
    return {"id": k.id, "prefix": k.prefix, "role": k.role, "label": k.label, "created_at": k.created_at,
            "revoked_at": k.revoked_at}


@router.get("/keys", summary="All keys (never the keys themselves)")
def list_keys(_: Caller = Depends(admin), state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.read() as session:
        return {"keys": [key_dict(k) for k in store_keys.list_keys(session)]}


@router.post("/keys", status_code=201, summary="Create a key; the response is the only time it is shown")
def create_key(body: KeyIn, caller: Caller = Depends(admin),
               state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.session() as session:
        plain, row = store_keys.create_key(session, body.role, body.label, actor=caller.actor)
        return {**key_dict(row), "key": plain}


@router.delete("/keys/{key_id}", summary="Revoke a key", responses={404: {"description": "No such key"}})
def revoke(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], caller: Caller = Depends(admin),
           state: ServiceState = Depends(get_state)) -> dict[str, Any]:
    with state.store.session() as session:
        row = store_keys.revoke(session, key_id, caller.actor)
        out = key_dict(row)
    state.forget_keys()
    return out
