"""``uavscreen goods`` as a user runs it: a real subprocess of the installed command."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

UAVSCREEN = Path(sys.executable).with_name("uavscreen")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(UAVSCREEN), "goods", *args], capture_output=True, text=True, timeout=60,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(not UAVSCREEN.exists(), reason="console script not installed")
def test_json_output() -> None:
    res = run("STM32F407VGT6 microcontroller", "--hs", "8542.31", "--json")
    assert res.returncode == 0, res.stderr
    findings = json.loads(res.stdout)
    assert findings[0]["kind"] == "controlled_item"
    assert findings[0]["details"]["category"] == "microcontroller"
    assert findings[0]["basis"]


@pytest.mark.skipif(not UAVSCREEN.exists(), reason="console script not installed")
def test_table_output_and_exit_code_with_findings() -> None:
    res = run("Toy parts: brushless servo, 2,000 pcs", "--hs", "9503.00")
    assert res.returncode == 0, res.stderr
    assert "misdeclared_goods" in res.stdout and "servo" in res.stdout


@pytest.mark.skipif(not UAVSCREEN.exists(), reason="console script not installed")
def test_bad_code_is_one_clear_line_and_exit_2() -> None:
    res = run("Microcontrollers", "--hs", "85A2.31")
    assert res.returncode == 2
    assert "invalid HS code '85A2.31'" in res.stderr
    assert "Traceback" not in res.stderr
