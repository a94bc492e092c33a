"""``uavscreen screen`` as a user runs it: a real process, real files, real lists."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.shipments.conftest import shipment

REPO = Path(__file__).resolve().parents[2]
UAVSCREEN = [sys.executable, "-c", "from uavscreen.cli import main; main()"]

# The decision each example is written to show (examples/shipments.jsonl, `_example_note`).
EXAMPLES = {**{f"EX-{i:02d}": "CLEAR" for i in range(1, 9)}, **{f"EX-{i:02d}": "REVIEW" for i in range(9, 17)},
            **{f"EX-{i:02d}": "BLOCK" for i in range(17, 22)}}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*UAVSCREEN, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_examples_screen_as_intended(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    r = _run("screen", str(REPO / "examples/shipments.jsonl"), "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "21 screened" in r.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    got = {v["shipment_id"]: v["decision"] for v in report if "shipment_id" in v}
    assert got == EXAMPLES


def test_bad_records_are_reported_and_the_rest_screened(tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl"
    bad = shipment(id="BAD", route=[{"from": "CNTAO", "to": "AEJEA", "vessel_imo": "9465747"}])
    src.write_text("\n".join(json.dumps(s) for s in [shipment(id="OK-1"), bad, shipment(id="OK-2")]) + "\n",
                   encoding="utf-8")
    r = _run("screen", str(src), "--json", cwd=tmp_path)
    assert r.returncode == 1
    assert [json.loads(x)["shipment_id"] for x in r.stdout.splitlines()] == ["OK-1", "OK-2"]
    assert "batch.jsonl, line 2, column route[0].vessel_imo" in r.stderr and "check digit" in r.stderr


def test_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    r = _run("screen", str(empty), cwd=tmp_path)
    assert r.returncode == 2 and "the file is empty" in r.stderr and "Traceback" not in r.stderr
