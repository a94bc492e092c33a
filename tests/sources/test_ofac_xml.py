"""OFAC classic XML (sdnList) and Enhanced XML loaders against the real consolidated-list
files, hostile XML, and agreement between the three OFAC formats.

Expected values are read from the raw files with lxml XPath here, not through the loaders."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import LISTS
from uavscreen.model import Entity, NameKind
from uavscreen.sources import ofac_csv, ofac_enhanced, ofac_xml
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

XML_FILE = LISTS / "ofac_cons" / "2025-03-28" / "CONSOLIDATED.XML"
ENH_FILE = LISTS / "ofac_cons" / "2025-01-10" / "CONS_ENHANCED.ZIP"
CSV_DIR = LISTS / "ofac_cons" / "2025-12-19"
SLS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"
ENH_NS = {"e": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"}
#: Every 37th entry of the classic file (12 entries), plus VTB Bank: checked field by field.
SPOT = [*sorted({m.decode() for m in re.findall(rb"<sdnEntry>\s*<uid>(\d+)</uid>", XML_FILE.read_bytes())[::37]}),
        "17013"]


def _xml(path: Path, source: str = "ofac_cons") -> list[Entity]:
    return list(ofac_xml.load(Snapshot(source, ofac_xml.NAME, "2025-03-28", [path])))


def _enh(path: Path) -> list[Entity]:
    return list(ofac_enhanced.load(Snapshot("ofac_cons", ofac_enhanced.NAME, "2025-01-10", [path])))


@pytest.fixture(scope="module")
def classic() -> dict[str, Entity]:
    return {e.native_id: e for e in _xml(XML_FILE)}


@pytest.fixture(scope="module")
def enhanced() -> dict[str, Entity]:
    return {e.native_id: e for e in _enh(ENH_FILE)}


@pytest.fixture(scope="module")
def raw_classic() -> etree._ElementTree:
    return etree.parse(str(XML_FILE))


@pytest.fixture(scope="module")
def raw_enhanced() -> etree._Element:
    with zipfile.ZipFile(ENH_FILE) as archive:
        return etree.fromstring(archive.read("CONS_ENHANCED.XML"))


# ------------------------------------------------------------------ claim / version


def test_claim_and_version() -> None:
    assert ofac_xml.claim(XML_FILE, read_head(XML_FILE)) == "ofac_cons"
    assert ofac_xml.claim(Path("SDN.XML"), read_head(XML_FILE)) == "ofac_sdn"
    assert ofac_xml.claim(Path("other.xml"), read_head(XML_FILE)) is None
    assert ofac_xml.claim(XML_FILE, b"<sdnList xmlns='urn:elsewhere'>") is None
    assert ofac_xml.version(Snapshot("ofac_cons", ofac_xml.NAME, "", [XML_FILE])) == "2025-03-28"
    assert ofac_enhanced.claim(ENH_FILE, read_head(ENH_FILE)) == "ofac_cons"
    assert ofac_enhanced.claim(Path("CONS_ENHANCED.ZIP"), read_head(XML_FILE)) is None
    assert ofac_enhanced.version(Snapshot("ofac_cons", ofac_enhanced.NAME, "", [ENH_FILE])) == "2025-01-10"


# ------------------------------------------------------------------ classic XML


def test_classic_counts(classic: dict[str, Entity], raw_classic: etree._ElementTree) -> None:
    entries = raw_classic.xpath("//*[local-name()='sdnEntry']")
    akas = raw_classic.xpath("//*[local-name()='aka']")
    assert len(classic) == len(entries) == 443
    assert sum(len(e.names) for e in classic.values()) == len(entries) + len(akas) == 1579
    weak = raw_classic.xpath("//*[local-name()='aka'][*[local-name()='category']='weak']"
                             "[*[local-name()='type']='a.k.a.']")
    assert sum(1 for e in classic.values() for n in e.names if n.kind is NameKind.WEAK_ALIAS) == len(weak)


def test_classic_spot_checks_field_by_field(classic: dict[str, Entity], raw_classic: etree._ElementTree) -> None:
    def xp(el: etree._Element, path: str) -> list[str]:
        return [str(v).strip() for v in el.xpath(path)]

    for uid in SPOT:
        (el,) = raw_classic.xpath(f"//*[local-name()='sdnEntry'][*[local-name()='uid']='{uid}']")
        entity = classic[uid]
        last, first = xp(el, "*[local-name()='lastName']/text()"), xp(el, "*[local-name()='firstName']/text()")
        assert entity.caption == (f"{last[0]}, {first[0]}" if first else last[0])
        assert entity.programs == xp(el, ".//*[local-name()='program']/text()")
        kind = xp(el, "*[local-name()='sdnType']/text()")[0]
        assert (entity.schema == "Person") == (kind == "Individual")
        assert len(entity.names) == 1 + len(el.xpath(".//*[local-name()='aka']"))
        numbers = {i.value for i in entity.identifiers}
        for number, id_type in zip(xp(el, ".//*[local-name()='idNumber']/text()"),
                                   xp(el, ".//*[local-name()='idType']/text()"), strict=True):
            if id_type in ("Registration ID", "Tax ID No.", "Website", "Email Address", "SWIFT/BIC"):
                assert number in numbers, (uid, id_type, number)
        dobs = xp(el, ".//*[local-name()='dateOfBirth']/text()")
        assert [d.original for d in entity.birth_dates] == dobs


def test_classic_vtb(classic: dict[str, Entity]) -> None:
    vtb = classic["17013"]
    assert vtb.caption == "VTB BANK PUBLIC JOINT STOCK COMPANY" and vtb.schema == "Company"
    assert vtb.programs == ["UKRAINE-EO13662", "RUSSIA-EO14024"]
    ids = {(i.type, i.value, i.country) for i in vtb.identifiers}
    assert {("registration", "1027739609391", "RU"), ("tax", "7702070139", "RU")} <= ids
    assert "RU" in vtb.countries and vtb.source_version == "2025-03-28"


def test_classic_old_namespace_and_record_count(tmp_path: Path) -> None:
    body = XML_FILE.read_bytes().replace(SLS.encode(), b"http://tempuri.org/sdnList.xsd")
    old = tmp_path / "SDN.XML"
    old.write_bytes(body)
    assert ofac_xml.claim(old, read_head(old)) == "ofac_sdn"
    assert len(_xml(old, "ofac_sdn")) == 443
    bad = tmp_path / "CONSOLIDATED.XML"
    bad.write_bytes(body.replace(b"<Record_Count>443</Record_Count>", b"<Record_Count>444</Record_Count>"))
    with pytest.raises(SourceError, match="Record_Count says 444 entries but the file holds 443"):
        _xml(bad)


def test_truncated_and_broken_xml(tmp_path: Path) -> None:
    data = XML_FILE.read_bytes()
    cut = tmp_path / "CONSOLIDATED.XML"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match="malformed XML") as err:
        _xml(cut)
    assert err.value.location is not None and err.value.location.startswith("line ")
    nouid = tmp_path / "SDN.XML"
    nouid.write_bytes(data.replace(b"<uid>9639</uid>", b"<uid>x</uid>", 1))
    with pytest.raises(SourceError, match="without a numeric <uid>") as err:
        _xml(nouid)
    assert err.value.location == "element <sdnEntry> at line 7"


HOSTILE = {
    "billion-laughs": '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY a "aaaaaaaaaa">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
                      f'<sdnList xmlns="{SLS}"><sdnEntry><uid>1</uid><lastName>&b;</lastName></sdnEntry></sdnList>',
    "external-entity": '<?xml version="1.0"?>\n<!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                       f'<sdnList xmlns="{SLS}"><sdnEntry><uid>1</uid><lastName>&x;</lastName></sdnEntry></sdnList>',
    "network-dtd": '<?xml version="1.0"?>\n<!DOCTYPE sdnList SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
                   f'<sdnList xmlns="{SLS}"><sdnEntry><uid>1</uid><lastName>X</lastName></sdnEntry></sdnList>',
}


@pytest.mark.parametrize("body", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_xml_refused_by_both_xml_loaders(tmp_path: Path, body: str) -> None:
    classic_file = tmp_path / "CONSOLIDATED.XML"
    classic_file.write_text(body)
    with pytest.raises(SourceError, match="refused"):
        _xml(classic_file)
    enhanced_body = body.replace("sdnList", "sanctionsData").replace(SLS, ENH_NS["e"])
    with zipfile.ZipFile(tmp_path / "CONS_ENHANCED.ZIP", "w") as archive:
        archive.writestr("CONS_ENHANCED.XML", enhanced_body)
    with pytest.raises(SourceError, match="refused"):
        _enh(tmp_path / "CONS_ENHANCED.ZIP")


# ------------------------------------------------------------------ enhanced XML


def test_enhanced_counts(enhanced: dict[str, Entity], raw_enhanced: etree._Element) -> None:
    assert len(enhanced) == len(raw_enhanced.xpath("//e:entities/e:entity", namespaces=ENH_NS)) == 443
    names = raw_enhanced.xpath("//e:entity/e:names/e:name", namespaces=ENH_NS)
    translations = raw_enhanced.xpath("//e:entity/e:names/e:name/e:translations/e:translation", namespaces=ENH_NS)
    assert len(names) == 1579
    assert sum(len(e.names) for e in enhanced.values()) == len(translations)
    not_original = [n for e in enhanced.values() for n in e.names if n.kind is not NameKind.ORIGINAL_SCRIPT]
    assert len(not_original) == len(names)


def test_enhanced_spot_checks(enhanced: dict[str, Entity], raw_enhanced: etree._Element) -> None:
    for uid in SPOT:
        (el,) = raw_enhanced.xpath(f"//e:entity[@id='{uid}']", namespaces=ENH_NS)
        entity = enhanced[uid]
        primary = el.xpath("e:names/e:name[e:isPrimary='true']/e:translations/e:translation"
                           "[e:isPrimary='true']/e:formattedFullName/text()", namespaces=ENH_NS)
        assert entity.caption == primary[0]
        assert entity.programs == el.xpath("e:sanctionsPrograms/e:sanctionsProgram/text()", namespaces=ENH_NS)
        documents = el.xpath("e:identityDocuments/e:identityDocument/e:documentNumber/text()", namespaces=ENH_NS)
        assert set(documents) <= {i.value for i in entity.identifiers}
        related = el.xpath("e:relationships/e:relationship/e:relatedEntity/@entityId", namespaces=ENH_NS)
        assert [link.target for link in entity.links if link.target] == [f"ofac_cons:{r}" for r in related]


def test_enhanced_vtb_original_script_and_former_names(enhanced: dict[str, Entity]) -> None:
    vtb = enhanced["17013"]
    cyrillic = [n for n in vtb.names if n.kind is NameKind.ORIGINAL_SCRIPT]
    assert "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО" in {n.value for n in cyrillic}
    assert all(n.script == "Cyrillic" for n in cyrillic)
    assert ("BANK VTB OAO", NameKind.FORMER) in {(n.value, n.kind) for n in vtb.names}
    assert {("registration", "1027739609391", "RU"), ("tax", "7702070139", "RU")} <= {
        (i.type, i.value, i.country) for i in vtb.identifiers}
    haniya = enhanced["9639"]
    assert [d.value for d in haniya.birth_dates] == ["1962"] and haniya.birth_places == ["Shati"]
    assert haniya.listed_on == "2006-04-12"
    assert haniya.properties["legalAuthority"] == ["General License 4 Under EO 13224 (Terrorism)"]


# ------------------------------------------------------------------ three formats agree


def _family(schema: str) -> str:
    return schema if schema in ("Person", "Vessel", "Aircraft") else "Organization"


def test_three_formats_agree_on_shared_entries(classic: dict[str, Entity], enhanced: dict[str, Entity]) -> None:
    csv_entities = {e.native_id: e for e in ofac_csv.load(
        Snapshot("ofac_cons", ofac_csv.NAME, "2025-12-19", sorted(CSV_DIR.iterdir())))}
    shared = set(csv_entities) & set(classic) & set(enhanced)
    assert len(shared) > 400
    same_names = 0
    for uid in shared:
        a, b, c = csv_entities[uid], classic[uid], enhanced[uid]
        assert a.id == b.id == c.id == f"ofac_cons:{uid}"
        assert b.schema == c.schema, uid
        # Organization vs Company follows the identifiers, which the newer CSV may add
        assert _family(a.schema) == _family(b.schema), uid
        assert b.caption == c.caption, uid
        latin = [{(n.value, n.kind) for n in e.names if n.kind is not NameKind.ORIGINAL_SCRIPT} for e in (b, c)]
        assert latin[0] == latin[1], uid
        same_names += {(n.value, n.kind) for n in a.names} == latin[0]
    # the CSV is nine months newer: a few entries were renamed or re-aliased since
    assert same_names / len(shared) > 0.9
