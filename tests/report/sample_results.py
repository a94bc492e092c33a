"""Realistic screening results for the report tests, built from the model.

The verdicts mirror what screening produces for the typologies of the shared dev set
(Caspian corridor, a listed front with a hub and an Iranian end leg, ordinary trade) plus
one order whose every field is hostile markup."""

from __future__ import annotations

from uavscreen.model import Decision, Finding, Shipment, Verdict

LISTS = {"ofac_sdn": "2024-05-03", "un_sc": "2026-02-27", "uk_ofsi": "2025-04-14", "us_csl": "2022-05"}
XSS = '<script>alert("x")</script>'
XSS_IMG = '<img src="https://evil.example/x.png" onerror="alert(1)">'

Result = tuple[Shipment, Verdict]


def caspian() -> Result:
    shipment = Shipment.model_validate({
        "id": "FWD-CAS-25-0077", "date": "2025-04-23",
        "parties": [
            {"role": "buyer", "name": "Derbent Agro-Torg OOO", "country": "RU", "address": "ul. Gagarina 71, Derbent"},
            {"role": "consignee", "name": "Derbent Agro-Torg OOO", "country": "RU"},
            {"role": "freight_forwarder", "name": "Kaspiy Logistik OOO", "country": "RU"},
        ],
        "items": [{"description": "Fresh kiwifruit, class I, 10 kg cartons", "hs_code": "0810.50",
                   "quantity": 240000, "value": 168000, "currency": "USD", "origin_country": "IR"}],
        "route": [{"from": "IRAMD", "to": "RUMCX", "mode": "sea", "vessel_imo": "9127332"}],
        "payment": {"method": "wire", "payer_country": "RU"},
        "end_use": "Wholesale fruit distribution in the North Caucasus",
    })
    findings = [
        Finding("caspian_corridor", "high", "leg 1: IRAMD → RUMCX",
                "Sea leg from Bandar Amirabad (IR) to Makhachkala (RU) across the Caspian",
                ["EU Reg. 2023/1529 Art. 2a", "US NSC statement 2023-06-09"], "CAS-01",
                {"from": "IRAMD", "to": "RUMCX"}),
        Finding("red_flag", "high", "items", "Iranian-origin goods routed to a Russian Caspian port",
                ["FinCEN/BIS joint alert FIN-2023-NTC1"], "CAS-03"),
    ]
    return shipment, Verdict(shipment.id, Decision.REVIEW, findings, dict(LISTS))


def iran_via_hub() -> Result:
    shipment = Shipment.model_validate({
        "id": "PO-2024-0113", "date": "2024-03-02",
        "parties": [
            {"role": "buyer", "name": "Rah Roshd Company", "country": "AE", "address": "Jebel Ali Free Zone, Dubai"},
            {"role": "end_user", "name": "Qods Aviation Industries", "country": "IR", "address": "Tehran"},
        ],
        "items": [{"description": "STM32F407VGT6 microcontroller", "hs_code": "8542.31",
                   "manufacturer": "STMicroelectronics", "part_number": "STM32F407VGT6",
                   "quantity": 1000, "value": 12000.5, "currency": "USD", "origin_country": "CH"}],
        "route": [{"from": "DEHAM", "to": "AEJEA", "mode": "sea", "vessel_imo": "9283409"},
                  {"from": "AEJEA", "to": "IRBND", "mode": "sea", "vessel_imo": "9072197"}],
        "payment": {"method": "wire", "payer_country": "HK"},
    })
    findings = [
        Finding("party_match", "critical", "end_user: Qods Aviation Industries",
                "Confident match to OFAC SDN entry QODS AVIATION INDUSTRIES",
                ["OFAC SDN (IRAN, NPWMD)"], None,
                {"entity_id": "ofac_sdn:8977", "caption": "QODS AVIATION INDUSTRIES",
                 "query_name": "Qods Aviation Industries", "matched_name": "QODS AVIATION INDUSTRIES",
                 "score": 0.98, "match": True,
                 "explanation": [{"feature": "name_jaro_winkler", "score": 0.98,
                                  "detail": "qods aviation industries = qods aviation industries"},
                                 {"feature": "country", "score": 1.0, "detail": "IR = IR"}]}),
        Finding("embargoed_destination", "critical", "leg 2: AEJEA → IRBND",
                "Route leg ends in Iran (Bandar Abbas), a comprehensively embargoed country",
                ["31 CFR part 560", "EAR 746.7"]),
        Finding("controlled_item", "high", "item 1: STM32F407VGT6 microcontroller",
                "HS 854231 on the Common High Priority List, Tier 1", ["CHPL Tier 1", "EAR Supp. 7 to Part 746"]),
    ]
    return shipment, Verdict(shipment.id, Decision.BLOCK, findings, dict(LISTS))


def ordinary_trade() -> Result:
    shipment = Shipment.model_validate({
        "id": "PED-2025-004418", "date": "2025-02-26",
        "parties": [{"role": "buyer", "name": "Conecta Hogar Distribución S.L.", "country": "ES"}],
        "items": [{"description": "Wi-Fi 6 mesh router kits for home use", "hs_code": "8517.62",
                   "quantity": 6000, "value": 594000, "currency": "USD", "origin_country": "VN"}],
        "route": [{"from": "VNHPH", "to": "ESVLC", "mode": "sea", "vessel_imo": "9578232"}],
    })
    return shipment, Verdict(shipment.id, Decision.CLEAR, [], dict(LISTS))


def hostile() -> Result:
    shipment = Shipment.model_validate({
        "id": f'X-1"><svg onload=alert(1)>{XSS}',
        "parties": [{"role": "buyer", "name": XSS, "country": "TR", "address": XSS_IMG}],
        "items": [{"description": XSS_IMG, "hs_code": "=HYPERLINK(\"https://evil.example\")"}],
        "route": [{"from": "TRIST", "to": "GETBS", "mode": "air"}],
        "end_use": XSS,
    })
    findings = [Finding("red_flag", "medium", XSS, f"evidence {XSS_IMG}", [XSS], "KYC-03",
                        {"note": XSS})]
    return shipment, Verdict(shipment.id, Decision.REVIEW, findings, dict(LISTS))


def trans_pacific() -> Result:
    shipment = Shipment.model_validate({
        "id": "CO-JP-88", "route": [{"from": "COCTG", "to": "JPYOK", "mode": "sea"}]})
    return shipment, Verdict(shipment.id, Decision.CLEAR, [], dict(LISTS))
