"""FCDO UK Sanctions List XML loader, on a small file written to the published structure
(no real copy of the FCDO list is available offline; see docs/sources/un-uk-eu.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from uavscreen.model import Entity, NameKind
from uavscreen.sources import uk_fcdo
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

SAMPLE = Path(__file__).parent / "fixtures" / "uk_fcdo_sample.xml"


def _load(path: Path) -> list[Entity]:
    return list(uk_fcdo.load(Snapshot("uk_fcdo", uk_fcdo.NAME, "2026-02-12", [path])))


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in _load(SAMPLE)}


def test_claim_and_version() -> None:
    assert uk_fcdo.claim(SAMPLE, read_head(SAMPLE)) == "uk_fcdo"
    assert uk_fcdo.claim(Path("consolidated.xml"), b"<CONSOLIDATED_LIST>") is None
    assert uk_fcdo.version(Snapshot("uk_fcdo", uk_fcdo.NAME, "", [SAMPLE])) == "2026-02-12"


def test_counts_match_an_independent_xpath_count(entities: dict[str, Entity]) -> None:
    tree = etree.parse(str(SAMPLE))
    assert len(entities) == int(tree.xpath("count(//Designation)")) == 3
    names = int(tree.xpath("count(//Names/Name) + count(//NonLatinNames/NonLatinName)"))
    assert sum(len(e.names) for e in entities.values()) == names == 9


def test_shahed_entity(entities: dict[str, Entity]) -> None:
    e = entities["uk_fcdo:RUS1655"]
    assert e.schema == "Organization" and e.caption == "SHAHED AVIATION INDUSTRIES"
    original = [(n.value, n.script, n.lang) for n in e.names if n.kind is NameKind.ORIGINAL_SCRIPT]
    assert original == [("صنایع هوایی شاهد", "Arabic", "fas")]
    assert e.programs == ["The Russia (Sanctions) (EU Exit) Regulations 2019"]
    assert e.listed_on == "2022-10-20"
    assert [link.target for link in e.links] == ["uk_ofsi:15607"]
    assert [(i.type, i.value) for i in e.identifiers] == [
        ("phone", "+98 21 7300 0000"), ("email", "info@example.ir"), ("email", "sales@example.ir")]
    assert e.properties["sanctions_imposed_indicator"] == ["asset_freeze", "trust_services_sanctions"]
    assert e.properties["parent_company"] == ["Islamic Revolutionary Guard Corps Aerospace Force"]
    assert "unmanned aerial vehicle" in e.properties["uk_statement_of_reasons"][0]
    assert e.addresses[0].city == "Tehran" and e.addresses[0].country == "IR"


def test_individual(entities: dict[str, Entity]) -> None:
    e = entities["uk_fcdo:AFG0055"]
    assert e.schema == "Person"
    assert e.names[0].value == "NAJIBULLAH HAQQANI HIDAYATULLAH"
    assert e.names[0].parts == {"name1": "NAJIBULLAH", "name2": "HAQQANI", "name6": "HIDAYATULLAH"}
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["Najibullah HAQANI"] is NameKind.STRONG_ALIAS
    assert kinds["Moulvi Najibullah"] is NameKind.WEAK_ALIAS
    assert [(b.value, b.precision) for b in e.birth_dates] == [("1971", "year"), ("1972-10-24", "day")]
    assert e.birth_places == ["Moni village, Shigal District, Kunar Province, Afghanistan"]
    assert e.nationalities == ["AF"] and e.gender == "male"
    assert [(i.type, i.value, i.note) for i in e.identifiers] == [
        ("passport", "D0009871", "Afghanistan diplomatic passport"),
        ("national_id", "545167", "Afghan national ID card (tazkira)"),
        ("un_reference", "TAi.055", None)]
    assert e.properties["title"] == ["Maulavi"]
    assert e.properties["position"] == ["Deputy Minister of Public Works under the Taliban regime"]


def test_ship(entities: dict[str, Entity]) -> None:
    e = entities["uk_fcdo:DPR0100"]
    assert e.schema == "Vessel"
    assert [(i.type, i.value) for i in e.identifiers] == [("imo", "7408873")]
    assert e.properties["flag_of_ship"] == ["North Korea"]
    assert e.properties["current_owners"] == ["Korea Samjong Shipping"]
    assert e.properties["year_built"] == ["1975"]


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "UK-Sanctions-List.xml"
    body = SAMPLE.read_text(encoding="utf-8")
    assert old in body
    path.write_text(body.replace(old, new, 1), encoding="utf-8")
    return path


def test_missing_unique_id(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<UniqueID>AFG0055</UniqueID>", "")
    with pytest.raises(SourceError, match=r"element <Designation> at line \d+: Designation has no UniqueID"):
        _load(path)


def test_unknown_type(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<IndividualEntityShip>Ship</IndividualEntityShip>",
                    "<IndividualEntityShip>Aircraft</IndividualEntityShip>")
    with pytest.raises(SourceError, match=r"\(DPR0100\): unknown IndividualEntityShip 'Aircraft'"):
        _load(path)


def test_bad_dob(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<DOB>24/10/1972</DOB>", "<DOB>24.10.1972</DOB>")
    with pytest.raises(SourceError, match=r"element <DOB> at line \d+ \(AFG0055\): unreadable DOB"):
        _load(path)


def test_truncated(tmp_path: Path) -> None:
    path = tmp_path / "UK-Sanctions-List.xml"
    path.write_bytes(SAMPLE.read_bytes()[:3000])
    with pytest.raises(SourceError, match=r"line \d+: malformed XML"):
        _load(path)


def test_external_entity_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<Designations>",
                    '<!DOCTYPE Designations [<!ENTITY x SYSTEM "file:///etc/passwd">]><Designations>')
    with pytest.raises(SourceError, match="DOCTYPE refused"):
        _load(path)
