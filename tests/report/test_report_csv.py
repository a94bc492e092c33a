"""CSV report: one row per finding, a row for a clean shipment, errors as rows."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.report.sample_results import Result
from uavscreen.errors import InputError
from uavscreen.report import write_report
from uavscreen.report.csv_report import COLUMNS


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def test_one_row_per_finding_and_one_per_clean_shipment(tmp_path: Path, results: list[Result]) -> None:
    out = tmp_path / "report.csv"
    write_report(results, out)
    rows = _rows(out)
    expected = sum(max(len(v.findings), 1) for _, v in results)
    assert len(rows) == expected
    block = [r for r in rows if r["shipment_id"] == "PO-2024-0113"]
    assert [r["kind"] for r in block] == ["party_match", "embargoed_destination", "controlled_item"]
    assert block[1]["basis"] == "31 CFR part 560; EAR 746.7"
    assert {r["decision"] for r in block} == {"BLOCK"}
    clear = [r for r in rows if r["shipment_id"] == "PED-2025-004418"]
    assert clear == [{"shipment_id": "PED-2025-004418", "decision": "CLEAR", "kind": "", "severity": "",
                      "subject": "", "evidence": "", "basis": "", "rule_id": ""}]
    caspian = next(r for r in rows if r["kind"] == "caspian_corridor")
    assert caspian["subject"] == "leg 1: IRAMD → RUMCX"
    assert caspian["rule_id"] == "CAS-01"
    assert caspian["severity"] == "high"


def test_unreadable_rows_are_listed(tmp_path: Path, results: list[Result], input_errors: list[InputError]) -> None:
    out = tmp_path / "report.csv"
    write_report(results, out, input_errors)
    errors = [r for r in _rows(out) if r["decision"] == "ERROR"]
    assert [(r["kind"], r["basis"], r["subject"], r["evidence"]) for r in errors] == [
        ("input_error", "orders.csv", "row 7, column hs_code", "impossible HS code '9999.99'"),
        ("input_error", "orders.csv", "row 12, column country", input_errors[1].reason),
    ]


def test_cells_a_spreadsheet_would_evaluate_are_quoted(tmp_path: Path, results: list[Result]) -> None:
    shipment, verdict = results[3]
    verdict.findings[0].subject = '=HYPERLINK("https://evil.example","click")'
    verdict.findings[0].evidence = "-2+3"
    out = tmp_path / "report.csv"
    write_report([(shipment, verdict)], out)
    row = _rows(out)[0]
    assert row["subject"] == "'" + '=HYPERLINK("https://evil.example","click")'
    assert row["evidence"] == "'-2+3"
    assert row["rule_id"] == "KYC-03"
