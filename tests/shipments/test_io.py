"""Reading shipment files: formats, encodings, located errors, streaming in bounded memory."""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from tests.shipments.conftest import BASE, shipment
from uavscreen.errors import InputError
from uavscreen.io import read_shipments
from uavscreen.io.csv_rows import ITEM_COLUMNS, PARTY_FIELDS, ROLES

HEADER = ["shipment_id", "date", "end_use", "payment_method", "payer_country",
          *[f"{r}_{f}" for r in ("buyer", "consignee", "end_user") for f in ("name", "country", "address")],
          "item_description", "hs_code", "manufacturer", "part_number", "quantity", "value", "currency", "origin_country",
          "leg1_from", "leg1_to", "leg1_mode", "leg1_vessel_imo"]


def _row(sid: str, description: str = "32-bit microcontrollers", **over: str) -> dict[str, str]:
    row = {h: "" for h in HEADER}
    row.update({"shipment_id": sid, "date": "2025-06-01", "end_use": "ECU production", "payment_method": "wire",
                "payer_country": "DE", "buyer_name": "Brenner Fahrzeugelektronik GmbH", "buyer_country": "DE",
                "buyer_address": "Im Gewerbepark D 75, Regensburg", "consignee_name": "Brenner Fahrzeugelektronik GmbH",
                "consignee_country": "DE", "item_description": description, "hs_code": "8542.31", "quantity": "100",
                "value": "1200", "currency": "EUR", "origin_country": "MY", "leg1_from": "MYPEN", "leg1_to": "DEFRA",
                "leg1_mode": "air"})
    row.update(over)
    return row


def _write_csv(path: Path, rows: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER)
        w.writeheader()
        w.writerows(rows)
    return path


def _read(path: Path, **kw: Any) -> tuple[list[Any], list[InputError]]:
    good, bad = [], []
    for r in read_shipments(path, **kw):
        if r.ok:
            good.append(r.shipment)
        bad.extend(r.errors)
    return good, bad


def test_csv_rows_group_into_shipments(tmp_path: Path) -> None:
    p = _write_csv(tmp_path / "s.csv", [_row("A"), _row("A", "Tantalum capacitors", hs_code="8532.21",
                                                     buyer_name="", consignee_name="", buyer_country="",
                                                     consignee_country="", buyer_address=""), _row("B")])
    good, bad = _read(p)
    assert bad == []
    assert [s.id for s in good] == ["A", "B"]
    a = good[0]
    assert [i.description for i in a.items] == ["32-bit microcontrollers", "Tantalum capacitors"]
    assert [(p.role, p.name) for p in a.parties] == [("buyer", "Brenner Fahrzeugelektronik GmbH"),
                                                     ("consignee", "Brenner Fahrzeugelektronik GmbH")]
    assert a.route[0].from_ == "MYPEN" and a.payment and a.payment.payer_country == "DE"
    assert set(ROLES) >= {"buyer", "end_user"} and "identifiers" in PARTY_FIELDS and "hs_code" in ITEM_COLUMNS


def test_bad_rows_are_located_and_the_rest_is_read(tmp_path: Path) -> None:
    p = _write_csv(tmp_path / "s.csv", [
        _row("A", buyer_country="XX"),                      # unknown country
        _row("B", leg1_vessel_imo="9465747"),               # IMO check digit
        _row("C", hs_code="7799.99"),                       # chapter 77 does not exist
        _row("D", quantity="lots"),                         # not a number
        _row("E"),
    ])
    good, bad = _read(p)
    assert [s.id for s in good] == ["E"]
    text = [str(e) for e in bad]
    assert any("line 2, column buyer_country" in t and "XX" in t for t in text), text
    assert any("line 3, column leg1_vessel_imo" in t and "check digit" in t for t in text), text
    assert any("line 4, column hs_code" in t and "7799.99" in t for t in text), text
    assert any("line 5, column quantity" in t for t in text), text
    assert all(str(p) in t for t in text)


def test_conflicting_values_on_later_rows(tmp_path: Path) -> None:
    p = _write_csv(tmp_path / "s.csv", [_row("A"), _row("A", buyer_country="FR"), _row("B"), _row("A")])
    good, bad = _read(p)
    assert [s.id for s in good] == ["B"]
    text = " | ".join(str(e) for e in bad)
    assert "line 3, column buyer_country" in text and "differs" in text
    assert "must be consecutive" in text


def test_broken_csv_quoting(tmp_path: Path) -> None:
    p = tmp_path / "q.csv"
    good_line = ",".join(f'"{v}"' for v in _row("B").values())
    p.write_text(",".join(HEADER) + "\n" + 'A,2025-06-01,"ECU "production",wire' + "\n" + good_line + "\n", encoding="utf-8")
    good, bad = _read(p)
    assert [s.id for s in good] == ["B"]
    assert len(bad) == 1 and "line 2" in str(bad[0]) and "broken CSV quoting" in str(bad[0])


def test_unclosed_quote_reported_with_its_lines(tmp_path: Path) -> None:
    p = tmp_path / "q.csv"
    _write_csv(p, [_row("A")])
    with p.open("a", encoding="utf-8") as f:
        f.write('B,"2025-06-01\nC,x\n')
    good, bad = _read(p)
    assert [s.id for s in good] == ["A"]
    assert "lines 3-4" in str(bad[0]) or "line 3" in str(bad[0])


def test_cp1251_detected(tmp_path: Path) -> None:
    p = _write_csv(tmp_path / "ru.csv", [_row("A", buyer_name="ООО Волна Приборснаб", consignee_name="ООО Волна Приборснаб",
                                              buyer_country="RU", consignee_country="RU",
                                              buyer_address="ул. Кантемировская 39, Санкт-Петербург")], encoding="cp1251")
    good, bad = _read(p)
    assert bad == [] and good[0].parties[0].name == "ООО Волна Приборснаб"


@pytest.mark.parametrize(("encoding", "names"), [
    ("cp1256", ["عبد المنان آغا", "عبد الرحمن ياسين", "نشوان عبد الرزاق عبد الباقي"]),      # UN QDi.018/.037/.012
    ("cp1252", ["Forces Démocratiques Alliées", "Armée Nationale de Libération", "Groupe Islamique Armé",
                "Abdoulaye Issène", "LE POÈTE"]),                                             # UN list
    ("cp1254", ["Türkiye İş Bankası", "Çelik Döküm Sanayi", "Gülşen Öztürk Ağaoğlu"]),
])
def test_other_single_byte_encodings_are_not_read_as_cp1251(tmp_path: Path, encoding: str,
                                                            names: list[str]) -> None:
    """Arabic (Windows-1256), Western (Windows-1252) and Turkish (Windows-1254) bytes fall in
    Windows-1251's Cyrillic range too; read as Cyrillic they would garble every name without
    an error.  They are refused with the remedy instead, and read when named."""
    p = _write_csv(tmp_path / "x.csv", [_row(str(i), buyer_name=n, consignee_name=n) for i, n in enumerate(names)],
                   encoding=encoding)
    with pytest.raises(InputError, match="--encoding"):
        list(read_shipments(p))
    good, bad = _read(p, encoding=encoding)
    assert bad == [] and [s.parties[0].name for s in good] == names


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_bom_detected(tmp_path: Path, encoding: str) -> None:
    p = _write_csv(tmp_path / "u.csv", [_row("A", buyer_address="Industriestraße 14, Köln")], encoding=encoding)
    good, bad = _read(p)
    assert bad == [] and good[0].parties[0].address == "Industriestraße 14, Köln"


def test_undecidable_encoding_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_bytes(b'{"id": "A"}\n' + bytes(range(0x80, 0xA0)) * 4 + b"\n")
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_shipments(p))
    good, bad = _read(p, encoding="latin-1")     # named explicitly: read, and the record is judged on its own
    assert good == [] and bad


def test_a_bad_byte_costs_its_line_only(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    ok = json.dumps(shipment(id="A"), ensure_ascii=False).encode()
    p.write_bytes(ok + b"\n" + ok.replace(b'"A"', b'"B\xff"') + b"\n" + ok.replace(b'"A"', b'"C"') + b"\n" + b"x" * 70000 + b"\n")
    good, bad = _read(p)
    assert [s.id for s in good] == ["A", "C"]
    assert "line 2" in str(bad[0]) and "0xff" in str(bad[0])
    assert "line 4" in str(bad[1]) and "invalid JSON" in str(bad[1])


def test_empty_files(tmp_path: Path) -> None:
    for name, content in [("e.csv", ""), ("e.jsonl", ""), ("h.csv", ",".join(HEADER) + "\n"), ("b.jsonl", "\n\n")]:
        p = tmp_path / name
        p.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match="empty|no shipments"):
            list(read_shipments(p))


def test_json_forms(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps([shipment(id="A"), {"id": "B"}, shipment(id="C")]), encoding="utf-8")
    good, bad = _read(p)
    assert [s.id for s in good] == ["A", "C"] and "shipment 2" in str(bad[0])
    p.write_text(json.dumps({"shipments": [shipment(id="A")]}), encoding="utf-8")
    assert [s.id for s in _read(p)[0]] == ["A"]
    p.write_text(json.dumps(shipment(id="Z")), encoding="utf-8")
    assert [s.id for s in _read(p)[0]] == ["Z"]
    p.write_text('[{"id": "A"},', encoding="utf-8")
    assert "invalid JSON" in str(_read(p)[1][-1])


def test_unknown_columns_and_formats(tmp_path: Path) -> None:
    p = tmp_path / "s.csv"
    p.write_text("shipment_id,item_description,colour\nA,x,red\n", encoding="utf-8")
    bad = [str(e) for r in read_shipments(p) for e in r.errors]
    assert any("column colour" in b and "unknown column" in b for b in bad)
    with pytest.raises(Exception, match="unknown shipment file format"):
        read_shipments(tmp_path / "s.xlsx")


def test_100_mb_file_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    """~100 MB of JSON lines read with a traced peak far below the file size."""
    p = tmp_path / "big.jsonl"
    one = dict(BASE, documents="d" * 100_000)
    line = json.dumps(one) + "\n"
    n = (100 * 1024 * 1024) // len(line) + 1
    with p.open("w", encoding="utf-8") as f:
        for _ in range(n):
            f.write(line)
    assert p.stat().st_size >= 100 * 1024 * 1024
    tracemalloc.start()
    count = sum(1 for r in read_shipments(p) if r.ok)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == n
    assert peak < 16 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
