"""The store's tables (SQLAlchemy 2 declarative).  The migrations own the schema; these
classes mirror it for the code.

Timestamps that enter a hash (``AuditEvent.ts``) are ISO-8601 strings, not DATETIME
columns, so that every database gives back exactly the bytes that were hashed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """An API key: only its sha256 is kept; ``prefix`` lets people tell keys apart."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[str] = mapped_column(String(40))
    revoked_at: Mapped[str | None] = mapped_column(String(40), nullable=True)


class UiSession(Base):
    """A browser login: the cookie carries a random token, the store only its hash."""

    __tablename__ = "ui_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"))
    expires_at: Mapped[str] = mapped_column(String(40))


class Counterparty(Base):
    """A party someone screened, kept so it can be screened again when the lists change."""

    __tablename__ = "counterparties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    schema: Mapped[str] = mapped_column(String(40))
    query: Mapped[dict[str, Any]] = mapped_column(JSON)
    first_seen: Mapped[str] = mapped_column(String(40))
    last_screened: Mapped[str] = mapped_column(String(40))


class Screening(Base):
    """One screening request and its result, with what it was screened against."""

    __tablename__ = "screenings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # match | screen | rescreen
    actor: Mapped[str] = mapped_column(String(200))
    request: Mapped[Any] = mapped_column(JSON)
    result: Mapped[Any] = mapped_column(JSON)
    lists: Mapped[dict[str, str]] = mapped_column(JSON)
    matcher_version: Mapped[str] = mapped_column(String(40))
    policy: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str | None] = mapped_column(String(16), nullable=True)


class Case(Base):
    """Opened by a REVIEW/BLOCK verdict or a match; closed by an analyst."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # open | closed
    decision: Mapped[str] = mapped_column(String(16))  # REVIEW | BLOCK
    subject: Mapped[str] = mapped_column(String(500))
    origin: Mapped[str] = mapped_column(String(16))  # match | screen | rescreen
    screening_id: Mapped[int] = mapped_column(ForeignKey("screenings.id"))
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"), nullable=True)
    created_at: Mapped[str] = mapped_column(String(40))
    closed_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    alerts: Mapped[list[Alert]] = relationship(back_populates="case", order_by="Alert.id")


class Alert(Base):
    """One reason a case exists (a listed entity a party may be, or another finding),
    and the analyst's disposition of it."""

    __tablename__ = "alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    party_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    query: Mapped[dict[str, Any]] = mapped_column(JSON)
    entity_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    entity_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    entity: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    score: Mapped[float | None] = mapped_column(nullable=True)
    explanation: Mapped[Any] = mapped_column(JSON)
    summary: Mapped[str] = mapped_column(Text, default="")
    disposition: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    case: Mapped[Case] = relationship(back_populates="alerts")


class Suppression(Base):
    """A false-positive decision: this party is not this listed entry, as long as the
    entry reads as it did (same fingerprint)."""

    __tablename__ = "suppressions"
    __table_args__ = (UniqueConstraint("party_key", "entity_id", "entity_fingerprint"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_key: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(200))
    entity_fingerprint: Mapped[str] = mapped_column(String(64))
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"))
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(200))


class ListEntry(Base):
    """The fingerprint of every listed entry as of the last list update: the baseline
    that tells re-screening which entries are new or changed."""

    __tablename__ = "list_entries"
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(40))


class AuditEvent(Base):
    """One link of the append-only audit chain: ``hash`` covers this row's content and
    the previous row's hash, so changing, removing or reordering a row breaks it."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_event_subject", "event", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(500))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's head (one row): the last id and hash.  Appends lock it, and it lets
    ``audit verify`` notice that the newest rows were deleted."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
