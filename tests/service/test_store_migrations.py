"""Migrations apply from empty on SQLite and on a real PostgreSQL server, and round-trip."""

from __future__ import annotations

from sqlalchemy import inspect

from uavscreen.store import open_store
from uavscreen.store.migrate import current_revision, downgrade, head_revision, upgrade

TABLES = {"api_keys", "ui_sessions", "counterparties", "screenings", "cases", "alerts", "suppressions",
          "list_entries", "audit_events", "audit_head", "alembic_version"}


def test_migrations_apply_from_empty_and_round_trip(db_url: str) -> None:
    store = open_store(db_url, migrate=False)
    try:
        assert current_revision(store.engine) is None
        assert set(inspect(store.engine).get_table_names()) == set()
        upgrade(store.engine)
        assert current_revision(store.engine) == head_revision(store.engine)
        assert set(inspect(store.engine).get_table_names()) == TABLES
        downgrade(store.engine, "base")
        assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
        upgrade(store.engine)
        assert set(inspect(store.engine).get_table_names()) == TABLES
    finally:
        store.dispose()
    again = open_store(db_url)  # a second open is a no-op, not an error
    assert current_revision(again.engine) == head_revision(again.engine)
    again.dispose()
