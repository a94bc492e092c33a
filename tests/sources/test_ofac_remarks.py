"""The OFAC remarks parser, on remark strings copied from the real SDN.CSV files."""

from __future__ import annotations

import pytest

from uavscreen.model import NameKind
from uavscreen.sources.ofac_remarks import (
    parse_birth_dates,
    parse_date,
    parse_remarks,
    split_statements,
)

GHOREISHI = (  # ent_num 39096, SDN.CSV 2024-05-03
    "DOB 27 Sep 1964; nationality Iran; Additional Sanctions Information - Subject to Secondary "
    "Sanctions; Gender Male; Passport D10003923 (Iran) expires 15 Aug 2023 to 15 Aug 2024; alt. Passport "
    "N42881363 (Iran) expires 10 Oct 2022; National ID No. 5929869741 (Iran); Linked To: MINISTRY OF "
    "DEFENSE AND ARMED FORCES LOGISTICS; Linked To: QODS AVIATION INDUSTRIES."
)
ARTAVIL = (  # ent_num 15036, SDN.CSV 2021-07-07
    "Former Vessel Flag Malta; alt. Former Vessel Flag Tuvalu; alt. Former Vessel Flag None Identified; "
    "alt. Former Vessel Flag Tanzania; Additional Sanctions Information - Subject to Secondary Sanctions; "
    "Vessel Registration Identification IMO 9187629; MMSI 572469210; f.k.a. 'ALPHA'; Linked To: NATIONAL "
    "IRANIAN TANKER COMPANY."
)
EP_GOL = (  # ent_num 15432
    "Aircraft Construction Number (also called L/N or S/N or F/N) 8305; Aircraft Manufacture Date 1991; "
    "Aircraft Model IL-76TD; Aircraft Operator YAS AIR; Aircraft Manufacturer's Serial Number (MSN) "
    "1013409297; Linked To: POUYA AIR."
)
KIMIA = (  # ent_num 33575
    "Additional Sanctions Information - Subject to Secondary Sanctions; National ID No. 10320661315 (Iran); "
    "Registration Number 47779 (Iran); alt. Registration Number 414950 (Iran); a.k.a. 'KIPAS'; a.k.a. "
    "'KIMIYA PARS SEBON'; a.k.a. 'KIMIA PARTS SIBON'; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS "
    "(IRGC)-QODS FORCE."
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("16 Sep 1983", "1983-09-16"), ("Sep 1983", "1983-09"), ("1962", "1962"), ("01 Jan 1960.", "1960-01-01"),
     ("2025-01-10T00:00:00", "2025-01-10"), ("03/28/2025", "2025-03-28"), ("31 Foo 1960", None), ("soon", None)],
)
def test_parse_date_keeps_precision(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_birth_dates_circa_and_ranges() -> None:
    circa = parse_birth_dates("circa 1957")
    assert [(d.value, d.circa, d.precision) for d in circa] == [("1957", True, "year")]
    span = parse_birth_dates("01 Jan 1960 to 31 Dec 1962")
    assert [(d.value, d.circa) for d in span] == [("1960-01-01", True), ("1962-12-31", True)]
    assert [d.value for d in parse_birth_dates("circa 1979-1982")] == ["1979", "1982"]
    assert parse_birth_dates("16 Sep 1983")[0].circa is False
    assert parse_birth_dates("unknown") == []


def test_statements_split_and_final_full_stop_dropped() -> None:
    assert split_statements("a.k.a. 'BNC'.") == ["a.k.a. 'BNC'"]
    assert split_statements("Linked To: X CO., LTD.; DOB 1962.") == ["Linked To: X CO., LTD.", "DOB 1962"]


def test_person_remarks() -> None:
    facts = parse_remarks(GHOREISHI)
    assert [d.value for d in facts.birth_dates] == ["1964-09-27"]
    assert facts.nationalities == ["IR"]
    assert facts.gender == "male"
    passports = [(i.value, i.country, i.note) for i in facts.identifiers if i.type == "passport"]
    assert passports == [("D10003923", "IR", "expires 15 Aug 2023 to 15 Aug 2024"),
                         ("N42881363", "IR", "expires 10 Oct 2022")]
    assert [(i.type, i.value) for i in facts.identifiers if i.type == "national_id"] == [
        ("national_id", "5929869741")]
    assert [link.text for link in facts.links] == ["MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS",
                                                   "QODS AVIATION INDUSTRIES"]
    assert facts.properties["additionalSanctionsInformation"] == ["Subject to Secondary Sanctions"]
    assert "remarks_other" not in facts.properties


def test_vessel_remarks() -> None:
    facts = parse_remarks(ARTAVIL)
    assert [(i.type, i.value) for i in facts.identifiers] == [("imo", "9187629"), ("mmsi", "572469210")]
    assert facts.properties["pastFlags"] == ["Malta", "Tuvalu", "None Identified", "Tanzania"]
    assert facts.aliases == [("ALPHA", NameKind.FORMER)]
    assert facts.links[0].text == "NATIONAL IRANIAN TANKER COMPANY"


def test_aircraft_remarks() -> None:
    facts = parse_remarks(EP_GOL)
    serials = {(i.type, i.value) for i in facts.identifiers}
    assert serials == {("aircraft_serial", "8305"), ("aircraft_serial", "1013409297")}
    assert facts.properties["aircraftModel"] == ["IL-76TD"]
    assert facts.properties["aircraftOperator"] == ["YAS AIR"]
    assert facts.properties["aircraftBuildDate"] == ["1991"]


def test_company_remarks_weak_aliases_and_registrations() -> None:
    facts = parse_remarks(KIMIA)
    assert facts.aliases == [("KIPAS", NameKind.WEAK_ALIAS), ("KIMIYA PARS SEBON", NameKind.WEAK_ALIAS),
                             ("KIMIA PARTS SIBON", NameKind.WEAK_ALIAS)]
    assert [(i.type, i.value, i.country) for i in facts.identifiers] == [
        ("national_id", "10320661315", "IR"), ("registration", "47779", "IR"), ("registration", "414950", "IR")]
    assert facts.links[0].text == "ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"


def test_several_aliases_in_one_statement() -> None:
    facts = parse_remarks("DOB circa 1957; a.k.a. 'YUSIF, Hajji'; a.k.a. 'ABU-AL-KARKH', 'Yusuf'.")
    assert [a for a, _ in facts.aliases] == ["YUSIF, Hajji", "ABU-AL-KARKH", "Yusuf"]


def test_misc_vocabulary() -> None:
    facts = parse_remarks(
        "SWIFT/BIC BMJIIRTH; Website www.bmi.ir; Email Address info@example.ir; citizen Russia; "
        "Company Number IMO 5426470; Digital Currency Address - XBT 1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V; "
        "Organization Established Date 01 Aug 2015; Target Type Government Entity; Member ETA; "
        "(Linked To: HAMAS)"
    )
    ids = {(i.type, i.value) for i in facts.identifiers}
    assert {("bic", "BMJIIRTH"), ("website", "www.bmi.ir"), ("email", "info@example.ir"),
            ("imo", "5426470"), ("other", "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V")} == ids
    assert facts.nationalities == ["RU"] and facts.citizenships == ["RU"]
    assert facts.properties["incorporationDate"] == ["01 Aug 2015"]
    assert facts.properties["targetType"] == ["Government Entity"]
    assert facts.properties["remarks_other"] == ["Member ETA"]
    assert facts.links[0].text == "HAMAS"


def test_unparseable_dob_is_kept_not_dropped() -> None:
    facts = parse_remarks("DOB early sixties")
    assert facts.birth_dates == []
    assert facts.properties["birthDateText"] == ["early sixties"]
