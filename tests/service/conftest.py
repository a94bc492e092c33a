"""Fixtures for the screening service: a real screener over the real UN list snapshot,
real SQLite and PostgreSQL stores, and the app served by a real uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import httpx
import pytest
import uvicorn

from tests.conftest import lists_subset, session_home
from uavscreen.api import create_app
from uavscreen.api.settings import Settings
from uavscreen.screener import Screener
from uavscreen.store import Store, open_store
from uavscreen.store import keys as store_keys


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def service_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One $UAVSCREEN_HOME for the session (the matcher's index cache lives there)."""
    home = tmp_path_factory.mktemp("svc-home")
    with session_home(home):
        yield home


@pytest.fixture(scope="session")
def un_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lists folder holding only the real UN SC snapshot (small, so tests start fast)."""
    return lists_subset(tmp_path_factory.mktemp("un-lists"), "un_sc")


@pytest.fixture(scope="session")
def screener(service_home: Path, un_dir: Path) -> Screener:
    s = Screener.from_dir(un_dir)
    _ = s.matcher
    return s


@pytest.fixture(scope="session")
def listed_company(screener: Screener) -> str:
    """The primary name of a listed organisation, to query for a sure match."""
    for e in screener.entities():
        if e.schema in ("Organization", "Company", "LegalEntity") and len(e.caption.split()) >= 3:
            return e.caption
    raise AssertionError("no listed organisation in the UN snapshot")


# ---------------------------------------------------------------------- PostgreSQL

def _pg_bin() -> Path | None:
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1, stopped and removed at the end."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not installed (Debian package 'postgresql')")
    root = Path(tempfile.mkdtemp(prefix="uavscreen-pg-"))
    data = root / "data"
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                    "--no-sync"], check=True, capture_output=True)
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"),
                    "-w", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_pg_db_counter = iter(range(1, 10_000))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    base: str = request.getfixturevalue("postgres_url")
    name = f"t{next(_pg_db_counter)}_{os.getpid()}"
    admin = open_store(base, migrate=False)
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.dispose()


@pytest.fixture()
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield s
    s.dispose()


# ---------------------------------------------------------------------- live server

class Live:
    def __init__(self, base_url: str, store: Store, keys: dict[str, str]) -> None:
        self.base_url = base_url
        self.store = store
        self.keys = keys

    def client(self, role: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"ApiKey {self.keys[role]}"} if role else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)


def make_keys(store: Store) -> dict[str, str]:
    out = {}
    with store.session() as session:
        for role in ("service", "analyst", "admin"):
            out[role], _ = store_keys.create_key(session, role, f"test-{role}", actor="test")
    return out


def serve(store: Store, screener: Screener, settings: Settings | None = None) -> Iterator[Live]:
    app = create_app(store=store, screener=screener, settings=settings or Settings(), load_lists=False)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", store, make_keys(store))
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture()
def live(sqlite_store: Store, screener: Screener) -> Iterator[Live]:
    """The app on a real uvicorn over a fresh SQLite store."""
    yield from serve(sqlite_store, screener)


@pytest.fixture()
def live_any(store: Store, screener: Screener) -> Iterator[Live]:
    """The app over each database kind (SQLite and PostgreSQL)."""
    yield from serve(store, screener)
