"""The service's commands as a user runs them: ``keys create`` prints a working key
once, ``serve`` answers health probes at once and readiness only when lists are in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.service.conftest import free_port
from uavscreen.store import keys, open_store

EXE = str(Path(sys.executable).parent / "uavscreen")


def test_keys_create_prints_the_key_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.sqlite3'}"
    env = {**os.environ, "UAVSCREEN_DB_URL": url, "UAVSCREEN_HOME": str(tmp_path)}
    out = subprocess.run([EXE, "keys", "create", "--role", "analyst", "--label", "alice"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    key = out.stdout.strip()
    assert key.startswith("uvs_") and len(key) > 40
    bad = subprocess.run([EXE, "keys", "create", "--role", "root"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert bad.returncode != 0 and "root" in bad.stderr
    store = open_store(url)
    with store.read() as s:
        row = keys.lookup(s, key)
        assert row is not None and row.role == "analyst" and row.label == "alice"
        assert key not in (row.key_hash, row.prefix)
    listed = subprocess.run([EXE, "keys", "list"], env=env, capture_output=True, text=True, timeout=60)
    assert "alice" in listed.stdout and key not in listed.stdout
    store.dispose()


def test_serve_is_live_at_once_and_protects_routes(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "UAVSCREEN_DB_URL": f"sqlite:///{tmp_path / 's.sqlite3'}",
           "UAVSCREEN_HOME": str(tmp_path)}
    proc = subprocess.Popen([EXE, "serve", "--port", str(port)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/healthz", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None, "serve did not come up"
                time.sleep(0.2)
        assert health.json() == {"status": "ok"}
        assert httpx.get(f"{base}/match/default", timeout=5).status_code == 405
        assert httpx.post(f"{base}/match/default", json={}, timeout=5).status_code == 401
        assert httpx.get(f"{base}/ui/", timeout=5, follow_redirects=False).headers["location"] == "/ui/login"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
