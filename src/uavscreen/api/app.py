"""The FastAPI application factory.

``create_app`` wires the store, the screener (loaded in the background so the process
answers health checks at once), the body-size limit, the routers, the analyst UI, and the
mapping of expected errors to clear 4xx answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import uavscreen
from uavscreen.api.balance import ConnectionBalancer
from uavscreen.api.fastmatch import MatchFastPath
from uavscreen.api.limits import BodySizeLimit
from uavscreen.api.routers import audit, cases, health, keys, lists, match, screen
from uavscreen.api.settings import Settings
from uavscreen.api.state import NotReady, ServiceState
from uavscreen.errors import UserError
from uavscreen.screener import Screener
from uavscreen.store.db import Store, open_store
from uavscreen.store.errors import Conflict, NotFound

DESCRIPTION = """Export-compliance screening against official sanctions lists.

Every route except `/healthz` and `/readyz` needs `Authorization: ApiKey <key>`
(`uavscreen keys create --role service|analyst|admin`). `POST /match/{dataset}` speaks
OpenSanctions yente's `/match` protocol. The analyst UI is at `/ui/`."""


def create_app(
    store: Store | None = None,
    screener: Screener | Callable[[], Screener] | None = None,
    settings: Settings | None = None,
    load_lists: bool = True,
) -> FastAPI:
    """The service app.  ``screener`` is a loaded Screener, a factory for one (default
    ``Screener.default``); ``load_lists=False`` leaves loading to the caller."""
    settings = settings or Settings.from_env()
    store = store or open_store()
    if isinstance(screener, Screener):
        loaded = screener
        factory: Callable[[], Screener] = lambda: loaded  # noqa: E731
    else:
        factory = screener or Screener.default
    state = ServiceState(store, settings, factory)
    if isinstance(screener, Screener):
        state.load()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Matching is CPU-bound under the GIL: a few handler threads per worker serve
        # requests in arrival order; dozens would interleave them and stretch the tail.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.handler_threads
        if load_lists and not state.ready:
            state.load_in_background()
        yield
        state.writer.close()

    app = FastAPI(title="uavscreen", version=uavscreen.__version__, description=DESCRIPTION,
                  lifespan=lifespan)
    app.state.service = state
    for module in (health, match, screen, lists, cases, audit, keys):
        app.include_router(module.router)

    from uavscreen.web.routes import mount_ui

    mount_ui(app)
    install_error_handlers(app)
    app.add_middleware(MatchFastPath, state=state)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ConnectionBalancer)
    return app


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotReady)
    async def _not_ready(_: Request, exc: NotReady) -> JSONResponse:
        return JSONResponse({"detail": f"not ready: {exc}"}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=409)

    @app.exception_handler(UserError)
    async def _user_error(_: Request, exc: UserError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)
