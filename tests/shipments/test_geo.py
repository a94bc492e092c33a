"""Regions from addresses, ports, the Caspian corridor and IMO numbers."""

from __future__ import annotations

import pytest

from uavscreen.geo import corridor, ports, regions
from uavscreen.geo.countries import UnknownCountry, check_country, in_category
from uavscreen.geo.textfold import fold
from uavscreen.geo.vessels import InvalidIMO, is_valid_imo, normalise_imo, vessel_index


@pytest.mark.parametrize(("address", "country", "code"), [
    ("ul. Kievskaya 77, Simferopol, Republic of Crimea 295017", "UA", "UA-43"),
    ("г. Симферополь, ул. Киевская 77", "RU", "UA-43"),
    ("м. Сімферополь, вул. Київська 77", None, "UA-43"),
    ("Yevpatoriya, ul. Frunze 3", "RU", "UA-43"),
    ("Євпаторія", "UA", "UA-43"),
    ("ул. Большая Морская 21, г. Севастополь 299011", "RU", "UA-40"),
    ("ul. Artyoma 120, Donetsk, Donetsk People's Republic", "RU", "UA-14"),
    ("Горлівка, вул. Пушкінська 1", "UA", "UA-14"),
    ("Mariupol, prospekt Mira 5", "RU", "UA-14"),
    ("ул. Оборонная 2, Луганск, ЛНР", "RU", "UA-09"),
    ("Sievierodonetsk, Luhansk oblast", "UA", "UA-09"),
    ("prospekt Bohdana Khmelnytskoho 24, Melitopol, Zaporizhzhia oblast", "UA", "UA-23"),
    ("ул. Свободы 12, Бердянск", "RU", "UA-23"),
    ("Berdiansk, Zaporizhzhia oblast", "UA", "UA-23"),
    ("Enerhodar", "UA", "UA-23"),
    ("Энергодар, Запорожская область", "RU", "UA-23"),
    ("Nova Kakhovka, Kherson oblast", "UA", "UA-65"),
    ("Новая Каховка", "RU", "UA-65"),
    ("Генічеськ, Херсонська область", "UA", "UA-65"),
    ("Tokmak, Zaporizhzhia oblast", None, "UA-23"),
    ("Donetsk, Donetsk region", "UA", "UA-14"),            # the city, then its oblast
])
def test_sanctioned_regions_recognised_in_any_spelling(address: str, country: str | None, code: str) -> None:
    hits = regions.sanctioned_regions(address, country)
    assert [h.region.code for h in hits if h.region] == [code]


@pytest.mark.parametrize(("address", "country"), [
    ("Krymskaya ul. 5, Moscow 119049", "RU"),                # a street named after Crimea
    ("Sevastopolsky prospekt 28, Moscow", "RU"),
    ("ul. Lenina 5, Donetsk, Rostov oblast 346330", "RU"),   # Donetsk in Russia
    ("Tokmok, Chui region 722200", "KG"),
    ("Tokmak, Chui region", "KG"),                            # ambiguous name, other country
    ("Primorsk, Leningrad oblast", "RU"),
    ("Zaporizhzhia, Sobornyi prospekt 1", "UA"),              # the oblast's free capital
    ("Kherson, vul. Ushakova 3", "UA"),
    ("vul. Haharina 5, Kramatorsk, Donetsk oblast", "UA"),  # free part of the oblast
    ("Sloviansk, Donetsk region 84100", "UA"),
    ("Industriestraße 14, 70565 Stuttgart", "DE"),
])
def test_places_of_the_same_name_elsewhere_are_not_regions(address: str, country: str) -> None:
    assert regions.sanctioned_regions(address, country) == []


def test_embargoed_country_named_by_the_address_whatever_the_code() -> None:
    assert regions.countries_in("No. 18, Sepahan Industrial Estate, Isfahan", "AE") == {"IR"}
    assert regions.countries_in("خیابان آزادی، تهران", None) == {"IR"}
    assert regions.countries_in("Calle 23, Vedado, La Habana", "PA") == {"CU"}
    assert regions.countries_in("Shiraz Wine Bar, 12 High St, Melbourne", "AU") == set()


def test_fold_brings_ukrainian_russian_and_latin_spellings_together() -> None:
    assert fold("Бердянськ") == fold("Бердянск") == fold("Berdyansk") == fold("Berdiansk")
    assert fold("Енергодар") == fold("Энергодар") == fold("Enerhodar")


def test_ports_by_locode_with_coordinates() -> None:
    p = ports.lookup("KZ AAU")
    assert (p.unlocode, p.country, p.caspian) == ("KZAAU", "KZ", True)
    assert ports.coordinates("IRAMD") == pytest.approx((36.78, 53.35), abs=0.05)
    assert ports.lookup("IRAMD").designations  # EU Art. 2a port list
    unknown = ports.lookup("FRPAR")
    assert (unknown.known, unknown.country, unknown.lat) == (False, "FR", None)
    assert ports.coordinates("XXXXXX") is None
    with pytest.raises(ports.InvalidLocode):
        ports.lookup("ZZABC")
    assert {p.country for p in ports.caspian_ports()} >= {"IR", "RU", "KZ", "AZ", "TM"}


@pytest.mark.parametrize(("legs", "origins", "expected"), [
    ([("IRAMD", "RUMCX")], [], 1),
    ([("RUOLY", "IRBAZ")], [], 1),                        # either direction
    ([("IRNSH", "RUASF")], ["IR"], 1),
    ([("TMKRW", "RUMCX")], ["IR"], 1),                   # Iranian goods reaching a Russian Caspian port
    ([("TMKRW", "RUMCX")], ["TM"], 0),
    ([("KZAAU", "AZBAK")], ["CN"], 0),                   # Middle Corridor
    ([("RUMCX", "AZBAK")], ["RU"], 0),
    ([("IRBND", "AEJEA")], ["IR"], 0),                    # Gulf, not Caspian
])
def test_caspian_corridor(legs: list[tuple[str, str]], origins: list[str], expected: int) -> None:
    assert len(corridor.caspian_corridor(legs, origins)) == expected


def test_imo_check_digit() -> None:
    assert is_valid_imo("9465746") and is_valid_imo("IMO 8861058")
    assert not is_valid_imo("9465747") and not is_valid_imo("946574")
    with pytest.raises(InvalidIMO, match="check digit"):
        normalise_imo("9465747")
    with pytest.raises(InvalidIMO, match="7 digits"):
        normalise_imo("94657")


def test_listed_vessels_found_by_imo_in_the_real_lists(screener) -> None:  # type: ignore[no-untyped-def]
    idx = vessel_index(screener.dataset)
    assert any(e.id == "ofac_sdn:25368" for e in idx.lookup("9465746"))  # AVANG, IRISL
    assert idx.lookup("9578232") == []  # an ordinary container ship


def test_countries_and_categories() -> None:
    assert check_country("ae") == "AE"
    with pytest.raises(UnknownCountry):
        check_country("XX")
    assert in_category("IR", "comprehensive_embargo")
    assert in_category("UA-40", "comprehensive_embargo")  # Sevastopol via related code of Crimea
    assert not in_category("DE", "transshipment_risk")
