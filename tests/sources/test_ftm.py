"""OpenSanctions / FollowTheMoney JSON-lines loader, against the real yente fixtures
(the Zala Aero cluster and an EU FSF sample) and small files written to the FtM model."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LISTS
from uavscreen.model import BirthDate, Entity, Identifier, Link, NameKind
from uavscreen.sources import ftm
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

ZALA = LISTS / "opensanctions" / "yente_fixture_zala" / "entities.ftm.json"
T1 = LISTS / "opensanctions" / "yente_fixture_t1" / "entities.ftm.json"
PARTY_SCHEMATA = {"Person", "Company", "Organization", "LegalEntity", "Vessel", "Aircraft", "PublicBody"}


def _load(path: Path) -> dict[str, Entity]:
    return {e.id: e for e in ftm.load(Snapshot("opensanctions", ftm.NAME, "", [path]))}


@pytest.fixture(scope="module")
def zala() -> dict[str, Entity]:
    return _load(ZALA)


@pytest.fixture(scope="module")
def t1() -> dict[str, Entity]:
    return _load(T1)


def _raw(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------ counts from the raw files
@pytest.mark.parametrize(("path", "total", "parties", "primary"), [(ZALA, 91, 17, 155), (T1, 7, 6, 35)])
def test_counts_match_the_raw_file(path: Path, total: int, parties: int, primary: int) -> None:
    raw = _raw(path)
    raw_parties = [r for r in raw if r["schema"] in PARTY_SCHEMATA]
    raw_primary = sum(len(r["properties"].get("name", [])) for r in raw_parties)
    # weakAlias and abbreviation are both weak aliases: one name per distinct spelling.
    raw_all = sum(
        len(r["properties"].get("name", [])) + len(r["properties"].get("alias", []))
        + len(r["properties"].get("previousName", []))
        + len(set(r["properties"].get("weakAlias", [])) | set(r["properties"].get("abbreviation", [])))
        for r in raw_parties
    )
    assert (len(raw), len(raw_parties), raw_primary) == (total, parties, primary)  # SOURCES.md
    loaded = _load(path)
    assert set(loaded) == {f"opensanctions:{r['id']}" for r in raw_parties}
    names = [n for e in loaded.values() for n in e.names]
    assert sum(1 for n in names if n.kind is NameKind.PRIMARY) == raw_primary
    assert len(names) == raw_all
    assert Counter(e.schema for e in loaded.values()) == Counter(r["schema"] for r in raw_parties)


def test_every_non_party_entity_of_zala_is_kept_on_a_party(zala: dict[str, Entity]) -> None:
    raw = _raw(ZALA)
    kept = Counter()
    for entity in zala.values():
        for key, values in entity.properties.items():
            if key.startswith("ftm:"):
                kept.update(json.loads(v)["id"] for v in values)
    others = [r for r in raw if r["schema"] not in PARTY_SCHEMATA and r["schema"] != "Address"]
    assert {r["id"] for r in others} <= set(kept)
    edges = [r for r in raw if r["schema"] in ("Ownership", "Family", "Directorship")]
    # An edge between two parties of the file is a Link on both ends.
    links = sum(len(e.links) for e in zala.values())
    assert links == 2 * len(edges)


# ------------------------------------------------------------------ spot checks: Zala Aero cluster
def test_zakharov_the_zala_owner(zala: dict[str, Entity]) -> None:
    e = zala["opensanctions:NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert e.schema == "Person" and e.caption == "Aleksandr Vyacheslavovich Zakharov"
    assert e.birth_dates == [BirthDate("1965-09-21")] and e.gender == "male"
    assert e.nationalities == ["RU"] and "RU" in e.countries
    assert e.programs[:2] == ["UA-SA1644", "US-RUSHAR"] and "EU-UKR" in e.programs
    assert e.listed_on == "2023-07-01"
    assert "Office of Foreign Assets Control" in e.properties["sanction.authority"]
    assert len(e.properties["ftm:Sanction"]) == 13
    assert Link("ownership", 'owns Joint-Stock Company "Zala Aero"', "opensanctions:NK-cPks3aTbes8k4aCerfBAzN") in e.links
    assert Link("family", "related to Nikita Aleksandrovich Zakharov (Family member of)",
                "opensanctions:NK-JseaPJctnK9o8wrmz8xmoT") in e.links
    assert "Александр Вячеславович Захаров" in {n.value for n in e.names if n.script == "Cyrillic"}
    assert json.loads(e.properties["ftm:Passport"][0])["schema"] == "Passport"
    assert "us_ofac_sdn" in e.properties["datasets"] and "ofac-46001" not in e.properties["referents"]


def test_cst_zala_aero_group(zala: dict[str, Entity]) -> None:
    e = zala["opensanctions:NK-abdzbEBkqyT29GyREbiURZ"]
    assert e.schema == "Company" and e.caption == 'Limited Liability Company "CST"'
    assert {"Zala Aero", "Zala Aero Group", "LLC CST"} <= {n.value for n in e.names}
    assert "US-BIS-EL" in e.programs and e.listed_on == "2021-10-30"
    assert Identifier("registration", "1101841007938", None, "ogrnCode") in e.identifiers
    assert Identifier("website", "https://zala-aero.com/", None, "website") in e.identifiers
    assert Identifier("email", "info@zala.aero", None, "email") in e.identifiers
    texts = {link.text for link in e.links}
    assert "owned by OJSC CONCERN KALASHNIKOV (subsidiary of)" in texts
    assert "directed by Aleksandr Vyacheslavovich Zakharov (Leader or official of)" in texts
    assert e.countries == ["RU"] and len(e.addresses) > 10


def test_zala_aero_jsc_and_kalashnikov(zala: dict[str, Entity]) -> None:
    jsc = zala["opensanctions:NK-cPks3aTbes8k4aCerfBAzN"]
    assert jsc.caption == 'Joint-Stock Company "Zala Aero"' and jsc.programs == ["UA-WS-MILIND", "UA-SA1644", "UA-WS-UAVS"]
    assert Identifier("registration", "1247700258651", None, "ogrnCode") in jsc.identifiers
    assert Identifier("tax", "9715478507", None, "innCode") in jsc.identifiers
    assert [link.text for link in jsc.links] == ["owned by Aleksandr Vyacheslavovich Zakharov"]
    kalashnikov = zala["opensanctions:NK-nR5AXM9AVPq4pQaSPSaVam"]
    assert kalashnikov.caption == "OJSC CONCERN KALASHNIKOV" and kalashnikov.listed_on == "2014-07-17"
    assert 'owns Limited Liability Company "CST" (49)' in {link.text for link in kalashnikov.links}


def test_family_members(zala: dict[str, Entity]) -> None:
    maria = zala["opensanctions:NK-2Tbri3s6GgNtAwsSXh4qpL"]
    assert maria.caption == "Maria Aleksandrovna Osetrova" and maria.gender == "female"
    assert maria.birth_dates == [BirthDate("1988-01-07")]
    assert [n.value for n in maria.names if n.kind is NameKind.FORMER] == [
        "Maria Aleksandrovna Zakharova", "Мария Александровна Захарова"]
    assert Identifier("tax", "183116181362", None, "innCode") in maria.identifiers
    assert maria.birth_places == ["Russia", "Izhevsk"]
    lavrentii = zala["opensanctions:NK-hUAjuiA3vTKXF6v2X6MYnS"]
    assert Identifier("passport", "089132114", None, "passportNumber") in lavrentii.identifiers
    assert lavrentii.birth_dates == [BirthDate("1999-02-26")]
    abashkin = zala["opensanctions:NK-mCEmxFfuhfdjpC8gsxH74o"]
    assert [link.text for link in abashkin.links] == ['directs Limited Liability Company "CST" (ГЕНЕРАЛЬНЫЙ ДИРЕКТОР)']


# ------------------------------------------------------------------ spot checks: EU FSF sample
def test_t1_irgc_and_inter_tobacco(t1: dict[str, Entity]) -> None:
    irgc = t1["opensanctions:NK-2PacmNpiLUmoz4XD2mSt7A"]
    assert irgc.schema == "Organization" and irgc.caption == "IRGC"
    assert irgc.countries == ["IR"] and irgc.listed_on == "2012-03-24"
    assert "ofac-10465" in irgc.properties["referents"]
    tobacco = t1["opensanctions:NK-2GdmHtZTeNXjNVrBGEXZNj"]
    assert tobacco.countries == ["BY"]
    assert Identifier("registration", "808000714", None, "registrationNumber") in tobacco.identifiers
    # Its address entity is not in this sample: the reference is kept, not dropped.
    assert tobacco.properties["addressEntity"] == ["addr-125caec37c3486d3a71de8ae943eec47f420b38a"]


def test_t1_people(t1: dict[str, Entity]) -> None:
    kuzmenko = t1["opensanctions:NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert kuzmenko.caption == "Vitaly Yurievich KUZMENKO" and kuzmenko.gender == "male"
    assert kuzmenko.birth_dates == [BirthDate("1971-01-22")] and kuzmenko.nationalities == ["RU"]
    assert Identifier("tax", "366510784303", None, "taxNumber") in kuzmenko.identifiers
    soiko = t1["opensanctions:NK-2Myxbs6wX9xFKGoQn3sLaY"]
    assert soiko.nationalities == ["BY"] and soiko.listed_on == "2022-09-15"


# ------------------------------------------------------------------ mapping on a written file
def _line(id_: str, schema: str, props: dict[str, list[str]], **meta: Any) -> str:
    return json.dumps({"id": id_, "schema": schema, "properties": props, "datasets": ["test"],
                       "referents": meta.get("referents", []), "first_seen": "2024-01-01T00:00:00",
                       "last_change": meta.get("last_change", "2024-02-01T00:00:00"), "target": True})


def _write(tmp_path: Path, lines: list[str], name: str = "entities.ftm.json") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mapping_of_every_enriching_schema(tmp_path: Path) -> None:
    lines = [
        _line("body", "PublicBody", {"name": ["Aerospace Force"], "country": ["ir"],
                                     "addressEntity": ["old-addr"]}, referents=["old-body"]),
        _line("ship", "Vessel", {"name": ["SHIP ONE"], "imoNumber": ["9187629"], "flag": ["ir"],
                                 "mmsi": ["422000000"]}, last_change="2024-05-06T07:00:00"),
        _line("addr", "Address", {"full": ["Km 5 Karaj Road, Tehran"], "city": ["Tehran"], "country": ["ir"]},
              referents=["old-addr"]),
        _line("s1", "Sanction", {"entity": ["old-body"], "programId": ["US-IRGC"], "authority": ["OFAC"],
                                 "listingDate": ["2019-04-15"], "startDate": ["2017-10-13"]}),
        _line("id1", "Identification", {"holder": ["ship"], "number": ["X-1"], "country": ["pa"],
                                        "type": ["Registration"]}),
        _line("l1", "UnknownLink", {"subject": ["body"], "object": ["ship"], "role": ["operator"]}),
        _line("w1", "CryptoWallet", {"holder": ["ship"], "publicKey": ["abc"]}),
        _line("orphan", "Sanction", {"entity": ["nobody"], "authority": ["X"]}),
    ]
    path = _write(tmp_path, lines)
    assert ftm.claim(path, read_head(path)) == "opensanctions"
    assert ftm.version(Snapshot("opensanctions", "ftm", "", [path])) == "2024-05-06"
    loaded = _load(path)
    assert set(loaded) == {"opensanctions:body", "opensanctions:ship"}
    body, ship = loaded["opensanctions:body"], loaded["opensanctions:ship"]
    assert body.schema == "Organization" and body.properties["ftm_schema"] == ["PublicBody"]
    assert body.programs == ["US-IRGC"] and body.listed_on == "2017-10-13"
    assert body.addresses[0].full == "Km 5 Karaj Road, Tehran" and body.addresses[0].country == "IR"
    assert body.links == [Link("unknownlink", "linked to SHIP ONE (operator)", "opensanctions:ship")]
    assert ship.links == [Link("unknownlink", "linked to Aerospace Force (operator)", "opensanctions:body")]
    assert Identifier("imo", "9187629", None, "imoNumber") in ship.identifiers
    assert Identifier("mmsi", "422000000", None, "mmsi") in ship.identifiers
    assert Identifier("national_id", "X-1", "PA", "Identification") in ship.identifiers
    assert ship.countries == ["IR"]
    assert json.loads(ship.properties["ftm:CryptoWallet"][0])["properties"]["publicKey"] == ["abc"]
    assert ship.properties["datasets"] == ["test"] and ship.properties["target"] == ["true"]


# ------------------------------------------------------------------ claim + bad input
def test_claim_only_ftm_lines(tmp_path: Path) -> None:
    assert ftm.claim(ZALA, read_head(ZALA)) == "opensanctions"
    csl_json = _write(tmp_path, ['{"results": [{"id": "1", "name": "x", "alt_names": []}]}'], "consolidated.json")
    assert ftm.claim(csl_json, read_head(csl_json)) is None
    unknown = _write(tmp_path, [_line("a", "Spaceship", {"name": ["x"]})], "u.json")
    assert ftm.claim(unknown, read_head(unknown)) is None
    text = _write(tmp_path, [_line("a", "Person", {"name": ["x"]})], "entities.txt")
    assert ftm.claim(text, read_head(text)) is None


def test_bad_line_is_located(tmp_path: Path) -> None:
    good = ZALA.read_text(encoding="utf-8").splitlines()[:5]
    path = _write(tmp_path, [*good[:3], '{"id": "x", "schema": "Person", "properties": {"name": ["a"]', *good[3:]])
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location is not None and err.value.location.startswith("line 4, column")
    assert "invalid JSON" in err.value.reason


def test_unknown_schema_and_missing_id(tmp_path: Path) -> None:
    path = _write(tmp_path, [_line("a", "Person", {"name": ["x"]}), _line("b", "Spaceship", {"name": ["y"]})])
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.location == "line 2 (id b)" and "not a valid FtM entity" in err.value.reason
    nameless = _write(tmp_path, ['{"schema": "Person", "properties": {}}'], "n.json")
    with pytest.raises(SourceError, match="lacks 'id' or 'schema'"):
        _load(nameless)
    not_object = _write(tmp_path, ["[1, 2]"], "l.json")
    with pytest.raises(SourceError, match="one JSON object per line"):
        _load(not_object)


def test_truncated_gzip_and_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json.gz"
    path.write_bytes(gzip.compress(ZALA.read_bytes())[:20_000])
    with pytest.raises(SourceError) as err:
        _load(path)
    assert "truncated or corrupt" in err.value.reason
    bad = tmp_path / "bad" / "entities.ftm.json"
    bad.parent.mkdir()
    bad.write_bytes(ZALA.read_bytes().splitlines()[0] + b"\n" + b'{"id": "\xff", "schema": "Person"}\n')
    with pytest.raises(SourceError) as err:
        _load(bad)
    assert err.value.location is not None and err.value.location.startswith("line 2")
