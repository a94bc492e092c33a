"""Browser sessions for the UI: log in once with an API key, then a random session
token in an HttpOnly, SameSite=Strict cookie (only its hash is stored).  Needs the
analyst role or higher."""

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
