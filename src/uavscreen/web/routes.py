"""The UI's pages: login, queue of open cases, case page (query and listed entity side
by side with the explanation, decision forms), list status, audit search.

Pages are plain HTML that work without JavaScript; htmx (served locally) makes the
decision forms and the audit search update in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from uavscreen.api.auth import Caller, get_state
from uavscreen.api.routers.cases import case_dict
from uavscreen.api.routers.lists import list_status
from uavscreen.api.state import NotReady, ServiceState
from uavscreen.errors import UserError
from uavscreen.store import audit as store_audit
from uavscreen.store import cases as store_cases
from uavscreen.web import session as ui_session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(prefix="/ui", include_in_schema=False)


class LoginRequired(Exception):
    pass


def ui_caller(request: Request, state: ServiceState = Depends(get_state)) -> Caller:
    caller = ui_session.caller_for(state.store, request.cookies.get(ui_session.COOKIE))
    if caller is None:
        raise LoginRequired()
    return caller


def ui_writer(request: Request, csrf: Annotated[str, Form(max_length=100)] = "",
              caller: Caller = Depends(ui_caller)) -> Caller:
    """The caller of a form that changes something: logged in, and the form came from a
    page of this session (its CSRF token)."""
    if not ui_session.csrf_ok(request.cookies.get(ui_session.COOKIE), csrf):
        raise HTTPException(403, detail="this form did not come from a page of your session "
                                        "(expired or from another site): reload the page and submit again")
    return caller


def page(request: Request, name: str, caller: Caller | None, **ctx: Any) -> HTMLResponse:
    token = request.cookies.get(ui_session.COOKIE)
    csrf = ui_session.csrf_token(token) if token and caller is not None else ""
    return templates.TemplateResponse(request, name, {"caller": caller, "csrf": csrf, **ctx})


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return page(request, "login.html", None, error=None)


@router.post("/login", response_class=HTMLResponse, response_model=None)
def login(request: Request, key: Annotated[str, Form(max_length=200)],
          state: ServiceState = Depends(get_state)) -> Response:
    try:
        token = ui_session.login(state.store, key, state.settings.ui_session_hours)
    except ui_session.LoginRefused as exc:
        refused = page(request, "login.html", None, error=str(exc))
        refused.status_code = 401
        return refused
    resp = RedirectResponse("/ui/", status_code=303)
    resp.set_cookie(ui_session.COOKIE, token, httponly=True, samesite="strict", path="/ui",
                    secure=request.url.scheme == "https", max_age=state.settings.ui_session_hours * 3600)
    return resp


@router.post("/logout")
def logout(request: Request, _: Caller = Depends(ui_writer),
           state: ServiceState = Depends(get_state)) -> RedirectResponse:
    ui_session.logout(state.store, request.cookies.get(ui_session.COOKIE))
    resp = RedirectResponse("/ui/login", status_code=303)
    resp.delete_cookie(ui_session.COOKIE, path="/ui")
    return resp


@router.get("/", response_class=HTMLResponse)
def queue(request: Request, status: Annotated[str, Query(pattern="^(open|closed|all)$")] = "open",
          caller: Caller = Depends(ui_caller), state: ServiceState = Depends(get_state)) -> HTMLResponse:
    s = None if status == "all" else status
    with state.store.read() as session:
        rows = [case_dict(c, alerts=False) for c in store_cases.list_cases(session, s, limit=200)]
        total = store_cases.count_cases(session, s)
    return page(request, "queue.html", caller, cases=rows, total=total, status=status)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int, caller: Caller = Depends(ui_caller),
              state: ServiceState = Depends(get_state)) -> HTMLResponse:
    with state.store.read() as session:
        case = case_dict(store_cases.get_case(session, case_id))
    return page(request, "case.html", caller, case=case)


@router.post("/cases/{case_id}/alerts/{alert_id}", response_class=HTMLResponse)
def decide(request: Request, case_id: int, alert_id: int,
           disposition: Annotated[str, Form(pattern="^(true_positive|false_positive)$")],
           reason: Annotated[str, Form(max_length=5000)],
           caller: Caller = Depends(ui_writer), state: ServiceState = Depends(get_state)) -> HTMLResponse:
    error = None
    try:
        with state.store.session() as session:
            store_cases.decide(session, case_id, alert_id, disposition, reason, caller.actor)
    except UserError as exc:
        error = str(exc)
    with state.store.read() as session:
        case = case_dict(store_cases.get_case(session, case_id))
    alert = next(a for a in case["alerts"] if a["id"] == alert_id)
    resp = page(request, "_alert.html", caller, case=case, alert=alert, error=error)
    if error:
        resp.status_code = 400 if not request.headers.get("HX-Request") else 200
    return resp


@router.post("/cases/{case_id}/close", response_model=None)
def close(request: Request, case_id: int, resolution: Annotated[str, Form(max_length=5000)] = "",
          caller: Caller = Depends(ui_writer), state: ServiceState = Depends(get_state)) -> Response:
    try:
        with state.store.session() as session:
            store_cases.close(session, case_id, resolution, caller.actor)
    except UserError as exc:
        with state.store.read() as session:
            case = case_dict(store_cases.get_case(session, case_id))
        resp = page(request, "case.html", caller, case=case, close_error=str(exc))
        resp.status_code = 409
        return resp
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)


@router.get("/lists", response_class=HTMLResponse)
def lists(request: Request, caller: Caller = Depends(ui_caller),
          state: ServiceState = Depends(get_state)) -> HTMLResponse:
    try:
        status: dict[str, Any] | None = list_status(state)
    except NotReady:
        status = None
    return page(request, "lists.html", caller, status=status, load_error=state.load_error)


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request, q: Annotated[str, Query(max_length=200)] = "",
          caller: Caller = Depends(ui_caller), state: ServiceState = Depends(get_state)) -> HTMLResponse:
    with state.store.read() as session:
        rows = store_audit.search(session, q.replace("\x00", "") or None, limit=200)
        verified = store_audit.verify(session) if not request.headers.get("HX-Request") else None
    name = "_audit_rows.html" if request.headers.get("HX-Request") else "audit.html"
    return page(request, name, caller, events=rows, q=q, verified=verified)


def mount_ui(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/ui/static", StaticFiles(directory=str(HERE / "static")), name="ui-static")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _: LoginRequired) -> Response:
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": "/ui/login"})
        return RedirectResponse("/ui/login", status_code=303)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)

