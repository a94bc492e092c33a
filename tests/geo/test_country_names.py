"""Country spellings as they appear in the real lists resolve to ISO alpha-2."""

from __future__ import annotations

import pytest

from uavscreen.geo.country_names import country_code, country_codes


@pytest.mark.parametrize(
    ("spelling", "iso2"),
    [
        ("Iran", "IR"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Korea, North", "KP"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Burma", "MM"),
        ("Syria", "SY"),
        ("Palestinian", "PS"),
        ("Region: Gaza", "PS"),
        ("Crimea region of Ukraine", "UA"),
        ("United Arab Emirates", "AE"),
        ("Hong Kong", "HK"),
        ("Kosovo", "XK"),
        ("Turkey", "TR"),
        ("ir", "IR"),
    ],
)
def test_list_spellings(spelling: str, iso2: str) -> None:
    assert country_code(spelling) == iso2


@pytest.mark.parametrize("junk", ["", "   ", "undetermined", "ZZ", None])
def test_unknown_is_none(junk: str | None) -> None:
    assert country_code(junk) is None


def test_codes_dedupe_keep_order() -> None:
    assert country_codes(["Iran", "Russia", "Iran (Islamic Republic of)", "nowhere"]) == ["IR", "RU"]


@pytest.mark.parametrize(
    ("spelling", "iso2"),
    [("St. Kitts & Nevis", "KN"), ("St. Vincent and the Grenadines", "VC"),
     ("Macedonia, The Former Yugoslav Republic of", "MK"), ("Congo, Democratic Republic of the", "CD")],
)
def test_saint_and_comma_spellings(spelling: str, iso2: str) -> None:
    assert country_code(spelling) == iso2
