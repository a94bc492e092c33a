"""trade.gov Consolidated Screening List loader, against the real May 2022 CSV and a
small JSON file written to the CSL API's documented field names."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen.model import Address, BirthDate, Entity, Identifier, NameKind
from uavscreen.sources import csl
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

CSL_FILE = LISTS / "us_csl" / "2022-05" / "consolidated.csv.gz"


def _load(*paths: Path) -> list[Entity]:
    return list(csl.load(Snapshot("us_csl", csl.NAME, "2022-05", list(paths))))


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in _load(CSL_FILE)}


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    with gzip.open(CSL_FILE, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------------ counts
def test_entity_and_name_counts_match_the_raw_file(entities: dict[str, Entity], raw_rows: list[dict[str, str]]) -> None:
    raw_names = sum(1 + len([a for a in r["alt_names"].split(";") if a.strip()]) for r in raw_rows)
    assert len(raw_rows) == 14_160 and raw_names == 34_171  # SOURCES.md
    assert len(entities) == len(raw_rows)
    assert sum(len(e.names) for e in entities.values()) == raw_names


def test_every_row_keeps_its_sub_list_code(entities: dict[str, Entity], raw_rows: list[dict[str, str]]) -> None:
    raw = Counter(csl.sublist(r["source"]).code for r in raw_rows)
    loaded = Counter(p for e in entities.values() for p in e.programs if p.startswith("CSL:"))
    assert loaded == Counter({f"CSL:{code}": n for code, n in raw.items()})
    assert loaded["CSL:SDN"] == 10_026 and loaded["CSL:EL"] == 2_001 and loaded["CSL:UVL"] == 201
    assert "CSL:SDN" in csl.BLOCKING_PROGRAMS and "CSL:EL" in csl.BLOCKING_PROGRAMS
    assert "CSL:UVL" not in csl.BLOCKING_PROGRAMS and "CSL:SSI" not in csl.BLOCKING_PROGRAMS


def test_treasury_rows_carry_their_ofac_ent_num(entities: dict[str, Entity], raw_rows: list[dict[str, str]]) -> None:
    with_number = sum(1 for r in raw_rows if r["entity_number"])
    ent_nums = [i for e in entities.values() for i in e.identifiers if i.type == "ofac_ent_num"]
    assert len(ent_nums) == with_number == 10_535


# ------------------------------------------------------------------ spot checks, field by field
def test_qods_aviation_industries(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:16418"]
    assert e.schema == "LegalEntity" and e.caption == "QODS AVIATION INDUSTRIES"
    assert [(n.value, n.kind) for n in e.names[1:]] == [
        ("QODS RESEARCH CENTER", NameKind.STRONG_ALIAS), ("GHODS AVIATION INDUSTRIES", NameKind.STRONG_ALIAS)]
    assert e.programs == ["CSL:SDN", "NPWMD", "IFSR"]
    assert e.addresses[0] == Address("P.O. Box 15875-1834, Km 5 Karaj Special Road, Tehran, IR", country="IR")
    assert len(e.addresses) == 3 and e.countries == ["IR"]
    assert Identifier("ofac_ent_num", "16418", None, "CSL entity_number") in e.identifiers
    assert e.properties["additional sanctions information"] == ["Subject to Secondary Sanctions"]


def test_kimia_part_sivan(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:33575"]
    assert e.caption == "KIMIA PART SIVAN COMPANY LLC"
    assert {n.value for n in e.names} >= {"KIPAS", "KIMIYA PARS SEBON", "KIMIA PARTS SIBON"}
    assert e.programs == ["CSL:SDN", "SDGT", "IFSR"]
    assert Identifier("national_id", "10320661315", "IR", "National ID No.") in e.identifiers
    assert [i.value for i in e.identifiers if i.type == "registration"] == ["414950", "47779"]
    assert e.links[0].relation == "linked_to"
    assert e.links[0].text == "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"


def test_irgc_air_force_and_aerospace_force_entries(entities: dict[str, Entity]) -> None:
    air = entities["us_csl:12055"]
    assert air.caption == "ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE"
    assert air.programs == ["CSL:SDN", "IFSR", "IRGC", "NPWMD", "SDGT", "FTO"]
    assert air.countries == ["IR", "SY"]
    isn = entities["us_csl:a55c813bda0c31600899d9220ca0b28853e35ff9"]
    assert isn.caption.startswith("Islamic Revolutionary Guard Corps (IRGC) Aerospace Force")
    assert isn.programs == ["CSL:ISN", "E.O. 13382"]
    assert not any(i.type == "ofac_ent_num" for i in isn.identifiers)  # a State Department row


def test_vessel_with_imo_and_flag(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:23156"]
    assert e.schema == "Vessel" and e.caption == "7-28"
    assert Identifier("imo", "8898831", None, "Vessel Registration Identification") in e.identifiers
    assert e.properties["vessel_flag"] == ["Democratic People's Republic of Korea"]
    assert e.countries == ["KP"] and e.programs == ["CSL:SDN", "DPRK4"]
    assert e.links[0].text == "YUSONG SHIPPING CO"


def test_aircraft_identifiers_and_facts(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:28331"]
    assert e.schema == "Aircraft" and e.caption == "YV2739"
    kinds = {(i.type, i.value) for i in e.identifiers}
    assert {("aircraft_serial", "45-425"), ("aircraft_tail", "YV2739")} <= kinds
    assert e.properties["aircraft model"] == ["Learjet 45"]


def test_person_with_passport_dates_and_several_birth_years(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:17291"]
    assert e.schema == "Person" and e.nationalities == ["JO"]
    assert e.birth_dates == [BirthDate("1989-07-13")]
    passport = next(i for i in e.identifiers if i.type == "passport")
    assert (passport.value, passport.country) == ("K475336", "JO")
    assert passport.note == "Passport; dates 2014-08-30, 2009-08-31"
    multi = entities["us_csl:26095"]
    assert [b.value for b in multi.birth_dates] == ["1967", "1966", "1968"]
    assert multi.birth_places == ["Tall 'Afar, Iraq"]
    assert multi.nationalities == ["IQ"] and multi.countries == ["SY"]


def test_circa_birth_date_gender_and_citizenship(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:10480"]
    assert e.caption == "AHMADIAN, Ali Akbar"
    assert e.birth_dates == [BirthDate("1961", circa=True, original="circa 1961")]
    assert e.nationalities == ["IR"] and e.properties["citizenships"] == ["IR"]
    assert e.birth_places == ["Kerman, Iran"]
    gendered = entities["us_csl:24904"]
    assert gendered.gender == "male" and gendered.birth_dates == [BirthDate("1978-08-22")]


def test_denied_persons_row_keeps_order_details(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7"]
    assert e.caption == "I. ASH" and e.schema == "LegalEntity"
    assert e.programs == ["CSL:DPL"] and e.listed_on == "2003-06-19"
    assert e.properties["end_date"] == ["2056-06-29"]
    assert e.properties["standard_order"] == ["Y"]
    assert e.properties["federal_register_notice"] == ["68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"]
    assert e.addresses[0].country == "US" and "FCI SEAGOVILLE" in e.addresses[0].full
    assert e.remarks == "FEDERAL REGISTER NOTICE UPDATED"


def test_entity_list_row_keeps_licence_terms(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:6b231708ed34dcbf85c25522e7373b6a16f76757"]
    assert e.caption == "Aflak Micro Electronics" and e.programs == ["CSL:EL"]
    assert e.countries == ["IR"] and e.listed_on == "2008-09-22"
    assert e.properties["license_policy"] == ["Presumption of denial"]
    assert e.properties["license_requirement"] == ["For all items subject to the EAR (See §744.11 of the EAR)"]
    assert e.properties["federal_register_notice"] == ["73 FR 54506"]


def test_unverified_row(entities: dict[str, Entity]) -> None:
    e = entities["us_csl:5689a4cef341d6321e78e7591edb40426b12c1a0"]
    assert e.caption == "Aero King FZC" and e.programs == ["CSL:UVL"]
    assert len(e.addresses) == 4 and e.countries == ["AE"]


def test_one_ent_num_on_several_treasury_lists_gives_distinct_ids(entities: dict[str, Entity]) -> None:
    ids = {"us_csl:18291", "us_csl:SSI-18291", "us_csl:CAP-18291"}
    assert ids <= set(entities)
    assert {entities[i].programs[0] for i in ids} == {"CSL:SDN", "CSL:SSI", "CSL:CAP"}
    for i in ids:
        assert Identifier("ofac_ent_num", "18291", None, "CSL entity_number") in entities[i].identifiers
        assert entities[i].caption == "BANK BELVEB OJSC"


def test_id_and_fact_labels() -> None:
    assert csl.identifier_type("Passport") == "passport"
    assert csl.identifier_type("UK Company Number") == "registration"
    assert csl.identifier_type("Kenyan ID No.") == "national_id"
    assert csl.identifier_type("Gender") is None
    assert csl.identifier_type("Listing Date (EO 14024 Directive 2):") is None
    assert csl.sublist("Brand New List (BNL) - Commerce").code == "BNL"


# ------------------------------------------------------------------ discovery contract
def test_claims_by_header_not_by_folder(tmp_path: Path) -> None:
    assert csl.claim(CSL_FILE, read_head(CSL_FILE)) == "us_csl"
    other = tmp_path / "consolidated.csv"
    other.write_text("id,name\n1,x\n")
    assert csl.claim(other, read_head(other)) is None
    assert csl.version(Snapshot("us_csl", "csl", "", [CSL_FILE])) is None


# ------------------------------------------------------------------ JSON form
JSON_DOC = {
    "sources_used": [
        {"source": "Entity List (EL) - Bureau of Industry and Security", "source_last_updated": "2024-03-01T10:00:00"},
        {"source": "Specially Designated Nationals (SDN) - Treasury Department",
         "source_last_updated": "2024-03-04T09:00:00"},
    ],
    "results": [
        {
            "id": "16418", "source": "Specially Designated Nationals (SDN) - Treasury Department",
            "entity_number": 16418, "type": "Entity", "programs": ["NPWMD", "IFSR"],
            "name": "QODS AVIATION INDUSTRIES", "alt_names": ["QODS RESEARCH CENTER", "GHODS AVIATION INDUSTRIES"],
            "addresses": [{"address": "Km 5 Karaj Special Road", "city": "Tehran", "state": None,
                           "postal_code": "15875-1834", "country": "IR"}],
            "ids": [{"type": "Registration Number", "number": "12345", "country": "IR",
                     "issue_date": "2001-01-01", "expiration_date": None}],
            "source_information_url": "https://ofac.treasury.gov", "source_list_url": "https://ofac.treasury.gov/sdn",
        },
        {
            "id": "9b1c", "source": "Entity List (EL) - Bureau of Industry and Security",
            "entity_number": None, "type": None, "programs": [], "name": "Shahed Aviation Industries",
            "alt_names": [], "addresses": [], "ids": [], "dates_of_birth": [], "start_date": "2023-02-24",
            "license_policy": "Policy of denial.", "federal_register_notice": "88 FR 12150",
            "source_information_url": "https://www.bis.doc.gov", "title": None,
        },
        {
            "id": "p1", "source": "Specially Designated Nationals (SDN) - Treasury Department",
            "entity_number": "777", "type": "Individual", "name": "EXAMPLE, Person",
            "dates_of_birth": ["06 Aug 1962", "circa 1960"], "nationalities": ["Iran"],
            "citizenships": ["IR"], "places_of_birth": ["Tehran, Iran"],
            "ids": [{"type": "Gender", "number": "Male"}], "source_information_url": "x",
        },
    ],
}


def _write_json(tmp_path: Path, doc: object, name: str = "consolidated.json") -> Path:
    path = tmp_path / name
    path.write_bytes(json.dumps(doc).encode())
    return path


def test_json_form(tmp_path: Path) -> None:
    path = _write_json(tmp_path, JSON_DOC)
    assert csl.claim(path, read_head(path)) == "us_csl"
    assert csl.version(Snapshot("us_csl", "csl", "", [path])) == "2024-03-04"
    by_id = {e.id: e for e in _load(path)}
    assert set(by_id) == {"us_csl:16418", "us_csl:9b1c", "us_csl:p1"}
    qods = by_id["us_csl:16418"]
    assert [n.value for n in qods.names] == ["QODS AVIATION INDUSTRIES", "QODS RESEARCH CENTER", "GHODS AVIATION INDUSTRIES"]
    assert qods.programs == ["CSL:SDN", "NPWMD", "IFSR"]
    assert qods.addresses == [Address("Km 5 Karaj Special Road, Tehran, 15875-1834, IR", "Km 5 Karaj Special Road",
                                      "Tehran", None, "15875-1834", "IR")]
    assert Identifier("registration", "12345", "IR", "Registration Number; dates issue_date 2001-01-01") in qods.identifiers
    assert Identifier("ofac_ent_num", "16418", None, "CSL entity_number") in qods.identifiers
    shahed = by_id["us_csl:9b1c"]
    assert shahed.programs == ["CSL:EL"] and shahed.listed_on == "2023-02-24" and shahed.schema == "LegalEntity"
    assert shahed.properties["license_policy"] == ["Policy of denial."]
    person = by_id["us_csl:p1"]
    assert person.birth_dates == [BirthDate("1962-08-06", original="06 Aug 1962"),
                                  BirthDate("1960", circa=True, original="circa 1960")]
    assert person.nationalities == ["IR"] and person.gender == "male"


# ------------------------------------------------------------------ malformed input
def _csv_text() -> str:
    with gzip.open(CSL_FILE, "rt", encoding="utf-8", newline="") as fh:
        return "".join(fh.readline() for _ in range(6))


def test_broken_row_is_located(tmp_path: Path) -> None:
    lines = _csv_text().splitlines(keepends=True)
    lines[3] = lines[3].rstrip("\r\n").rsplit(",", 3)[0] + "\n"  # drop three fields
    path = tmp_path / "consolidated.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.file == str(path) and err.value.location == "line 4"
    assert "27 fields, header has 29" in err.value.reason


def test_truncated_gzip_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv.gz"
    path.write_bytes(CSL_FILE.read_bytes()[:200_000])
    with pytest.raises(SourceError) as err:
        _load(path)
    assert "truncated or corrupt" in err.value.reason and err.value.location is not None


def test_wrong_encoding_is_located(tmp_path: Path) -> None:
    text = _csv_text()
    path = tmp_path / "consolidated.csv"
    path.write_bytes(text.encode("utf-8").replace(b"'ABBAS, Rim", b"'ABB\xc4S, Rim"))
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location is not None and err.value.location.startswith("line 3,")
    assert "not valid utf-8" in err.value.reason


def test_missing_column_and_unterminated_quote(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.csv"
    path.write_text("_id,source,entity_number,type,programs,name\n1,x,,,,y\n")
    with pytest.raises(SourceError, match="header lacks column"):
        _load(path)
    quoted = tmp_path / "q" / "consolidated.csv"
    quoted.parent.mkdir()
    quoted.write_text(_csv_text() + '99,"Unverified List (UVL) - Bureau of Industry and Security,,')
    with pytest.raises(SourceError) as err:
        _load(quoted)
    assert err.value.location is not None and err.value.location.startswith("line")


def test_bad_json_is_located(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.json"
    path.write_text('{"results": [\n {"id": "1", "name": "x",\n "source": }\n]}')
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location == "line 3 column 12"
    nameless = _write_json(tmp_path, {"results": [{"id": "7", "source": "Unverified List (UVL)"}]}, "n.json")
    with pytest.raises(SourceError, match="record 7 has no name"):
        _load(nameless)
    not_csl = _write_json(tmp_path, [1, 2], "list.json")
    with pytest.raises(SourceError, match='"results" list'):
        _load(not_csl)


def test_repeated_row_is_kept_not_dropped(tmp_path: Path) -> None:
    text = _csv_text()
    row = text.splitlines(keepends=True)[2]
    path = tmp_path / "consolidated.csv"
    path.write_bytes((text + row).encode())
    ids = [e.id for e in _load(path)]
    assert ids.count("us_csl:21944") == 1 and "us_csl:21944~2" in ids
    assert len(ids) == 6  # five data rows + the repeat

