"""``write_report``: format by extension, clear errors, and never a half-written report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.sample_results import Result
from uavscreen.errors import UserError
from uavscreen.model import Finding
from uavscreen.report import REPORT_FORMATS, write_report


class Unprintable:
    """A finding detail that cannot be turned into text (a bug elsewhere, say)."""

    def __str__(self) -> str:
        raise RuntimeError("cannot render this detail")

    __repr__ = __str__


@pytest.mark.parametrize("suffix", [".json", ".JSONL", ".csv", ".html", ".htm"])
def test_every_format_by_extension(tmp_path: Path, results: list[Result], suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    write_report(results, out)
    assert out.stat().st_size > 100
    assert out.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_unknown_format_and_missing_folder_are_user_errors(tmp_path: Path, results: list[Result]) -> None:
    with pytest.raises(UserError, match=r"report\.pdf: unknown report format '\.pdf'; use one of \.json"):
        write_report(results, tmp_path / "report.pdf")
    with pytest.raises(UserError, match="folder .*nowhere does not exist"):
        write_report(results, tmp_path / "nowhere" / "report.csv")
    assert set(REPORT_FORMATS) == {".json", ".jsonl", ".csv", ".html", ".htm"}


@pytest.mark.parametrize("suffix", [".json", ".html"])
def test_a_failed_write_keeps_the_previous_report(tmp_path: Path, results: list[Result], suffix: str) -> None:
    out = tmp_path / f"report{suffix}"
    write_report(results[:1], out)
    before = out.read_bytes()
    shipment, verdict = results[1]
    verdict.findings.append(Finding("red_flag", "low", "x", "y", details={"bad": Unprintable()}))
    with pytest.raises(RuntimeError, match="cannot render this detail"):
        write_report([results[0], (shipment, verdict)], out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
