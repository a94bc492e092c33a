"""Browser sessions for the UI: log in once with an API key, then a random session
token in an HttpOnly, SameSite=Strict cookie (only its hash is stored).  Needs the
analyst role or higher.

Every form that changes something also carries a CSRF token derived from the session
token (:func:`csrf_token`): SameSite already keeps other sites' requests from carrying
the cookie in current browsers, the token keeps it so in older ones and behind proxies
that strip the attribute.  It needs no storage: only a page served in the session knows
it, since the session token itself never reaches a script."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete

from uavscreen.api.auth import Caller
from uavscreen.store import audit, keys
from uavscreen.store.canonical import now_iso, sha256_text
from uavscreen.store.db import Store
from uavscreen.store.keys import Role
from uavscreen.store.models import ApiKey, UiSession

COOKIE = "uavscreen_session"


class LoginRefused(Exception):
    pass


def login(store: Store, plain_key: str, hours: int) -> str:
    """A new session token for a valid analyst/admin key."""
    with store.session() as session:
        row = keys.lookup(session, plain_key.strip())
        if row is None:
            raise LoginRefused("unknown or revoked API key")
        if not Role(row.role).allows(Role.ANALYST):
            raise LoginRefused(f"the review UI needs an analyst or admin key; this key is {row.role!r}")
        token = secrets.token_urlsafe(32)
        expires = (datetime.now(UTC) + timedelta(hours=hours)).isoformat(timespec="seconds")
        session.execute(delete(UiSession).where(UiSession.expires_at < now_iso()))
        session.add(UiSession(token_hash=sha256_text(token), key_id=row.id, expires_at=expires))
        audit.append(session, f"key:{row.id}" + (f" ({row.label})" if row.label else ""), "ui.login",
                     f"key:{row.id}", {"key_id": row.id})
    return token


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session (a one-way function of its secret token)."""
    return sha256_text("uavscreen-ui-csrf\x00" + session_token)


def csrf_ok(session_token: str | None, sent: str | None) -> bool:
    if not session_token or not sent:
        return False
    return secrets.compare_digest(csrf_token(session_token), sent)


def caller_for(store: Store, token: str | None) -> Caller | None:
    if not token or len(token) > 100:
        return None
    with store.read() as session:
        s = session.get(UiSession, sha256_text(token))
        if s is None or s.expires_at < now_iso():
            return None
        key = session.get(ApiKey, s.key_id)
        if key is None or key.revoked_at is not None:
            return None
        return Caller(key.id, Role(key.role), key.label)


def logout(store: Store, token: str | None) -> None:
    if token:
        with store.session() as session:
            session.execute(delete(UiSession).where(UiSession.token_hash == sha256_text(token)))
