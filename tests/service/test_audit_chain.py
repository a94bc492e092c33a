"""The audit chain: any altered, deleted or reordered row makes ``verify`` (and the
``uavscreen audit verify`` command) fail at that row, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from uavscreen.store import Store, audit, open_store

ROWS = 6


def fill(store: Store) -> None:
    with store.session() as s:
        for i in range(1, ROWS + 1):
            audit.append(s, f"actor{i}", "test.event", f"subject {i}", {"n": i, "text": f"payload {i}"})


def verify(store: Store) -> audit.VerifyResult:
    with store.read() as s:
        return audit.verify(s)


def exec_sql(store: Store, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_intact_chain_verifies(store: Store) -> None:
    fill(store)
    res = verify(store)
    assert res.ok and res.rows == ROWS and res.broken_id is None


@pytest.mark.parametrize("row", [1, 3, ROWS])
@pytest.mark.parametrize("column,value", [("payload", '{"n":999}'), ("actor", "mallory"),
                                          ("ts", "2020-01-01T00:00:00+00:00"), ("subject", "changed")])
def test_altered_row_is_named(store: Store, row: int, column: str, value: str) -> None:
    fill(store)
    exec_sql(store, f"UPDATE audit_events SET {column} = :v WHERE id = :id", v=value, id=row)
    res = verify(store)
    assert not res.ok and res.broken_id == row, res.message()
    assert "altered" in (res.reason or "")


@pytest.mark.parametrize("row", [1, 3, ROWS])
def test_deleted_row_is_named(store: Store, row: int) -> None:
    fill(store)
    exec_sql(store, "DELETE FROM audit_events WHERE id = :id", id=row)
    res = verify(store)
    assert not res.ok and res.broken_id == row, res.message()
    assert "missing" in (res.reason or "")


@pytest.mark.parametrize("a,b", [(1, 2), (2, 5), (ROWS - 1, ROWS)])
def test_reordered_rows_are_named(store: Store, a: int, b: int) -> None:
    """Swap the whole content (hash included) of two rows: each row is self-consistent,
    but the chain links no longer hold from the first moved row on."""
    fill(store)
    exec_sql(store, "UPDATE audit_events SET id = -1 WHERE id = :a", a=a)
    exec_sql(store, "UPDATE audit_events SET id = :a WHERE id = :b", a=a, b=b)
    exec_sql(store, "UPDATE audit_events SET id = :b WHERE id = -1", b=b)
    res = verify(store)
    assert not res.ok and res.broken_id == a, res.message()


def test_rehashed_forgery_still_breaks_the_next_link(store: Store) -> None:
    """Altering a row and recomputing its own hash moves the failure to the next row."""
    fill(store)
    with store.read() as s:
        rows = {r.id: r for r in audit.search(s, limit=100)}
    r = rows[2]
    forged = audit.row_hash(r.id, r.ts, r.actor, r.event, r.subject, '{"n":0}', r.prev_hash)
    exec_sql(store, "UPDATE audit_events SET payload = :p, hash = :h WHERE id = 2", p='{"n":0}', h=forged)
    res = verify(store)
    assert not res.ok and res.broken_id == 3


def test_cli_audit_verify_names_the_row(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    store = open_store(url)
    fill(store)
    env = {**os.environ, "UAVSCREEN_DB_URL": url, "UAVSCREEN_HOME": str(tmp_path)}
    cmd = [str(Path(sys.executable).parent / "uavscreen"), "audit", "verify"]
    ok = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and f"intact: {ROWS} rows" in ok.stdout
    exec_sql(store, "UPDATE audit_events SET subject = 'x' WHERE id = 4")
    bad = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert "broken at row 4" in bad.stdout
    store.dispose()
