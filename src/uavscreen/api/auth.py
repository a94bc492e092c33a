"""``Authorization: ApiKey <key>`` (the header OpenSanctions' hosted API uses, so its
clients work unchanged) and role checks.

A missing or unknown key is 401; a known key whose role is too low is 403.  Valid keys
are cached for a few seconds per worker so the hot ``/match`` path does not hit the
database for every request; a revoked key stops working within that time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from uavscreen.api.state import ServiceState
from uavscreen.store import keys
from uavscreen.store.keys import Role

header_scheme = APIKeyHeader(name="Authorization", auto_error=False,
                             description="`ApiKey <key>`, from `uavscreen keys create`")


@dataclass(frozen=True)
class Caller:
    key_id: int
    role: Role
    label: str

    @property
    def actor(self) -> str:
        return f"key:{self.key_id}" + (f" ({self.label})" if self.label else "")


def state_of(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


async def get_state(request: Request) -> ServiceState:
    """The dependency form of :func:`state_of`.  Async on purpose: FastAPI runs a sync
    dependency in the thread pool, a thread hop (and GIL hand-off) on every request for
    one attribute read."""
    return state_of(request)


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(401, detail=reason, headers={"WWW-Authenticate": "ApiKey"})


def key_of(header: str) -> str | None:
    """The plain key of an ``ApiKey <key>`` (or ``Bearer <key>``) header, else None."""
    scheme, _, value = header.strip().partition(" ")
    plain = value.strip()
    return plain if scheme.lower() in ("apikey", "bearer") and plain else None


def resolve_key(state: ServiceState, plain: str) -> Caller | None:
    digest = keys.hash_key(plain)
    cached = state.cached_key(digest)
    if cached is not None:
        return Caller(*cached)
    with state.store.read() as session:
        row = keys.lookup(session, plain)
        if row is None:
            return None
        caller = Caller(row.id, Role(row.role), row.label)
    state.cache_key(digest, caller.key_id, caller.role, caller.label)
    return caller


async def caller_from_header(state: ServiceState, header: str | None) -> Caller:
    """The caller behind an ``Authorization`` header.  Async so that a cached key costs
    no thread hop; a cache miss reads the store in the thread pool."""
    if not header:
        raise _unauthorized("missing Authorization header: send 'Authorization: ApiKey <key>'")
    plain = key_of(header)
    if plain is None:
        raise _unauthorized("Authorization header must be 'ApiKey <key>'")
    cached = state.cached_key(keys.hash_key(plain))
    caller = Caller(*cached) if cached is not None else await run_in_threadpool(resolve_key, state, plain)
    if caller is None:
        raise _unauthorized("unknown or revoked API key")
    return caller


def require(role: Role) -> Callable[..., Awaitable[Caller]]:
    """A dependency admitting callers whose role includes ``role``."""

    async def dependency(request: Request, header: str | None = Depends(header_scheme)) -> Caller:
        caller = await caller_from_header(state_of(request), header)
        if not caller.role.allows(role):
            raise HTTPException(403, detail=f"this route needs the {role.value!r} role; "
                                f"this key has {caller.role.value!r}")
        return caller

    return dependency


service = require(Role.SERVICE)
analyst = require(Role.ANALYST)
admin = require(Role.ADMIN)
