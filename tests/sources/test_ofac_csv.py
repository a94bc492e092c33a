"""OFAC legacy CSV loader against the real SDN (2021, 2024) and consolidated (2025) sets.

Expected counts are computed here from the raw files with a plain csv reader, never
through the loader."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen.model import Entity, NameKind
from uavscreen.sources import ofac_csv
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

SDN_2021 = LISTS / "ofac_sdn" / "2021-07-07"
SDN_2024 = LISTS / "ofac_sdn" / "2024-05-03"
CONS_2025 = LISTS / "ofac_cons" / "2025-12-19"


def _load(folder: Path, source: str, files: list[Path] | None = None) -> list[Entity]:
    files = files if files is not None else sorted(folder.iterdir())
    return list(ofac_csv.load(Snapshot(source, ofac_csv.NAME, folder.name, files)))


def _raw_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="latin-1", newline="") as fh:
        return [r for r in csv.reader(fh) if len(r) > 1]


def _inline_alias_count(folder: Path, primary: str, comments: str | None) -> int:
    """Complete ``a.k.a./f.k.a./n.k.a. '...'`` statements in remarks (+ continuations)."""
    extra: dict[str, str] = {}
    if comments:
        for row in _raw_rows(folder / comments):
            extra[row[0]] = extra.get(row[0], "") + row[1].strip()
    count = 0
    for row in _raw_rows(folder / primary):
        remarks = row[11].strip().removesuffix("-0-") + extra.get(row[0], "")
        for part in remarks.rstrip(".").split("; "):
            part = part.removeprefix("alt. ")
            if re.match(r"^[afn]\.k\.a\.,? '", part) and part.endswith("'"):
                count += len(re.findall(r"', '", part)) + 1
    return count


@pytest.fixture(scope="module")
def sdn2021() -> dict[str, Entity]:
    return {e.id: e for e in _load(SDN_2021, "ofac_sdn")}


@pytest.fixture(scope="module")
def sdn2024() -> dict[str, Entity]:
    return {e.id: e for e in _load(SDN_2024, "ofac_sdn")}


@pytest.fixture(scope="module")
def cons2025() -> dict[str, Entity]:
    return {e.id: e for e in _load(CONS_2025, "ofac_cons")}


def _kinds(entities: dict[str, Entity], *kinds: NameKind) -> int:
    return sum(1 for e in entities.values() for n in e.names if n.kind in kinds)


# ------------------------------------------------------------------ discovery


def test_claim_by_name_and_content(tmp_path: Path) -> None:
    for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"):
        assert ofac_csv.claim(SDN_2021 / name, read_head(SDN_2021 / name)) == "ofac_sdn"
    for name in ("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV"):
        assert ofac_csv.claim(CONS_2025 / name, read_head(CONS_2025 / name)) == "ofac_cons"
    # lower-case mirror names and .gz copies are the same files
    assert ofac_csv.claim(Path("sdn.csv.gz"), read_head(SDN_2024 / "SDN.CSV")) == "ofac_sdn"
    # right name, wrong content (an ALT file renamed SDN.CSV); wrong name, right content
    assert ofac_csv.claim(Path("SDN.CSV"), read_head(SDN_2021 / "ALT.CSV")) is None
    assert ofac_csv.claim(Path("list.csv"), read_head(SDN_2024 / "SDN.CSV")) is None
    assert ofac_csv.version(Snapshot("ofac_sdn", ofac_csv.NAME, "", [SDN_2024 / "SDN.CSV"])) is None


# ------------------------------------------------------------------ counts vs raw files


def test_sdn_2021_counts(sdn2021: dict[str, Entity]) -> None:
    sdn, alt = _raw_rows(SDN_2021 / "SDN.CSV"), _raw_rows(SDN_2021 / "ALT.CSV")
    assert len(sdn2021) == len(sdn) == 8976
    strong = _kinds(sdn2021, NameKind.PRIMARY, NameKind.STRONG_ALIAS, NameKind.FORMER)
    inline = _inline_alias_count(SDN_2021, "SDN.CSV", "SDN_COMMENTS.CSV")
    assert strong + _kinds(sdn2021, NameKind.WEAK_ALIAS) == len(sdn) + len(alt) + inline
    assert len(sdn) + len(alt) == 20886  # SOURCES.md: total names (primary + ALT rows)
    types = {"individual": "Person", "vessel": "Vessel", "aircraft": "Aircraft"}
    raw_types = sorted(types.get(r[2].strip('" '), "Org") for r in sdn)
    got = sorted(e.schema if e.schema in types.values() else "Org" for e in sdn2021.values())
    assert got == raw_types
    assert sum(len(e.addresses) for e in sdn2021.values()) == sum(
        1 for r in _raw_rows(SDN_2021 / "ADD.CSV") if any(v.strip() != "-0-" for v in r[2:5]))


def test_sdn_2024_counts_with_only_the_primary_file(sdn2024: dict[str, Entity]) -> None:
    sdn = _raw_rows(SDN_2024 / "SDN.CSV")
    assert len(sdn2024) == len(sdn) == 14965
    assert _kinds(sdn2024, NameKind.PRIMARY) == 14965
    inline = _inline_alias_count(SDN_2024, "SDN.CSV", None)
    assert _kinds(sdn2024, NameKind.WEAK_ALIAS, NameKind.FORMER, NameKind.STRONG_ALIAS) == inline
    # three remarks were cut at 1,000 characters (their continuation file is missing)
    truncated = sorted(e.native_id for e in sdn2024.values() if "remarksTruncated" in e.properties)
    assert truncated == sorted(r[0] for r in sdn if len(r[11]) >= 1000)
    assert {"27307", "28263", "47682"} <= set(truncated)


def test_cons_2025_counts(cons2025: dict[str, Entity]) -> None:
    prim, alt = _raw_rows(CONS_2025 / "CONS_PRIM.CSV"), _raw_rows(CONS_2025 / "CONS_ALT.CSV")
    assert len(cons2025) == len(prim) == 442
    inline = _inline_alias_count(CONS_2025, "CONS_PRIM.CSV", "CONS_COMMENTS.CSV")
    assert sum(len(e.names) for e in cons2025.values()) == len(prim) + len(alt) + inline
    assert len(prim) + len(alt) == 1515
    assert all(e.id.startswith("ofac_cons:") for e in cons2025.values())


# ------------------------------------------------------------------ spot checks


def test_qods_aviation_industries(sdn2021: dict[str, Entity], sdn2024: dict[str, Entity]) -> None:
    old, new = sdn2021["ofac_sdn:16418"], sdn2024["ofac_sdn:16418"]
    assert old.caption == new.caption == "QODS AVIATION INDUSTRIES"
    assert {n.value for n in old.names} == {"QODS AVIATION INDUSTRIES", "QODS RESEARCH CENTER",
                                             "GHODS AVIATION INDUSTRIES"}
    assert old.countries == ["IR"] and old.addresses[0].city == "Tehran"
    assert new.programs == ["NPWMD", "IFSR", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024"]
    assert new.schema == "Company"
    assert {(i.type, i.value, i.country) for i in new.identifiers} == {
        ("national_id", "14005441856", "IR"), ("registration", "483250", "IR")}
    assert new.links[0].text == "MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS"


def test_shahed_kimia_and_irgc_aerospace(sdn2021: dict[str, Entity], sdn2024: dict[str, Entity]) -> None:
    shahed = sdn2024["ofac_sdn:39637"]
    assert shahed.caption == "SHAHED AVIATION INDUSTRIES RESEARCH CENTER"
    assert [(n.value, n.kind) for n in shahed.names[1:]] == [("SAIRC", NameKind.WEAK_ALIAS),
                                                             ("SAIC", NameKind.WEAK_ALIAS)]
    assert [i.value for i in shahed.identifiers if i.type == "website"] == ["http://www.shahedaviation.com"]
    assert shahed.schema == "Organization"
    kimia = sdn2024["ofac_sdn:33575"]
    assert kimia.caption == "KIMIA PART SIVAN COMPANY LLC" and kimia.programs == ["SDGT", "IFSR"]
    assert "KIPAS" in {n.value for n in kimia.names}
    irgc_asf = sdn2021["ofac_sdn:12055"]
    aliases = {n.value: n.kind for n in irgc_asf.names}
    assert aliases["IRGC AEROSPACE FORCE"] is NameKind.STRONG_ALIAS
    jihad = sdn2021["ofac_sdn:22692"]
    assert jihad.caption.startswith("ISLAMIC REVOLUTIONARY GUARD CORPS AEROSPACE FORCE SELF SUFFICIENCY")
    assert jihad.programs == ["SDGT", "NPWMD", "IRGC", "IFSR"]


def test_person_with_dob_passport_and_link(sdn2024: dict[str, Entity]) -> None:
    person = sdn2024["ofac_sdn:39096"]
    assert person.schema == "Person" and person.gender == "male"
    assert person.names[0].parts == {"lastName": "GHOREISHI", "firstName": "Seyed Hojatollah"}
    assert [d.value for d in person.birth_dates] == ["1964-09-27"]
    assert person.nationalities == ["IR"]
    assert len([i for i in person.identifiers if i.type == "passport"]) == 5
    assert [link.text for link in person.links] == ["MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS",
                                                    "QODS AVIATION INDUSTRIES"]
    zargar = sdn2024["ofac_sdn:33593"]
    assert ("JAHANI, Milad", NameKind.WEAK_ALIAS) in {(n.value, n.kind) for n in zargar.names}
    assert zargar.links[0].text == "KIMIA PART SIVAN COMPANY LLC"


def test_vessel_with_imo_flag_and_call_sign(sdn2021: dict[str, Entity]) -> None:
    vessel = sdn2021["ofac_sdn:15036"]
    assert vessel.schema == "Vessel" and vessel.caption == "ARTAVIL"
    ids = {(i.type, i.value) for i in vessel.identifiers}
    assert {("imo", "9187629"), ("mmsi", "572469210"), ("call_sign", "T2EU4")} <= ids
    assert vessel.properties["vesselType"] == ["Crude/Oil Products Tanker"]
    assert vessel.properties["tonnage"] == ["99,144"] and vessel.properties["grossRegisteredTonnage"] == ["56,068"]
    assert vessel.properties["flag"] == ["Iran"] and vessel.countries == ["IR"]
    assert vessel.properties["pastFlags"] == ["Malta", "Tuvalu", "None Identified", "Tanzania"]
    assert ("ALPHA", NameKind.FORMER) in {(n.value, n.kind) for n in vessel.names}
    cuban_tug = sdn2021["ofac_sdn:4238"]
    assert cuban_tug.properties["owner"] == ["Samir de Navegacion S.A."]
    assert cuban_tug.links[0].relation == "owner"


def test_aircraft(sdn2024: dict[str, Entity]) -> None:
    plane = sdn2024["ofac_sdn:15432"]
    assert plane.schema == "Aircraft" and plane.caption == "EP-GOL"
    assert {(i.type, i.value) for i in plane.identifiers} == {("aircraft_serial", "8305"),
                                                              ("aircraft_serial", "1013409297")}
    assert plane.properties["aircraftOperator"] == ["YAS AIR"]


def test_remarks_continue_in_comments_file(sdn2021: dict[str, Entity]) -> None:
    hacker = sdn2021["ofac_sdn:28264"]
    assert hacker.remarks is not None and "Identification Number 210302198701102136 (China)" in hacker.remarks
    assert {"blackjack1987", "khaleesi"} <= {n.value for n in hacker.names}
    assert hacker.links[-1].text == "LAZARUS GROUP"


def test_cons_entries(cons2025: dict[str, Entity]) -> None:
    haniya = cons2025["ofac_cons:9639"]
    assert haniya.caption == "HANIYA, Ismail Abdul Salah" and haniya.programs == ["NS-PLC"]
    assert [d.value for d in haniya.birth_dates] == ["1962"] and haniya.birth_places == ["Shati"]
    assert haniya.addresses == []  # OFAC's all-empty placeholder address is not an address
    assert [n.value for n in haniya.names if n.kind is NameKind.STRONG_ALIAS] == ["HANIYA, Ismail",
                                                                                "HANIYYA, Ismaeel"]


def test_no_field_silently_lost(sdn2024: dict[str, Entity]) -> None:
    """Every remarks statement lands somewhere: typed, a property, or remarks_other."""
    cuba_bank = sdn2024["ofac_sdn:306"]
    assert cuba_bank.remarks == "a.k.a. 'BNC'."
    assert ("BNC", NameKind.WEAK_ALIAS) in {(n.value, n.kind) for n in cuba_bank.names}
    fadlallah = sdn2024["ofac_sdn:2679"]
    assert fadlallah.properties["title"] == ["Leading Ideological Figure of HIZBALLAH"]
    assert fadlallah.properties["remarks_other"] == ["Leading Ideological Figure of HIZBALLAH"]
    assert [d.value for d in fadlallah.birth_dates] == ["1938", "1936"]


# ------------------------------------------------------------------ malformed input


def _copy(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_truncated_file_names_line(tmp_path: Path) -> None:
    data = (SDN_2021 / "SDN.CSV").read_bytes()
    cut = data.index(b"\n", 50_000) + 40
    path = _copy(tmp_path, "SDN.CSV", data[:cut])
    with pytest.raises(SourceError) as err:
        _load(tmp_path, "ofac_sdn", [path])
    assert err.value.file == str(path)
    last_line = data[:cut].count(b"\n") + 1
    assert err.value.location == f"line {last_line}"
    assert "truncated" in err.value.reason


def test_broken_row_names_line_and_reason(tmp_path: Path) -> None:
    lines = (CONS_2025 / "CONS_PRIM.CSV").read_bytes().split(b"\r\n")
    lines[6] = b'9999,"BROKEN ROW","individual"'
    path = _copy(tmp_path, "CONS_PRIM.CSV", b"\r\n".join(lines))
    with pytest.raises(SourceError, match="expected 12 fields, found 3") as err:
        _load(tmp_path, "ofac_cons", [path])
    assert err.value.location == "line 7"


def test_bad_ent_num_and_orphan_alias(tmp_path: Path) -> None:
    path = _copy(tmp_path, "CONS_PRIM.CSV", b'X1,"A",-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')
    with pytest.raises(SourceError, match="ent_num 'X1' is not a number"):
        _load(tmp_path, "ofac_cons", [path])
    prim = _copy(tmp_path, "CONS_PRIM.CSV", b'1,"A",-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')
    alt = _copy(tmp_path, "CONS_ALT.CSV", b'2,10,"aka","B",-0- \r\n\x1a')
    with pytest.raises(SourceError, match="not in CONS_PRIM.CSV") as err:
        _load(tmp_path, "ofac_cons", [prim, alt])
    assert err.value.location == "line 1 (ent_num 2)"


def test_wrong_encoding_and_unterminated_quote(tmp_path: Path) -> None:
    utf16 = (CONS_2025 / "CONS_PRIM.CSV").read_text(encoding="latin-1").encode("utf-16")
    path = _copy(tmp_path, "CONS_PRIM.CSV", utf16)
    with pytest.raises(SourceError, match="NUL byte") as err:
        _load(tmp_path, "ofac_cons", [path])
    assert err.value.location == "line 1"
    path = _copy(tmp_path, "CONS_PRIM.CSV", b'1,"A,-0- ,"P",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n')
    with pytest.raises(SourceError, match="malformed CSV: ',' expected after") as err:
        _load(tmp_path, "ofac_cons", [path])
    assert err.value.location == "line 1"


def test_latin1_and_gzip_copies_load(tmp_path: Path) -> None:
    import gzip

    data = b'1,"MU\xd1OZ, Jos\xe9",individual,"SDNT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n\x1a'
    path = tmp_path / "SDN.CSV.gz"
    path.write_bytes(gzip.compress(data))
    (entity,) = _load(tmp_path, "ofac_sdn", [path])
    assert entity.caption == "MUÑOZ, José" and entity.schema == "Person"
