"""Acceptance: a local batch SIGKILLed mid-run and resumed writes the same output, row for row,
as an uninterrupted run — no lost and no duplicated rows.  The batch runs as the real CLI in a
subprocess (its own process group, so the kill takes the workers too, as a crash would)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.synthetic import Generator, write_csv
from uavscreen.batch.checkpoint import parts_dir_for
from uavscreen.batch.loader import load_screener

CHUNK = 100


def _cli(*args: str | Path) -> list[str]:
    return [sys.executable, "-c", "from uavscreen.cli import main; main()", "batch", *map(str, args),
            "--no-progress", "--workers", "2", "--chunk-size", str(CHUNK)]


def _done_chunks(parts: Path) -> int:
    try:
        return len(json.loads((parts / "manifest.json").read_text())["done"])
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        return 0


@pytest.mark.slow
def test_killed_batch_resumes_to_the_uninterrupted_output(batch_home: Path, small_lists: Path,
                                                          tmp_path: Path) -> None:
    source = tmp_path / "customers.csv"
    write_csv(source, Generator(load_screener(small_lists), seed=3, planted_share=0.02).rows(6000))
    with source.open("a", encoding="utf-8") as f:
        f.write("BAD-1,,Person,,,\nBAD-2,Somebody,Person,,1970-02-30,\n")
    n_chunks = 6002 // CHUNK + 1

    subprocess.run(_cli(source, "--out", tmp_path / "whole.csv", "--lists", small_lists), check=True,
                   capture_output=True)

    out = tmp_path / "resumed.csv"
    parts = parts_dir_for(out)
    proc = subprocess.Popen(_cli(source, "--out", out, "--lists", small_lists), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _done_chunks(parts) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    killed_at = _done_chunks(parts)
    assert 3 <= killed_at < n_chunks, "the run must be killed mid-way"
    assert not out.exists(), "no output before the batch completes"

    done = subprocess.run(_cli(source, "--out", out, "--lists", small_lists, "--resume", "--json"),
                          check=True, capture_output=True, text=True)
    summary = json.loads(done.stdout)
    assert summary["resumed_chunks"] >= killed_at
    assert summary["records"] == 6002 and summary["rejects"] == 2

    whole = (tmp_path / "whole.csv").read_bytes().splitlines()
    assert out.read_bytes().splitlines() == whole
    assert len(whole) > 50
    assert (tmp_path / "resumed.csv.rejects.csv").read_bytes() == (tmp_path / "whole.csv.rejects.csv").read_bytes()
    assert not parts.exists(), "checkpoints are removed once the output is complete"


def test_resume_refuses_a_changed_input(batch_home: Path, small_lists: Path, tmp_path: Path) -> None:
    from uavscreen.batch.checkpoint import Checkpoint
    from uavscreen.errors import UserError

    parts = tmp_path / "out.csv.parts"
    Checkpoint(parts, {"input_sha256": "a"}).start(resume=False)
    with pytest.raises(UserError, match="cannot resume"):
        Checkpoint(parts, {"input_sha256": "b"}).start(resume=True)
