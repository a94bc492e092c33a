"""Linking the records of one party across the real UN, UK, OFAC and CSL snapshots."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import EVAL
from uavscreen.model import Entity, Identifier, Link
from uavscreen.sources.base import Dataset
from uavscreen.sources.discover import find_snapshots, load_snapshots
from uavscreen.sources.linking import link_entities


@pytest.fixture(scope="module")
def full() -> Dataset:
    """The eval's ``full`` index: OFAC SDN 2024, OFAC consolidated, UN, UK OFSI, US CSL."""
    return load_snapshots(find_snapshots(EVAL / "indexes" / "full"), use_cache=False)


def test_no_listing_is_dropped(full: Dataset) -> None:
    counts = Counter(e.source for e in full.entities)
    assert counts == {"ofac_sdn": 14965, "ofac_cons": 442, "un_sc": 1003, "uk_ofsi": 4688, "us_csl": 14160}
    ids = {e.id for e in full.entities}
    for item, others in full.same_as.items():
        assert item in ids and item not in others
        assert all(o in ids and item in full.same_as[o] for o in others)  # symmetric


def test_un_dprk_person_linked_to_uk_ofac_and_csl(full: Dataset) -> None:
    # UK cites "UN Ref KPi.077"; OFAC and the UN share passport 654234735 (KP); CSL repeats SDN 22326.
    assert full.same_as["un_sc:KPi.077"] == ["ofac_sdn:22326", "uk_ofsi:13573", "us_csl:22326"]


def test_un_iran_person_linked_to_ofac_by_passport(full: Dataset) -> None:
    assert full.same_as["un_sc:IRi.009"] == ["ofac_sdn:10581", "us_csl:10581"]


def test_un_entity_linked_to_uk_by_un_reference(full: Dataset) -> None:
    assert full.same_as["un_sc:KPe.010"] == ["uk_ofsi:11282"]  # Green Pine Associated Corporation


def test_csl_rows_linked_to_their_ofac_entries(full: Dataset) -> None:
    assert full.same_as["ofac_sdn:16418"] == ["us_csl:16418"]  # Qods Aviation Industries
    assert full.same_as["ofac_sdn:33575"] == ["us_csl:33575"]  # Kimia Part Sivan Company LLC


def test_vessel_linked_by_imo_across_lists(full: Dataset) -> None:
    assert full.same_as["uk_ofsi:13651"] == ["ofac_sdn:23734", "us_csl:23734"]  # SAM JONG 2, IMO 7408873


def test_uk_association_references_do_not_merge_parties(full: Dataset) -> None:
    # Joseph Kony's UK record cites his own CFi.009 and the LRA's CFe.002: only the first links.
    assert full.same_as["uk_ofsi:13344"] == ["un_sc:CFi.009"]
    assert "un_sc:CFe.002" not in full.same_as.get("uk_ofsi:13344", [])


def test_shared_company_imo_inside_one_list_is_ambiguous(full: Dataset) -> None:
    # OFAC gives KOREA ZUZAGBONG MARITIME and TONGHUNG SHIPPING one IMO company number.
    assert full.same_as["ofac_sdn:19583"] == ["us_csl:19583"]
    assert full.same_as["ofac_sdn:23723"] == ["us_csl:23723"]


def test_groups_stay_small(full: Dataset) -> None:
    assert max(len(v) for v in full.same_as.values()) < 12


def _e(id_: str, schema: str = "Organization", *idents: Identifier) -> Entity:
    return Entity(id=id_, schema=schema, source=id_.split(":")[0], identifiers=list(idents))


def test_identifier_rules() -> None:
    links = link_entities([
        _e("a:1", "Vessel", Identifier("imo", "IMO 9187629")),
        _e("b:7", "Vessel", Identifier("imo", "9187629")),
        _e("a:2", "Person", Identifier("passport", "X123456")),  # no country: proves nothing
        _e("b:8", "Person", Identifier("passport", "X123456")),
        _e("a:3", "Person", Identifier("passport", "Y-99 8877", "IR")),
        _e("b:9", "Person", Identifier("passport", "Y998877", "IR")),
        _e("a:4", "Company", Identifier("bic", "ABCDIRTH")),  # same BIC twice inside one list
        _e("a:5", "Company", Identifier("bic", "ABCDIRTH")),
        _e("c:1", "Company", Identifier("ofac_ent_num", "00042")),
        _e("ofac_sdn:42", "Company"),
    ])
    assert links == {
        "a:1": ["b:7"], "b:7": ["a:1"],
        "a:3": ["b:9"], "b:9": ["a:3"],
        "c:1": ["ofac_sdn:42"], "ofac_sdn:42": ["c:1"],
    }


def test_same_as_link_to_an_earlier_record_of_the_same_party() -> None:
    fcdo = _e("uk_fcdo:RUS0001", "Company")
    fcdo.links.append(Link("same_as", "OFSI Group ID 14178", "uk_ofsi:14178"))
    fcdo.links.append(Link("same_as", "OFSI Group ID 99999", "uk_ofsi:99999"))  # not loaded: ignored
    assert link_entities([fcdo, _e("uk_ofsi:14178", "Company")]) == {
        "uk_fcdo:RUS0001": ["uk_ofsi:14178"], "uk_ofsi:14178": ["uk_fcdo:RUS0001"],
    }
