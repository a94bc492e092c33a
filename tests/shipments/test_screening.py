"""One verdict per shipment under the default policy, and under a policy of one's own."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.shipments.conftest import BASE, BENIGN_ITEM, kinds, party, shipment
from uavscreen.errors import InputError
from uavscreen.model import Decision, Shipment
from uavscreen.rules.policy import Policy, PolicyError
from uavscreen.screening import screen

REPO = Path(__file__).resolve().parents[2]


def _trio(name: str, country: str | None, address: str) -> list[dict[str, Any]]:
    return [party(r, name, country, address) for r in ("buyer", "consignee")]


@pytest.mark.parametrize(("raw", "decision", "kind"), [
    # comprehensive embargo: country, region by address whatever the code, route end
    (shipment(parties=_trio("Havana Agua S.A.", "CU", "Calle 23, Vedado, La Habana"), items=[BENIGN_ITEM]),
     "BLOCK", "embargoed_destination"),
    (shipment(parties=_trio("Tavrida Stroi OOO", "RU", "ул. Киевская 77, Симферополь"), items=[BENIGN_ITEM]),
     "BLOCK", "sanctioned_region"),
    (shipment(parties=_trio("Donbass Agro OOO", None, "ul. Artyoma 120, Donetsk, DNR"), items=[BENIGN_ITEM]),
     "BLOCK", "sanctioned_region"),
    (shipment(items=[BENIGN_ITEM], route=[{"from": "AEJEA", "to": "IRBND", "mode": "sea"}]),
     "BLOCK", "embargoed_destination"),
    # occupied area under partial restrictions
    (shipment(parties=_trio("Tavriya Energo OOO", "UA", "Melitopol, Zaporizhzhia oblast"), items=[BENIGN_ITEM]),
     "REVIEW", "sanctioned_region"),
    # listed parties and vessels
    (shipment(parties=[*BASE["parties"], party("ordering_bank", "PJSC Promsvyazbank", "RU", "Moscow")]),
     "BLOCK", "party_match"),
    (shipment(items=[BENIGN_ITEM], route=[{"from": "CNTAO", "to": "AEJEA", "mode": "sea", "vessel_imo": "9465746"}]),
     "BLOCK", "vessel_match"),
    (shipment(parties=_trio("Fast Aviation", "TR", "Yeşilköy Mah., Bakırköy, İstanbul"), items=[BENIGN_ITEM]),
     "REVIEW", "party_match"),                                    # BIS Unverified List: non-blocking
    (shipment(parties=[party("buyer", "Reza Khaki", "TR", "Bağcılar, İstanbul")], items=[BENIGN_ITEM]),
     "REVIEW", "party_match"),                                    # listed person's name, no birth date
    (shipment(parties=_trio("Farhad Ghaedi Wholesalers L.L.C.", "AE", "Al Ras, Deira, Dubai"), items=[BENIGN_ITEM]),
     "BLOCK", "party_match"),                                     # SDN front, its own country
    # controlled goods: hubs, Russia, Caspian
    (shipment(parties=_trio("Wing Fat Components Trading Co., Limited", "HK", "Kwai Chung, N.T., Hong Kong")),
     "REVIEW", "transshipment_risk"),
    (shipment(parties=_trio("Volna Priborsnab OOO", "RU", "Kantemirovskaya ul. 39, St Petersburg")),
     "REVIEW", "controlled_item"),
    (shipment(parties=[party("buyer", "Ala-Too Remont OsOO", "KG", "prospekt Chui 154, Bishkek")],
              route=[{"from": "CNSZX", "to": "KGFRU", "mode": "air"}]),
     "REVIEW", "transshipment_risk"),                              # only a buyer named: its country counts
    (shipment(parties=_trio("Naif Measurement Tools Trading LLC", "AE", "Naif Road, Deira, Dubai"),
              items=[{"description": "Digital storage oscilloscopes, 4 channels, 350 MHz", "hs_code": "9030.20",
                      "quantity": 12, "value": 96000, "origin_country": "MY"}],
              payment={"method": "cash", "payer_country": "AE"}),
     "REVIEW", "transshipment_risk"),                              # CHPL code whose entry names the goods
    (shipment(items=[{**BENIGN_ITEM, "origin_country": "IR"}], route=[{"from": "IRAMD", "to": "RUMCX", "mode": "sea"}],
              parties=_trio("Derbent Agro-Torg OOO", "RU", "ul. Gagarina 71, Derbent")),
     "REVIEW", "caspian_corridor"),
])
def test_decisions(raw: dict[str, Any], decision: str, kind: str, run: Any) -> None:
    v = run(raw)
    assert v.decision.value == decision, [(f.kind, f.rule_id, f.evidence) for f in v.findings]
    assert kind in kinds(v)


@pytest.mark.parametrize("raw", [
    shipment(),                                                                        # allied end user, CHPL MCUs
    shipment(items=[BENIGN_ITEM], parties=_trio("Gulf Pantry Foodstuff LLC", "AE", "Al Quoz, Dubai")),  # hub, benign
    shipment(items=[BENIGN_ITEM], parties=_trio("Farmalogistika OOO", "RU", "ul. Kulakova 20, Moscow")),
    shipment(items=[{"description": "USB-C GaN wall chargers 65 W, retail boxed", "hs_code": "8504.40",
                     "quantity": 100, "value": 800, "origin_country": "CN"}],
             parties=_trio("Anadolu Teknoloji Mağazacılık A.Ş.", "TR", "Ataşehir, İstanbul")),
    shipment(items=[BENIGN_ITEM], route=[{"from": "KZAAU", "to": "AZBAK", "mode": "sea"}]),
    shipment(items=[{"description": "Tempered glass phone screen protectors", "hs_code": "8517.62",
                     "quantity": 10000, "value": 9000, "origin_country": "CN"}],
             parties=_trio("Anadolu Teknoloji Mağazacılık A.Ş.", "TR", "Ataşehir, İstanbul")),  # wrong CHPL code
    shipment(parties=[party("buyer", "Mohammad Reza Mohammadi", "DE", "Aachener Straße 231, Köln", birth_date="1986-03-02")],
             items=[BENIGN_ITEM]),                                                     # SDN name, other person
    shipment(parties=_trio("Alpha Rubber Products GmbH", "DE", "Wuppertal"), items=[BENIGN_ITEM]),
])
def test_clear_cases_stay_clear(raw: dict[str, Any], run: Any) -> None:
    v = run(raw)
    assert v.decision is Decision.CLEAR, [(f.kind, f.rule_id, f.evidence) for f in v.findings]
    assert not kinds(v) & {"party_match", "embargoed_destination", "sanctioned_region", "transshipment_risk"}


def test_verdict_explains_itself(run: Any) -> None:
    v = run(shipment(parties=[*BASE["parties"], party("ordering_bank", "PJSC Promsvyazbank", "RU", "Moscow")]))
    hit = next(f for f in v.findings if f.kind == "party_match")
    assert hit.severity == "critical" and hit.details["classification"] == "confident" and hit.details["blocking"]
    assert "ordering_bank" in hit.subject and hit.basis and "Promsvyazbank".lower() in hit.evidence.lower()
    assert v.lists and all(len(d) >= 7 for d in v.lists.values())   # list versions used
    assert v.policy == "default"


def test_a_country_no_listing_names_makes_a_company_match_possible(screener: Any) -> None:
    """Even when the matcher's country feature stays neutral, a declared country that none of
    the listings names is a disagreement."""
    from dataclasses import replace

    from uavscreen.rules.checks.parties import _classify, _Query

    found = next(h for h in screener.match_party("Ghods Aviation Industries", countries=["IR"])
                 if h.entity.id == "uk_ofsi:16138")          # the UK listing says Iran
    neutral = replace(found, features={**found.features, "country": 0.0})
    policy = Policy.load()
    assert _classify(policy, _Query("Ghods Aviation Industries GmbH", None, "DE", None, []), neutral, {}) == "possible"
    assert _classify(policy, _Query("Ghods Aviation Industries", None, "IR", None, []), neutral, {}) == "confident"


def test_a_listed_owner_is_reviewed_not_blocked(run: Any) -> None:
    ps = [dict(p) for p in BASE["parties"]]
    ps[0]["owners"] = [{"name": "PJSC Promsvyazbank", "share": 60}]
    v = run(shipment(parties=ps))
    assert v.decision is Decision.REVIEW
    owner = next(f for f in v.findings if f.kind == "party_match")
    assert owner.details["owner_of"] == "Brenner Fahrzeugelektronik GmbH" and not owner.details["blocking"]
    assert "OWN-01" in {f.rule_id for f in v.findings}


@pytest.mark.parametrize(("raw", "where"), [
    (shipment(route=[{"from": "CNTAO", "to": "AEJEA", "vessel_imo": "9465747"}]), "route[0].vessel_imo"),
    (shipment(payment={"method": "wire", "payer_country": "XX"}), "payment.payer_country"),
    (shipment(items=[{**BENIGN_ITEM, "hs_code": "0000.00"}]), "items[0].hs_code"),
])
def test_bad_values_are_located_errors_not_misses(raw: dict[str, Any], where: str, screener: Any) -> None:
    with pytest.raises(InputError, match=rf"shipment T-1, field {re.escape(where)}"):
        screen(screener, Shipment.model_validate(raw))


def test_a_policy_of_ones_own(tmp_path: Path, screener: Any) -> None:
    raw = yaml.safe_load((REPO / "src/uavscreen/rules/policy.yaml").read_text(encoding="utf-8"))
    raw["name"] = "strict"
    raw["decision"]["REVIEW"].append({"kind": "controlled_item"})     # every controlled item is reviewed
    path = tmp_path / "strict.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    strict = Policy.load(path)
    v = screen(screener, Shipment.model_validate(shipment()), strict)
    assert (v.decision, v.policy) == (Decision.REVIEW, "strict")
    assert screen(screener, Shipment.model_validate(shipment())).decision is Decision.CLEAR


def test_policy_errors_say_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "p.yaml"
    p.write_text("name: x\nparty_matching: {}\njurisdictions: {}\ndecision: {BLOCK: [{kind: nonsense}]}\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="nonsense"):
        Policy.load(p)
    p.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid YAML"):
        Policy.load(p)
    monkeypatch.setenv("UAVSCREEN_POLICY", str(tmp_path / "missing.yaml"))
    with pytest.raises(PolicyError, match="missing.yaml"):
        Policy.load()
