"""BIS Denied Persons List loader, against the real November 2023 ``dpl.txt``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen.model import Address, Entity, NameKind
from uavscreen.sources import dpl
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

DPL_FILE = LISTS / "us_csl" / "bis_dpl_2023-11" / "dpl.txt"


def _load(path: Path) -> list[Entity]:
    return list(dpl.load(Snapshot("bis_dpl", dpl.NAME, "2023-11", [path])))


@pytest.fixture(scope="module")
def by_name() -> dict[str, Entity]:
    return {e.caption: e for e in _load(DPL_FILE)}


def _raw_lines() -> list[str]:
    return DPL_FILE.read_text(encoding="utf-8").splitlines()


# ------------------------------------------------------------------ counts (from the raw text)
def test_one_entity_per_distinct_name_and_every_row_kept(by_name: dict[str, Entity]) -> None:
    rows = _raw_lines()[1:]
    names = {" ".join(line.split("\t")[0].strip('"').split()).upper() for line in rows}
    assert len(rows) == 665 and len(names) == 545  # SOURCES.md
    assert len(by_name) == len(names)
    assert sum(len(e.names) for e in by_name.values()) == len(names)
    assert all(e.names[0].kind is NameKind.PRIMARY and e.programs == ["BIS-DPL"] for e in by_name.values())
    lines = sorted(int(n) for e in by_name.values() for n in e.properties["lines"][0].split(", "))
    assert lines == list(range(2, 667))  # every data line of the file belongs to one entity
    assert len({e.id for e in by_name.values()}) == 545


# ------------------------------------------------------------------ spot checks
def test_person_under_two_orders_keeps_both(by_name: dict[str, Entity]) -> None:
    e = by_name["I. ASH"]
    assert e.id == dpl.entity_id(" I. ASH") and e.id.startswith("bis_dpl:")
    assert e.properties["lines"] == ["2, 248, 249"]
    assert e.properties["effective_date"] == ["06/19/2003", "03/04/2002"]
    assert e.properties["expiration_date"] == ["06/29/2056"]
    assert e.listed_on == "2002-03-04"
    assert e.properties["action"] == ["FEDERAL REGISTER NOTICE UPDATED", "50 YEAR DENIAL"]
    assert len(e.properties["fr_citation"]) == 3 and len(e.properties["orders"]) == 3
    assert [a.street for a in e.addresses] == [
        "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175",
        "605 TRAIL LAKE DRIVE",
        "908 AUDELIA ROAD, SUITE 200 #245",
    ]


def test_first_rows_field_by_field(by_name: dict[str, Entity]) -> None:
    villa = by_name["AARON ABRAHAM VILLA"]
    assert villa.addresses == [Address("3415 RIVERA AVENUE, EL PASO, TX, 79905", "3415 RIVERA AVENUE", "EL PASO",
                                       "TX", "79905", None)]
    assert villa.listed_on == "2022-08-24" and villa.properties["expiration_date"] == ["01/14/2026"]
    assert villa.properties["fr_citation"] == ["87 F.R. 52741 8/29/2022"]
    assert villa.properties["action"] == ["F.R. NOTICE ADDED"] and villa.properties["standard_order"] == ["Y"]
    madrid = by_name["ABDIEL PADRON MADRID"]
    assert madrid.addresses[0].city == "ANTHONY" and madrid.addresses[0].postal_code == "88201"
    assert madrid.properties["last_update"] == ["2022-02-22"]


def test_typo_dates_are_kept_and_flagged(by_name: dict[str, Entity]) -> None:
    garcia = by_name["JOSE ERNESTO GARCIA"]
    assert garcia.properties["last_update"] == ["3033-09-30"]
    assert garcia.properties["date_anomalies"] == ["line 316: Last_Update 3033-09-30 is implausible (source typo)"]
    naser = by_name["AL NASER AIRLINES"]
    assert naser.properties["date_anomalies"] == ["line 26: Last_Update 1023-11-01 is implausible (source typo)"]
    flagged = {e.caption for e in by_name.values() if "date_anomalies" in e.properties}
    assert flagged == {"JOSE ERNESTO GARCIA", "AL NASER AIRLINES", "GIE KERMAN AVIATION"}


def test_airline_spellings_stay_separate_parties(by_name: dict[str, Entity]) -> None:
    spellings = ["AL NASER AIRLINES", "AL-NASER AIRLINES", "ALNASER AIRLINES", "AL NASER WINGS AIRLINES"]
    assert len({by_name[s].id for s in spellings}) == 4
    naser = by_name["AL NASER AIRLINES"]
    assert [a.country for a in naser.addresses] == ["IQ", "IQ", "AE", "JO"]
    assert naser.countries == ["IQ", "AE", "JO"] and naser.listed_on == "2023-10-31"
    assert len(by_name["AL-NASER AIRLINES"].addresses) == 3  # "AL-NASER  AIRLINES" (double space) in the file


def test_russian_and_iranian_parties(by_name: dict[str, Entity]) -> None:
    aviastar = by_name["AVIASTAR - TU"]
    assert aviastar.countries == ["RU"] and aviastar.addresses[0].city == "MOSCOW"
    assert aviastar.properties["expiration_date"] == ["04/03/2024"]
    assert "88 F.R. 70928 10/13/2023" in aviastar.properties["fr_citation"][0]
    azur = by_name["AZUR AIR"]
    assert azur.listed_on == "2023-09-23" and azur.countries == ["RU"]
    krutilin = by_name["ALEXEY KRUTILIN"]
    assert krutilin.addresses[0] == Address(
        "16 MELIORATOROV STREET, IVANOVSKOE VILLAGE, STAVROPOL REGION, 357020, RU",
        "16 MELIORATOROV STREET, IVANOVSKOE VILLAGE", "STAVROPOL REGION", None, "357020", "RU")
    sepehri = by_name["ARASH SEPEHRI"]
    assert sepehri.countries == ["IR"] and sepehri.addresses[0].city == "TEHRAN"
    assert by_name["BEHZAD POURGHANNAD"].properties["fr_citation"] == ["86 F.R. 29236 6/1/2021"]


def test_temporary_denial_order_with_renewals(by_name: dict[str, Entity]) -> None:
    amini = by_name["MAHMOUD AMINI"]
    assert amini.properties["expiration_date"] == ["10/30/2024", "10/20/2024"]
    assert amini.countries == ["AE"] and len(amini.addresses) == 3
    assert amini.properties["fr_citation"][0].startswith("76 F.R. 12318 3/7/11")
    ramirez = by_name["JESUS ADRIAN RAMIREZ"]
    assert ramirez.properties["expiration_date"] == ["12/16/2023", "12/16/2030"]


def test_order_without_expiration(by_name: dict[str, Entity]) -> None:
    adt = by_name["ADT ANALOG AND DIGITAL TECHNIK"]
    assert "expiration_date" not in adt.properties and adt.listed_on == "1981-09-10"
    assert adt.properties["fr_citation"] == ["46 F.R. 46154 9/17/81 and 46 F.R. 19290 3/30/81"]
    hijazi = by_name["ALI M HIJAZI"]
    assert hijazi.addresses[0] == Address("GENEVA, CH", None, "GENEVA", None, None, "CH")
    assert hijazi.countries == ["CH", "FR", "LY"]


# ------------------------------------------------------------------ contract + bad input
def test_claim_and_version(tmp_path: Path) -> None:
    assert dpl.claim(DPL_FILE, read_head(DPL_FILE)) == "bis_dpl"
    renamed = tmp_path / "denied.txt"
    renamed.write_bytes(DPL_FILE.read_bytes()[:2000])
    assert dpl.claim(renamed, read_head(renamed)) == "bis_dpl"
    other = tmp_path / "dpl.txt"
    other.write_text("Name\tAddress\nX\tY\n")
    assert dpl.claim(other, read_head(other)) is None
    assert dpl.version(Snapshot("bis_dpl", "dpl", "", [DPL_FILE])) is None


def _broken(tmp_path: Path, line_no: int, new: str) -> Path:
    lines = DPL_FILE.read_text(encoding="utf-8").splitlines(keepends=True)[:20]
    lines[line_no - 1] = new
    path = tmp_path / "dpl.txt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_broken_row_is_located(tmp_path: Path) -> None:
    path = _broken(tmp_path, 5, '"SHORT ROW"\t"1 STREET"\n')
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location == "line 5" and "2 fields, header has 12" in err.value.reason


def test_bad_date_is_located(tmp_path: Path) -> None:
    line = _raw_lines()[4].replace('"10/30/2020"', '"30/10/2020"') + "\n"
    with pytest.raises(SourceError) as err:
        _load(_broken(tmp_path, 5, line))
    assert err.value.location == "line 5, column Effective_Date"
    assert "not a date: '30/10/2020'" in err.value.reason


def test_truncated_file_and_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    data = DPL_FILE.read_bytes()
    path.write_bytes(data[: data.index(b"ABDULAH AL NASSER") + 40])  # cut inside a quoted field
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location is not None and re.match(r"line \d+", err.value.location)
    latin1 = tmp_path / "latin" / "dpl.txt"
    latin1.parent.mkdir()
    latin1.write_bytes(data[:3000].replace(b"AARON ABRAHAM VILLA", b"AAR\xd3N ABRAHAM VILLA"))
    with pytest.raises(SourceError) as err:
        _load(latin1)
    assert err.value.location == "line 3, byte 5" and "not valid utf-8" in err.value.reason


def test_hostile_xml_named_dpl_is_not_expanded(tmp_path: Path) -> None:
    bomb = tmp_path / "dpl.txt"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>')
    assert dpl.claim(bomb, read_head(bomb)) is None
    with pytest.raises(SourceError, match="header lacks column"):
        _load(bomb)
