"""Opening the store: which database, how to connect, and bringing its schema up to date.

SQLite needs two things to be a safe multi-process store: WAL journaling (readers do not
block the writer) and ``BEGIN IMMEDIATE`` transactions, so that appending to the audit
chain (read the head, write the next row) is serialised across uvicorn workers instead
of failing with "database is locked" half-way.  PostgreSQL serialises the same append
with a row lock on the chain head (see ``audit.py``).
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from uavscreen.home import home_dir
from uavscreen.store.canonical import canonical_json

DB_FILE = "uavscreen.sqlite3"


def default_url() -> str:
    """``$UAVSCREEN_DB_URL`` if set, else a SQLite file under ``$UAVSCREEN_HOME``."""
    url = os.environ.get("UAVSCREEN_DB_URL")
    if url:
        return url
    return f"sqlite:///{home_dir() / DB_FILE}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (see _begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_begin_deferred(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str, writer: bool = True) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created on first use.  On SQLite
    a ``writer`` engine takes the write lock when a transaction begins; a reader does not
    (so key look-ups and page views never queue behind screenings)."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               json_serializer=canonical_json)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin if writer else _sqlite_begin_deferred)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, json_serializer=canonical_json)


class WriteLock:
    """Serialises SQLite writers across threads and processes with a kernel file lock.

    SQLite's own busy handler polls with sleeps of up to 100 ms, so two uvicorn workers
    writing at once see long, random stalls; ``flock`` wakes the next writer as soon as
    the lock is free.  (PostgreSQL needs none of this.)"""

    def __init__(self, path: str) -> None:
        self.path = path
        self._thread_lock = threading.Lock()
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._thread_lock:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


@dataclass
class Store:
    """One database: its engine and a session factory.  ``session()`` is one
    transaction, committed on success and rolled back on any error."""

    engine: Engine
    factory: sessionmaker[Session]
    reader: sessionmaker[Session]
    write_lock: WriteLock | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        if self.write_lock is None:
            with self.factory.begin() as session:
                yield session
            return
        with self.write_lock.held(), self.factory.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (not committed)."""
        with self.reader() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        reader_engine = self.reader.kw.get("bind")
        if reader_engine is not None and reader_engine is not self.engine:
            reader_engine.dispose()


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    """Connect to ``url`` (default :func:`default_url`) and apply pending migrations."""
    url = url or default_url()
    engine = make_engine(url)
    if migrate:
        from uavscreen.store.migrate import upgrade

        upgrade(engine)
    sqlite_file = engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")
    reader = make_engine(url, writer=False) if engine.dialect.name == "sqlite" else engine
    return Store(engine, sessionmaker(engine, expire_on_commit=False),
                 sessionmaker(reader, expire_on_commit=False),
                 WriteLock(f"{engine.url.database}.lock") if sqlite_file else None)
