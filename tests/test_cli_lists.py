"""``uavscreen lists`` as a user runs it: the real console script in a subprocess, a real
HTTP server on 127.0.0.1 for updates, one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LISTS
from tests.list_server import ListServer, list_server

CLI = Path(sys.executable).with_name("uavscreen")
UN_BYTES = (LISTS / "un_sc" / "2026-02-27" / "consolidated.xml").read_bytes()


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "lists", *args], capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], pattern: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert pattern in result.stderr


@pytest.fixture()
def server(uavscreen_home: Path) -> Iterator[ListServer]:
    with list_server() as srv:
        srv.files["un_sc/consolidated.xml"] = UN_BYTES
        yield srv


def test_status_table_warns_plainly_about_old_lists(uavscreen_home: Path) -> None:
    result = run("status")
    assert result.returncode == 0, result.stderr
    for source in ("ofac_sdn", "ofac_cons", "un_sc", "uk_ofsi", "us_csl", "bis_dpl"):
        assert source in result.stdout
    assert "6 of 6 lists are older than 30 days" in result.stdout
    assert "bundled" in result.stdout


def test_status_json(uavscreen_home: Path) -> None:
    result = run("status", "--json")
    assert result.returncode == 0, result.stderr
    lists = {item["source"]: item for item in json.loads(result.stdout)["lists"]}
    assert lists["un_sc"]["version"] == "2026-02-27"
    assert lists["un_sc"]["entity_count"] == 1003
    assert lists["ofac_sdn"]["files"]["ofac_sdn/2024-05-03/SDN.CSV.gz"]
    assert all(item["origin"] == "bundled" and item["stale"] for item in lists.values())


def test_update_installs_and_status_shows_it(server: ListServer, uavscreen_home: Path) -> None:
    result = run("update", "--source", "un_sc", env={"UAVSCREEN_MIRROR": server.mirror("good")})
    assert result.returncode == 0, result.stderr
    assert "un_sc: installed 2026-02-27 (1,003 entities" in result.stdout
    assert server.requests == ["/good/un_sc/consolidated.xml"]
    lists = {i["source"]: i for i in json.loads(run("status", "--json").stdout)["lists"]}
    assert lists["un_sc"]["origin"] == "installed"
    again = run("update", "--source", "un_sc", env={"UAVSCREEN_MIRROR": server.mirror("good")})
    assert "un_sc: already up to date" in again.stdout


def test_failed_update_is_one_line_and_exit_2(server: ListServer) -> None:
    result = run("update", "--source", "un_sc", env={"UAVSCREEN_MIRROR": server.mirror("missing")})
    assert_one_line_error(result, "/missing/un_sc/consolidated.xml failed: HTTP 404")
    assert "the installed lists are unchanged" in result.stderr


def test_unknown_source(uavscreen_home: Path) -> None:
    assert_one_line_error(run("update", "--source", "nope"), "unknown source 'nope'")


def test_load_folder(uavscreen_home: Path, tmp_path: Path) -> None:
    result = run("load", str(LISTS / "un_sc"))
    assert result.returncode == 0, result.stderr
    assert "un_sc: installed 2026-02-27" in result.stdout
    # a first install records the re-screening baseline in the store
    assert 're-screening: {' in result.stdout and '"baseline": true' in result.stdout
    assert_one_line_error(run("load", str(tmp_path / "absent")), "absent: no such folder")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "consolidated.xml").write_bytes(UN_BYTES[:300_000])
    result = run("load", str(broken))
    assert_one_line_error(result, "un_sc: refused, the new file does not parse")
    assert "consolidated.xml, line" in result.stderr
