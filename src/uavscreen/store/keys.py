"""API keys: random, shown once, stored only as sha256.

Keys are 256-bit random tokens, so a fast unsalted hash is enough to make a stolen
database useless (no dictionary to try) while keeping the per-request lookup a single
indexed equality query; slow password hashes would cost milliseconds per request.
"""

from __future__ import annotations

import secrets
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from uavscreen.errors import UserError
from uavscreen.store import audit
from uavscreen.store.canonical import now_iso, sha256_text
from uavscreen.store.errors import NotFound
from uavscreen.store.models import ApiKey

KEY_PREFIX = "uvs_"


class Role(StrEnum):
    """``service`` screens; ``analyst`` also reviews cases; ``admin`` also manages keys
    and list updates.  Each role includes the ones before it."""

    SERVICE = "service"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


def hash_key(key: str) -> str:
    return sha256_text(key)


def create_key(session: Session, role: str, label: str = "", actor: str = "cli") -> tuple[str, ApiKey]:
    """A new key of ``role``; returns the plain key (never stored) and its row."""
    try:
        role_ = Role(role)
    except ValueError:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(r.value for r in Role)}") from None
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(key_hash=hash_key(plain), prefix=plain[:10], role=role_.value, label=label[:200],
                 created_at=now_iso())
    session.add(row)
    session.flush()
    audit.append(session, actor, "key.create", f"key:{row.id}",
                 {"key_id": row.id, "prefix": row.prefix, "role": row.role, "label": row.label})
    return plain, row


def lookup(session: Session, plain: str) -> ApiKey | None:
    """The live (not revoked) key whose hash matches ``plain``."""
    if not plain.startswith(KEY_PREFIX) or len(plain) > 100:
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(plain)))
    if row is None or row.revoked_at is not None:
        return None
    return row


def revoke(session: Session, key_id: int, actor: str) -> ApiKey:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    if row.revoked_at is None:
        row.revoked_at = now_iso()
        audit.append(session, actor, "key.revoke", f"key:{row.id}", {"key_id": row.id, "prefix": row.prefix})
    return row


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))
