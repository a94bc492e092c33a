"""Every red flag that shipment data can show: one shipment that fires it, one close variant
that must not.  Screened end to end with the real lists, goods screen and rules."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.shipments.conftest import BASE, BENIGN_ITEM, party, rule_ids, shipment
from uavscreen.data import control_table
from uavscreen.rules.engine import RuleError, load_rules

Raw = dict[str, Any]


def _with(**changes: Any) -> Callable[[], Raw]:
    return lambda: shipment(**changes)


def _parties(*ps: Raw) -> list[Raw]:
    return list(ps)


def _trio(name: str, country: str, address: str, **kw: Any) -> list[Raw]:
    return [party(r, name, country, address, **kw) for r in ("buyer", "consignee", "end_user")]


def _buyer(**kw: Any) -> list[Raw]:
    ps = copy.deepcopy(BASE["parties"])
    ps[0].update(kw)
    return ps


def _item(extra: str) -> list[Raw]:
    it = dict(BASE["items"][0])
    it["description"] += extra
    return [it]


DE = "Im Gewerbepark D 75, 93059 Regensburg"
CASES: dict[str, tuple[Callable[[], Raw], Callable[[], Raw]]] = {
    "UAV-01": (_with(), _with(items=[BENIGN_ITEM])),
    "UAV-02": (_with(items=_item(", top markings laser-removed at buyer's request")),
               _with(items=_item(", shipped in unmarked cartons with neutral labels"))),
    "UAV-03": (_with(parties=BASE["parties"][:2], end_use="Stock for resale"), _with()),
    "UAV-04": (_with(parties=_trio("Gulf Star Electronics Trading LLC", "AE", "Office 301, Al Maktoum Road, Deira, Dubai")),
               _with(parties=_trio("Gulf Star Electronics Trading LLC", "AE", "Office 301, Al Maktoum Road, Deira, Dubai"),
                     items=[BENIGN_ITEM])),
    "UAV-05": (_with(items=[{**BENIGN_ITEM, "origin_country": "IR"}]), _with(items=[BENIGN_ITEM])),
    "UAV-06": (_with(parties=[*BASE["parties"][:2], party("end_user", "Pars Sanat Co.", "IR", "Sepahan Industrial Estate, Isfahan")],
                     end_use="Flight control boards for drones"),
               _with(parties=[*BASE["parties"][:2], party("end_user", "Pars Sanat Co.", "IR", "Sepahan Industrial Estate, Isfahan")],
                     end_use="Controllers for household washing machines")),
    "UAV-07": (_with(), _with(items=[BENIGN_ITEM])),
    "KYC-01": (_with(end_use="Confidential"), _with(end_use="Sale to various car makers in Bavaria")),
    "KYC-02": (_with(parties=_trio("Kazbegi Fresh Flowers LLC", "DE", DE)), _with()),
    "FIN-03": (_with(parties=_trio("Kazbegi Fresh Flowers LLC", "DE", DE)),
               _with(parties=_trio("Kazbegi Fresh Flowers LLC", "DE", DE), items=[BENIGN_ITEM])),
    "KYC-04": (_with(payment={"method": "cash", "payer_country": "DE"}),
               _with(payment={"method": "cash", "payer_country": "DE"}, items=[BENIGN_ITEM])),
    "KYC-05": (_with(parties=_buyer(incorporation_date="2025-03-01")), _with(parties=_buyer(incorporation_date="2015-03-01"))),
    "KYC-06": (_with(documents="Buyer was unfamiliar with the product specifications"),
               _with(documents="Buyer asked detailed technical questions about timing")),
    "KYC-07": (_with(documents="Customer declined installation and training"), _with(documents="Installation booked")),
    "KYC-08": (_with(parties=[BASE["parties"][0], party("consignee", "Brenner Fahrzeugelektronik GmbH", "DE", "P.O. Box 1203, 93001 Regensburg"),
                              BASE["parties"][2]]), _with()),
    "KYC-09": (_with(parties=[*BASE["parties"][:2], party("end_user", "Falcon Bridge Freight & Logistics GmbH", "DE", DE)]), _with()),
    "KYC-10": (_with(route=[{"from": "MYPEN", "to": "KZALA", "mode": "air"}, {"from": "KZALA", "to": "DEFRA", "mode": "air"}]),
               _with(route=[{"from": "MYPEN", "to": "NLRTM", "mode": "sea"}, {"from": "NLRTM", "to": "DEFRA", "mode": "road"}])),
    "KYC-11": (_with(documents="Goods to be repacked in neutral packaging before dispatch"), _with()),
    "KYC-12": (_with(end_use="For re-export to a customer in a third country"), _with()),
    "FIN-01": (_with(parties=_trio("Anadolu Otomotiv Elektronik A.Ş.", "TR", "Organize Sanayi Bölgesi, Bursa")),
               _with(parties=_trio("Anadolu Otomotiv Elektronik A.Ş.", "TR", "Organize Sanayi Bölgesi, Bursa"), items=[BENIGN_ITEM])),
    "FIN-02": (_with(parties=_buyer(incorporation_date="2023-05-01")), _with(parties=_buyer(incorporation_date="2019-01-01"))),
    "FIN-04": (_with(parties=_buyer(address="Apartment 12, Bahnhofstraße 3, 93047 Regensburg")), _with()),
    "FIN-05": (_with(payment={"method": "letter_of_credit", "payer_country": "DE"}), _with()),
    "FIN-06": (_with(parties=[BASE["parties"][0], party("consignee", "Falcon Bridge Freight & Logistics FZE", "AE", "Jebel Ali Free Zone South, Dubai")]),
               _with(parties=[BASE["parties"][0], party("consignee", "Falcon Bridge Freight & Logistics FZE", "AE", "Jebel Ali Free Zone South, Dubai")],
                     items=[BENIGN_ITEM])),
    "FIN-07": (_with(documents="Consignee changed after payment; new consignee in Dubai"), _with()),
    "FIN-08": (_with(payment={"method": "wire", "payer_country": "HK"}), _with()),
    "FIN-09": (_with(parties=_buyer(owners=[{"name": "Nominee Services Ltd", "share": 100}])),
               _with(parties=_buyer(owners=[{"name": "Brenner Holding GmbH", "share": 100}]))),
    "FIN-10": (_with(parties=_buyer(email="brenner.orders@gmail.com")), _with(parties=_buyer(email="orders@brenner-fe.de"))),
    "CAS-01": (_with(items=[BENIGN_ITEM], route=[{"from": "IRAMD", "to": "RUMCX", "mode": "sea"}]),
               _with(items=[BENIGN_ITEM], route=[{"from": "KZAAU", "to": "AZBAK", "mode": "sea"}])),
    "CAS-02": (_with(route=[{"from": "MYPKG", "to": "DEHAM", "mode": "sea", "ais_gap_hours": 30}]),
               _with(route=[{"from": "MYPKG", "to": "DEHAM", "mode": "sea", "ais_gap_hours": 2}])),
    "CAS-03": (_with(items=[BENIGN_ITEM], route=[{"from": "IRBAZ", "to": "RUASF", "mode": "sea"}]),
               _with(items=[BENIGN_ITEM], route=[{"from": "RUASF", "to": "KZAAU", "mode": "sea"}])),
    "CAS-04": (_with(route=[{"from": "MYPKG", "to": "DEHAM", "mode": "sea", "vessel_imo": "9465746"}]),
               _with(route=[{"from": "MYPKG", "to": "DEHAM", "mode": "sea", "vessel_imo": "9578232"}])),
    "CAS-05": (_with(parties=[BASE["parties"][0], party("consignee", "Kama Kompozit OOO", "RU", "Territory of SEZ Alabuga, ul. Sh-2, Yelabuga, Republic of Tatarstan")]),
               _with(parties=[BASE["parties"][0], party("consignee", "Kama Kompozit OOO", "RU", "ul. Sverdlova 12, Kazan 420107")])),
    "OWN-01": (_with(parties=_buyer(owners=[{"name": "PJSC Promsvyazbank", "share": 60}])),
               _with(parties=_buyer(owners=[{"name": "PJSC Promsvyazbank", "share": 20}]))),
}

# Red flags no shipment field can show (the destination country's technical level).
NOT_DETECTABLE = {"KYC-03"}


def test_every_detectable_red_flag_has_a_rule_and_cases() -> None:
    table = {f["id"] for f in control_table("red_flags")["red_flags"]}
    rules = {r.id for r in load_rules()}
    assert rules == table - NOT_DETECTABLE
    assert set(CASES) == rules


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id: str, run: Any) -> None:
    fire, _ = CASES[rule_id]
    v = run(fire())
    assert rule_id in rule_ids(v), [(f.rule_id, f.evidence) for f in v.findings]
    flag = next(f for f in v.findings if f.rule_id == rule_id)
    assert flag.evidence and flag.basis  # says why, and on what authority


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_does_not_fire(rule_id: str, run: Any) -> None:
    _, quiet = CASES[rule_id]
    v = run(quiet())
    assert rule_id not in rule_ids(v), [(f.rule_id, f.evidence) for f in v.findings if f.rule_id == rule_id]


def test_rule_file_errors_are_located(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n- id: KYC-09\n  when: {no_such_predicate: {}}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"rule KYC-09: unknown predicate 'no_such_predicate'"):
        load_rules(bad)
    bad.write_text("rules:\n- id: KYC-09\n  when: {no_party: {wrong: 1}}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="no_party"):
        load_rules(bad)
    bad.write_text("rules:\n- id: XYZ-99\n  when: {no_party: {roles: [end_user]}}\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not a red flag"):
        load_rules(bad)


def test_ordinary_container_hubs_are_not_an_abnormal_route(run: Any) -> None:
    v = run(shipment(route=[{"from": "MYPKG", "to": "SGSIN", "mode": "sea"}, {"from": "SGSIN", "to": "DEHAM", "mode": "sea"}]))
    assert "KYC-10" not in rule_ids(v)


def test_business_words_are_whole_words(run: Any) -> None:
    toyota = [party(r, "Toyota Tsusho Europe S.A.", "BE", "Avenue du Bourget 60, 1140 Brussels")
              for r in ("buyer", "consignee", "end_user")]
    v = run(shipment(parties=toyota))
    assert not rule_ids(v) & {"KYC-02", "FIN-03"}


def test_every_lexicon_compiles() -> None:
    from uavscreen.rules import lexicon

    assert all(lexicon.lexicon(n).pattern for n in lexicon.names())
    assert lexicon.find("withheld_end_use", "Various") and not lexicon.find("withheld_end_use", "Sale to various shops")
