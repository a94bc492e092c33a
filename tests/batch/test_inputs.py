"""Input files and rejects: every bad row is reported with its row, location and reason and
never stops the batch; CSV, JSON lines and Parquet inputs give the same hits."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from uavscreen.batch.io import read_records
from uavscreen.batch.local import BatchOptions, run_local
from uavscreen.batch.records import InputRecord, Reject, parse_record
from uavscreen.errors import InputError, UserError

HEADER = b"id,name,schema,country,birth_date,identifiers\n"
GOOD = [
    {"id": "A1", "name": "Shahid Hemmat Industrial Group", "schema": "Company", "country": "IR",
     "birth_date": "", "identifiers": ""},
    {"id": "A2", "name": "Jane Doe", "schema": "Person", "country": "GB;FR", "birth_date": "1970-05",
     "identifiers": "passport:X1234567;registration:99"},
    {"id": "A3", "name": "Rosoboronexport", "schema": "", "country": "", "birth_date": "",
     "identifiers": ""},
]


def _parsed(path: Path) -> list[InputRecord | Reject]:
    return [parse_record(r) for r in read_records(path)]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_bad_csv_rows_become_located_rejects(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(HEADER + b"1,Good Name,Person,IR,1960,\n"
                     b"2,,Person,,,\n"
                     b"3,Bad \xff Byte,,,,\n"
                     b'4,"Multi\nLine",Company,,,\n'
                     b"5,Alien Thing,Spaceship,,,\n"
                     b"6,Wrong Fields,Person\n"
                     b"7,Nowhere Ltd,Company,QQ,,\n"
                     b"8,Late Born,Person,,1970-02-30,\n"
                     b"9,No Value,Person,,,passport:\n")
    out = _parsed(path)
    assert [type(r).__name__ for r in out] == ["InputRecord", "Reject", "Reject", "InputRecord"] + ["Reject"] * 5
    rejects = {r.input_id: r for r in out if isinstance(r, Reject)}
    assert rejects["2"].location == "line 3" and "missing name" in rejects["2"].reason
    assert rejects["3"].location == "line 4" and "byte 0xff at column 7 is not valid utf-8" in rejects["3"].reason
    assert rejects["5"].location == "line 7" and "unknown schema" in rejects["5"].reason  # after the 2-line row
    assert "expected 6 fields, found 3" in rejects["6"].reason
    assert "unknown country code 'QQ'" in rejects["7"].reason
    assert "not a date" in rejects["8"].reason
    assert "no value" in rejects["9"].reason
    assert [r.seq for r in out] == list(range(9))
    first = out[0]
    assert isinstance(first, InputRecord) and first.countries == ("IR",) and first.birth_date == "1960"


CYRILLIC = [{"id": "R1", "name": "Рособоронэкспорт", "schema": "Company", "country": "RU", "birth_date": "",
             "identifiers": ""},
            {"id": "R2", "name": "Шойгу Сергей Кужугетович", "schema": "Person", "country": "RU",
             "birth_date": "1955-05-21", "identifiers": ""}]


def test_cp1251_csv_and_utf16_jsonl_read_as_their_utf8_twins(tmp_path: Path) -> None:
    """Exports from Russian accounting software (Windows-1251) and Excel (UTF-16) are read
    as what they say, not as UTF-8 garbage that would never match a list."""
    _write_csv(tmp_path / "utf8.csv", CYRILLIC)
    (tmp_path / "cp1251.csv").write_bytes((tmp_path / "utf8.csv").read_text(encoding="utf-8").encode("cp1251"))
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CYRILLIC)
    (tmp_path / "utf16.jsonl").write_bytes(jsonl.encode("utf-16"))  # with its BOM
    expected = _parsed(tmp_path / "utf8.csv")
    assert all(isinstance(r, InputRecord) for r in expected)
    assert [r.name for r in expected if isinstance(r, InputRecord)] == [r["name"] for r in CYRILLIC]
    assert _parsed(tmp_path / "cp1251.csv") == expected
    assert _parsed(tmp_path / "utf16.jsonl") == expected


def test_a_named_encoding_is_used_and_an_undecidable_one_stops_before_any_work(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(HEADER + "1,Société Générale,Company,FR,,\n".encode("latin-1"))
    guessed = _parsed(path)  # two stray bytes in UTF-8: that row is a located reject
    assert isinstance(guessed[0], Reject) and guessed[0].location == "line 2"
    named = [parse_record(r) for r in read_records(path, "latin-1")]
    assert isinstance(named[0], InputRecord) and named[0].name == "Société Générale"
    garbled = tmp_path / "garbled.csv"
    garbled.write_bytes(HEADER + bytes(range(0x80, 0xC0)) * 4 + b"\n")
    with pytest.raises(InputError, match="not UTF-8 .* --encoding"):
        read_records(garbled)
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_records(path, "klingon")


def test_csv_without_a_name_column_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,full_name\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: no 'name' column"):
        list(read_records(path))


def test_jsonl_rejects_bad_lines_and_reads_lists(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "j1", "name": "Ali Reza", "country": ["IR", "AE"], '
                    '"identifiers": [{"type": "passport", "value": "K123"}]}\n'
                    '{"id": "j2", "name": \n'
                    "[1, 2]\n\n"
                    '{"id": "j4", "name": "Someone", "schema": "person"}\n', encoding="utf-8")
    out = _parsed(path)
    assert isinstance(out[0], InputRecord) and out[0].countries == ("IR", "AE")
    assert out[0].identifiers == (("passport", "K123"),)
    assert isinstance(out[1], Reject) and out[1].location == "line 2" and "invalid JSON" in out[1].reason
    assert isinstance(out[2], Reject) and "expected a JSON object" in out[2].reason
    assert isinstance(out[3], InputRecord) and out[3].schema == "Person" and out[3].seq == 3


def test_unknown_input_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(UserError, match="unknown file type"):
        run_local(BatchOptions(path, tmp_path / "out.csv", progress=False))


def test_csv_jsonl_and_parquet_inputs_give_the_same_hits(batch_home: Path, small_lists: Path,
                                                         tmp_path: Path) -> None:
    rows = [*GOOD, {"id": "A4", "name": "", "schema": "", "country": "", "birth_date": "", "identifiers": ""}]
    _write_csv(tmp_path / "in.csv", rows)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    outputs = []
    for suffix, out in (("csv", "out.csv"), ("jsonl", "out2.csv"), ("parquet", "out3.csv")):
        summary = run_local(BatchOptions(tmp_path / f"in.{suffix}", tmp_path / out, lists=small_lists,
                                         progress=False))
        assert (summary.stats.records, summary.stats.rejects) == (4, 1)
        outputs.append((tmp_path / out).read_bytes())
        rejects = (tmp_path / f"{out}.rejects.csv").read_text(encoding="utf-8").splitlines()
        assert rejects[1].startswith("4,") and "A4" in rejects[1] and "missing name" in rejects[1]
    assert outputs[0] == outputs[1] == outputs[2]
    hits = list(csv.DictReader(outputs[0].decode().splitlines()))
    assert {h["input_id"] for h in hits} == {"A1", "A3"}
    assert all(h["match"] == "true" and float(h["score"]) > 0.5 and json.loads(h["explanation"]) for h in hits)


def test_parquet_and_jsonl_outputs(batch_home: Path, small_lists: Path, tmp_path: Path) -> None:
    _write_csv(tmp_path / "in.csv", GOOD)
    run_local(BatchOptions(tmp_path / "in.csv", tmp_path / "out.csv", lists=small_lists, progress=False))
    run_local(BatchOptions(tmp_path / "in.csv", tmp_path / "out.parquet", lists=small_lists, progress=False))
    run_local(BatchOptions(tmp_path / "in.csv", tmp_path / "out.jsonl", lists=small_lists, progress=False))
    from_csv = [(r["input_id"], r["entity_id"], float(r["score"]))
                for r in csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8"))]
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("score").type == pa.float64()
    assert [(r["input_id"], r["entity_id"], r["score"]) for r in table.to_pylist()] == from_csv
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["input_id"], r["entity_id"], r["score"]) for r in lines] == from_csv
    assert from_csv


def test_cli_batch_reads_the_encoding_it_is_told(batch_home: Path, small_lists: Path, tmp_path: Path) -> None:
    """``uavscreen batch --encoding`` reaches the reader: a Windows-1256 (Arabic) file named
    as such screens its listed name; read as UTF-8 it would be one reject."""
    import subprocess
    import sys

    source = tmp_path / "in.csv"
    source.write_bytes(HEADER + "1,عبد المنان آغا,Person,,,\n".encode("cp1256"))  # UN QDi.018
    done = subprocess.run([sys.executable, "-c", "from uavscreen.cli import main; main()", "batch", str(source),
                           "--out", str(tmp_path / "out.csv"), "--lists", str(small_lists), "--no-progress",
                           "--workers", "1", "--encoding", "cp1256", "--json"],
                          check=True, capture_output=True, text=True)
    summary = json.loads(done.stdout)
    assert (summary["records"], summary["rejects"]) == (1, 0)
    hits = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert "un_sc:QDi.018" in {h["entity_id"] for h in hits}
