"""JSON and JSON-lines reports: verdict dicts as the API gives them, errors kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.report.sample_results import LISTS, Result
from uavscreen.errors import InputError
from uavscreen.report import write_report


def test_json_report_is_the_list_of_verdict_dicts(tmp_path: Path, results: list[Result]) -> None:
    out = tmp_path / "report.json"
    write_report(results, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == [verdict.to_dict() for _, verdict in results]
    assert [d["shipment_id"] for d in data] == [s.id for s, _ in results]
    assert all(d["lists"] == LISTS for d in data)
    caspian = data[1]
    assert caspian["decision"] == "REVIEW"
    assert caspian["findings"][0]["kind"] == "caspian_corridor"
    assert caspian["findings"][0]["rule_id"] == "CAS-01"


def test_json_keeps_unicode_and_appends_unreadable_rows(
    tmp_path: Path, results: list[Result], input_errors: list[InputError]
) -> None:
    out = tmp_path / "report.json"
    write_report(results, out, input_errors)
    text = out.read_text(encoding="utf-8")
    assert "Conecta Hogar Distribución" not in text  # parties are not in the verdict …
    assert "→" in text  # … but the findings' own words are kept verbatim, not \u-escaped
    data = json.loads(text)
    assert data[len(results):] == [
        {"input_error": {"file": "orders.csv", "location": "row 7, column hs_code",
                         "reason": "impossible HS code '9999.99'"}},
        {"input_error": {"file": "orders.csv", "location": "row 12, column country",
                         "reason": input_errors[1].reason}},
    ]


def test_jsonl_one_record_per_line(tmp_path: Path, results: list[Result], input_errors: list[InputError]) -> None:
    out = tmp_path / "report.jsonl"
    write_report(results, out, input_errors)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(results) + len(input_errors)
    records = [json.loads(line) for line in lines]
    assert records[0] == results[0][1].to_dict()
    assert records[-1]["input_error"]["location"] == "row 12, column country"


def test_empty_batch_is_an_empty_list(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    write_report([], out)
    assert json.loads(out.read_text(encoding="utf-8")) == []
