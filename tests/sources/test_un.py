"""UN Security Council consolidated list loader, against the real 2026-02-27 file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen.model import Entity, NameKind
from uavscreen.sources import un
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.fileio import read_head

UN_FILE = LISTS / "un_sc" / "2026-02-27" / "consolidated.xml"


def _load(path: Path, version: str = "2026-02-27") -> list[Entity]:
    return list(un.load(Snapshot("un_sc", un.NAME, version, [path])))


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.id: e for e in _load(UN_FILE)}


@pytest.fixture(scope="module")
def raw() -> str:
    return UN_FILE.read_text(encoding="utf-8")


def test_claim_and_version() -> None:
    assert un.claim(UN_FILE, read_head(UN_FILE)) == "un_sc"
    assert un.claim(UN_FILE, b"<sdnList>") is None
    assert un.version(Snapshot("un_sc", un.NAME, "", [UN_FILE])) == "2026-02-27"


def test_entity_count_matches_raw_file(entities: dict[str, Entity], raw: str) -> None:
    individuals = len(re.findall(r"<INDIVIDUAL>", raw))
    organisations = len(re.findall(r"<ENTITY>", raw))
    assert (individuals, organisations) == (730, 273)  # SOURCES.md
    assert len(entities) == individuals + organisations == 1003
    assert sum(e.schema == "Person" for e in entities.values()) == individuals


def test_name_counts_match_raw_file(entities: dict[str, Entity], raw: str) -> None:
    # SOURCES.md convention: one primary per entry + every non-empty ALIAS_NAME.
    aliases = re.findall(r"<QUALITY>([^<]*)</QUALITY>\s*<ALIAS_NAME>([^<]+)</ALIAS_NAME>", raw)
    empty = len(re.findall(r"<ALIAS_NAME/>", raw))
    assert len(aliases) + empty == raw.count("<ALIAS_NAME")
    assert 1003 + len(aliases) == 3755
    # The loader drops exact repeats within one record (the UN repeats an alias when it
    # carries several alias birth dates); count those independently.
    distinct = 0
    for block in re.findall(r"<(?:INDIVIDUAL|ENTITY)>(.*?)</(?:INDIVIDUAL|ENTITY)>", raw, re.S):
        pairs = re.findall(r"<QUALITY>([^<]*)</QUALITY>\s*<ALIAS_NAME>([^<]+)</ALIAS_NAME>", block)
        distinct += len({(q.replace("a.k.a.", "Good"), n.strip()) for q, n in pairs})
    loaded = [n for e in entities.values() for n in e.names]
    latin = [n for n in loaded if n.kind is not NameKind.ORIGINAL_SCRIPT]
    assert len(latin) == 1003 + distinct == 3745
    original = len(re.findall(r"<NAME_ORIGINAL_SCRIPT>[^<]*\S[^<]*</NAME_ORIGINAL_SCRIPT>", raw))
    assert sum(n.kind is NameKind.ORIGINAL_SCRIPT for n in loaded) == original == 378
    assert sum(n.kind is NameKind.PRIMARY for n in loaded) == 1003


def test_programs_match_list_types(entities: dict[str, Entity]) -> None:
    iran = [e for e in entities.values() if "Iran" in e.programs]
    assert len(iran) == 121  # SOURCES.md "By list"
    assert all(e.identifiers[0].type == "un_reference" for e in entities.values())


def test_qods_aeronautics_uav_producer(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:IRe.055"]
    assert e.schema == "Organization"
    assert e.caption == "QODS AERONAUTICS INDUSTRIES"
    assert e.programs == ["Iran"]
    assert e.listed_on == "2007-03-24"
    assert "unmanned aerial vehicles" in (e.remarks or "")
    assert [(i.type, i.value) for i in e.identifiers] == [("un_reference", "IRe.055")]
    assert e.source_version == "2026-02-27"


def test_shahid_sayyade_shirazi_addresses(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:IRe.070"]
    assert e.caption == "SHAHID SAYYADE SHIRAZI INDUSTRIES (SSSI)"
    assert len(e.addresses) == 3
    assert e.addresses[0].city == "Tehran" and e.addresses[0].country == "IR"
    assert e.addresses[1].street == "Pasdaran St., P.O. Box 16765"
    assert e.countries == ["IR"]


def test_abbasi_davani_person(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:IRi.001"]
    assert e.schema == "Person"
    primary = e.names[0]
    assert primary.value == "FEREIDOUN ABBASI-DAVANI"
    assert primary.parts == {"first": "FEREIDOUN", "second": "ABBASI-DAVANI"}
    assert [b.value for b in e.birth_dates] == ["1958", "1959"]
    assert e.birth_places == ["Abadan, Iran (Islamic Republic of)"]
    assert e.properties["position"] == ["Senior Ministry of Defence and Armed Forces Logistics (MODAFL) Scientist"]


def test_aliases_with_quality(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:CDi.030"]  # BOSCO TAGANDA: Good and Low aliases, BETWEEN birth years
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["Bosco Ntaganda"] is NameKind.STRONG_ALIAS
    assert kinds["Terminator"] is NameKind.WEAK_ALIAS
    assert [(b.value, b.circa) for b in e.birth_dates] == [("1973", True), ("1974", True)]
    assert e.nationalities == ["CD"]
    assert e.addresses[0].full == "Belgium (As of 14 December 2022)"


def test_former_names(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:KPe.029"]
    assert e.caption == "NATIONAL AEROSPACE TECHNOLOGY ADMINISTRATION"
    kinds = {n.value: n.kind for n in e.names}
    assert kinds["NATA"] is NameKind.STRONG_ALIAS  # a.k.a.
    assert kinds["NADA"] is NameKind.FORMER  # f.k.a.
    assert e.programs == ["DPRK"] and e.countries == ["KP"]


def test_original_script_name(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:TAi.028"]
    original = [n for n in e.names if n.kind is NameKind.ORIGINAL_SCRIPT]
    assert [(n.value, n.script) for n in original] == [("سيد أحمد شهيد خيل", "Arabic")]
    assert e.birth_dates[0].circa and e.birth_dates[0].value == "1975"
    assert e.properties["title"] == ["Maulavi"]


def test_exact_dates_and_two_nationalities(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:CFi.002"]
    assert [b.value for b in e.birth_dates] == ["1970", "1969", "1971", "1970-01-01", "1971-01-01"]
    assert e.nationalities == ["CF", "SD"]
    assert e.birth_places == ["Ndele, Central African Republic", "Algenana, Sudan"]


def test_documents(entities: dict[str, Entity]) -> None:
    documents = [(e.id, i) for e in entities.values() for i in e.identifiers if i.type != "un_reference"]
    assert {i.type for _, i in documents} == {"passport", "national_id"}
    passports = [i for _, i in documents if i.type == "passport"]
    assert len(passports) >= 250
    with_country = [i for i in passports if i.country]
    assert with_country and all(len(i.country or "") == 2 for i in with_country)


def test_first_record_field_by_field(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:CDi.001"]
    assert e.caption == "ERIC BADEGE"
    assert e.gender == "male"
    assert e.listed_on == "2012-12-31"
    assert e.nationalities == ["CD"]
    assert [b.value for b in e.birth_dates] == ["1971"]
    assert e.addresses[0].full == "Rwanda (as of early 2016)" and e.addresses[0].country == "RW"
    assert e.properties["dataid"] == ["6907993"]
    assert e.remarks is not None and e.remarks.startswith("He fled to Rwanda")


def test_remarks_mentions_become_links(entities: dict[str, Entity]) -> None:
    e = entities["un_sc:CDe.001"]
    assert "un_sc:CDi.015" in {link.target for link in e.links}


# --------------------------------------------------------------------------- bad input


def _write(tmp_path: Path, body: str, name: str = "consolidated.xml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_truncated_file_is_located(tmp_path: Path) -> None:
    data = UN_FILE.read_bytes()[:200_000]
    path = tmp_path / "consolidated.xml"
    path.write_bytes(data)
    with pytest.raises(SourceError) as err:
        _load(path)
    assert err.value.file == str(path)
    assert err.value.location is not None and err.value.location.startswith("line ")
    assert "malformed XML" in err.value.reason


def test_record_without_reference(tmp_path: Path) -> None:
    path = _write(tmp_path, "<CONSOLIDATED_LIST dateGenerated='2026-01-01'><INDIVIDUALS>\n"
                  "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>X</FIRST_NAME></INDIVIDUAL>"
                  "</INDIVIDUALS></CONSOLIDATED_LIST>")
    with pytest.raises(SourceError, match=r"line 2 \(DATAID 1\): record has no REFERENCE_NUMBER"):
        _load(path)


def test_bad_birth_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>"
                  "<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER><INDIVIDUAL_DATE_OF_BIRTH>"
                  "<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>31.12.1960</DATE></INDIVIDUAL_DATE_OF_BIRTH>"
                  "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>")
    with pytest.raises(SourceError, match="unreadable date of birth '31.12.1960'"):
        _load(path)


def test_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "consolidated.xml"
    path.write_bytes('<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>'
                     '<FIRST_NAME>Jos\u00e9</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>'
                     .encode("latin-1"))
    with pytest.raises(SourceError, match="malformed XML"):
        _load(path)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol3;</FIRST_NAME>
<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&secret;</FIRST_NAME>
<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""

NETWORK_DTD = """<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST SYSTEM "http://127.0.0.1:9/evil.dtd">
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST_NAME>
<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"""


@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY, NETWORK_DTD],
                         ids=["billion-laughs", "external-entity", "network-dtd"])
def test_hostile_xml_is_refused(tmp_path: Path, body: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(SourceError, match="DOCTYPE refused") as err:
        _load(path)
    assert err.value.location == "line 2"


def test_doctype_hidden_after_a_long_comment_is_refused(tmp_path: Path) -> None:
    body = '<?xml version="1.0"?><!--' + "x" * 70_000 + "-->" + EXTERNAL_ENTITY.split("\n", 1)[1]
    path = _write(tmp_path, body)
    with pytest.raises(SourceError, match="DOCTYPE refused"):
        _load(path)
