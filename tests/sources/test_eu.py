"""EU FSF XML loader, on a small file written to the FSF v1.1 structure (no real EU
snapshot is available offline; see docs/sources/un-uk-eu.md)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree

from uavscreen.model import Entity, NameKind
from uavscreen.sources import eu
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

SAMPLE = Path(__file__).parent / "fixtures" / "eu_fsf_sample.xml"
NS = {"fsd": "http://eu.europa.ec/fpi/fsd/export"}


def _load(path: Path) -> list[Entity]:
    return list(eu.load(Snapshot("eu_fsf", eu.NAME, "2026-02-20", [path])))


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in _load(SAMPLE)}


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    body = SAMPLE.read_text(encoding="utf-8")
    assert old in body
    path = tmp_path / "xmlFullSanctionsList_1_1.xml"
    path.write_text(body.replace(old, new, 1), encoding="utf-8")
    return path


def test_claim_and_version(tmp_path: Path) -> None:
    assert eu.claim(SAMPLE, read_head(SAMPLE)) == "eu_fsf"
    assert eu.claim(SAMPLE, b"<sdnList>") is None
    assert eu.version(Snapshot("eu_fsf", eu.NAME, "", [SAMPLE])) == "2026-02-20"
    other_ns = _variant(tmp_path, "http://eu.europa.ec/fpi/fsd/export", "http://eu.europa.eu/fpi/fsd/export")
    assert eu.claim(other_ns, read_head(other_ns)) == "eu_fsf"
    assert [e.id for e in _load(other_ns)] == ["eu_fsf:139217", "eu_fsf:139202", "eu_fsf:120001"]


def test_counts_match_an_independent_xpath_count(entities: dict[str, Entity]) -> None:
    tree = etree.parse(str(SAMPLE))
    assert len(entities) == int(tree.xpath("count(//fsd:sanctionEntity)", namespaces=NS)) == 3
    aliases = tree.xpath("//fsd:nameAlias[normalize-space(@wholeName)]", namespaces=NS)
    assert sum(len(e.names) for e in entities.values()) == len(aliases) == 11


def test_shahed_aviation_industries(entities: dict[str, Entity]) -> None:
    e = entities["eu_fsf:139217"]
    assert e.schema == "Organization" and e.caption == "Shahed Aviation Industries"
    assert [(n.value, n.kind, n.script, n.lang) for n in e.names] == [
        ("Shahed Aviation Industries", NameKind.PRIMARY, "Latin", None),
        ("Shahed Aviation Industries Research Center", NameKind.STRONG_ALIAS, "Latin", None),
        ("Шахед Авиейшън Индъстрис", NameKind.ORIGINAL_SCRIPT, "Cyrillic", "bul"),
        ("صنایع هوایی شاهد", NameKind.ORIGINAL_SCRIPT, "Arabic", "fas"),
        ("SAIRC", NameKind.WEAK_ALIAS, "Latin", None),
    ]
    assert e.programs == ["UKR"]
    assert e.listed_on == "2022-10-20"  # no designationDate: earliest regulation
    assert e.properties["eu_reference_number"] == ["EU.7467.53"]
    assert e.addresses[0].street == "Shahid Babaei Expressway" and e.addresses[0].country == "IR"
    assert [(i.type, i.value) for i in e.identifiers] == [("email", "info@example.ir"), ("website", "www.example.ir")]


def test_person_with_several_birthdates_and_documents(entities: dict[str, Entity]) -> None:
    e = entities["eu_fsf:139202"]
    assert e.schema == "Person" and e.gender == "male"
    assert e.names[0].parts == {"first": "Amir Ali", "last": "Hajizadeh"}
    assert [(b.value, b.circa) for b in e.birth_dates] == [("1962-02-28", False), ("1961", True)]
    assert e.birth_places == ["Karaj, IRAN (ISLAMIC REPUBLIC OF)"]
    assert e.nationalities == ["IR"]
    assert e.programs == ["UKR", "IRN"] and e.listed_on == "2022-10-20"
    assert [(i.type, i.value, i.country) for i in e.identifiers] == [
        ("passport", "N12345678", "IR"), ("national_id", "0123456789", "IR")]
    assert "knownExpired" in (e.identifiers[1].note or "")
    assert e.properties["title"] == ["Brigadier General"]
    assert e.properties["position"] == ["Commander of the IRGC Aerospace Force"]


def test_un_reference_and_partial_dates(entities: dict[str, Entity]) -> None:
    e = entities["eu_fsf:120001"]
    assert [(i.type, i.value) for i in e.identifiers] == [("un_reference", "KPi.066")]
    assert [(b.value, b.precision, b.circa) for b in e.birth_dates] == [
        ("1967-03-12", "day", False), ("1968-04", "month", False), ("1965", "year", True), ("1966", "year", True)]
    assert e.nationalities == ["KP"] and e.countries == ["RU"]
    assert e.addresses[0].region == "Primorsky Krai"
    assert e.properties["address_remark"] == ["as at listing time"]


def test_gzipped_copy(tmp_path: Path) -> None:
    gz = tmp_path / "xmlFullSanctionsList_1_1.xml.gz"
    gz.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    assert eu.claim(gz, read_head(gz)) == "eu_fsf"
    assert len(_load(gz)) == 3


def test_missing_logical_id(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'euReferenceNumber="EU.5341.12" logicalId="120001"', 'euReferenceNumber="EU.5341.12"')
    with pytest.raises(SourceError, match=r"element <sanctionEntity> at line \d+: sanctionEntity has no logicalId"):
        _load(path)


def test_unknown_subject_type(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'code="enterprise"', 'code="spaceship"')
    with pytest.raises(SourceError, match=r"\(logicalId 139217\): unknown subjectType code 'spaceship'"):
        _load(path)


def test_bad_birthdate(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'birthdate="1962-02-28"', 'birthdate="28.02.1962"')
    with pytest.raises(SourceError, match=r"element <birthdate> at line \d+ \(eu_fsf:139202\): unreadable birthdate"):
        _load(path)


def test_nameless_entity(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'wholeName="Jang Song Chol"', 'wholeName=""')
    body = path.read_text(encoding="utf-8").replace('firstName="Jang" middleName="" lastName="Song Chol"', "")
    body = body.replace('wholeName="Чан Сон Чхол"', 'wholeName=""')
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourceError, match=r"\(logicalId 120001\): sanctionEntity has no name"):
        _load(path)


def test_truncated(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(SAMPLE.read_bytes()[:4000])
    with pytest.raises(SourceError, match=r"export.xml, line \d+: malformed XML"):
        _load(path)


def test_billion_laughs_refused(tmp_path: Path) -> None:
    path = _variant(tmp_path, "<export ", '<!DOCTYPE export [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                    "<export ")
    with pytest.raises(SourceError, match="DOCTYPE refused"):
        _load(path)
