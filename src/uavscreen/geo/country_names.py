"""Country names as official lists spell them → ISO 3166-1 alpha-2 codes.

Sanctions lists write countries in their own ways ("Iran (Islamic Republic of)",
"Korea, North", "Burma", "Palestinian", "Region: Gaza", "Crimea region of Ukraine").
Matching compares ISO codes, so every loader resolves list spellings here: pycountry
knows the ISO names, official names and common names; a small table adds the list
spellings it does not know.  (rigour's territory lookup knows more spellings but builds
its index in ~4 s per process, too slow for a loader.)  Unresolvable names (cities,
"undetermined") return None and the loader keeps the original text, so nothing is lost.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pycountry

#: List spellings pycountry does not resolve (lower-cased, whitespace-collapsed).
EXTRA_SPELLINGS: dict[str, str] = {
    "russia": "RU",
    "iran (islamic republic of)": "IR",
    "korea, north": "KP",
    "korea, south": "KR",
    "north korea": "KP",
    "south korea": "KR",
    "burma": "MM",
    "syria": "SY",
    "brunei": "BN",
    "macau": "MO",
    "hongkong": "HK",
    "uae": "AE",
    "bahamas, the": "BS",
    "the gambia": "GM",
    "gambia, the": "GM",
    "man, isle of": "IM",
    "cote d ivoire": "CI",
    "congo, democratic republic of the": "CD",
    "congo, republic of the": "CG",
    "north macedonia, the republic of": "MK",
    "palestinian authority": "PS",
    "region: northern mali": "ML",
    # UN and UK (OFSI/FCDO) spellings
    "democratic republic of the congo": "CD",
    "congo (democratic republic)": "CD",
    "china, hong kong special administrative region": "HK",
    "china, macao special administrative region": "MO",
    "state of palestine": "PS",
    "palestine": "PS",
    "occupied palestinian territories": "PS",
    "occupied palestinian territory": "PS",
    "palestinian territories": "PS",
    "bosnia-herzegovina": "BA",
    "guinea bissau": "GW",
    "uk": "GB",
    "britain": "GB",
    "dprk": "KP",
    "crimea": "UA",
    "crimea region of ukraine": "UA",
    "region: crimea": "UA",
    "region: gaza": "PS",
    "region: west bank": "PS",
    "possibly palestinian": "PS",
    "macedonia, the former yugoslav republic of": "MK",
    "cabo verde": "CV",
    "cape verde": "CV",
    "region: kherson": "UA",
    "region: zaporizhzhia": "UA",
    "region: donetsk": "UA",
    "region: luhansk": "UA",
    "kosovo": "XK",
    "west bank": "PS",
    "gaza": "PS",
    "palestinian": "PS",
    "netherlands antilles": "CW",
    "serbia and montenegro": "RS",
    "yugoslavia": "RS",
    "zaire": "CD",
    "ussr": "RU",
    "soviet union": "RU",
    "czechoslovakia": "CZ",
    "east timor": "TL",
    "swaziland": "SZ",
    "macedonia": "MK",
    "the former yugoslav republic of macedonia": "MK",
    "turkey": "TR",
    "türkiye": "TR",
}

_SPACES = re.compile(r"\s+")
_SAINT = re.compile(r"^St\.?\s+")


def _valid_iso2(code: str) -> str | None:
    code = code.upper()
    if code == "XK" or pycountry.countries.get(alpha_2=code) is not None:
        return code
    return None


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as a list spells it, or None."""
    if not name:
        return None
    text = _SPACES.sub(" ", name).strip().strip(".")
    if not text:
        return None
    key = text.lower()
    if key in EXTRA_SPELLINGS:
        return EXTRA_SPELLINGS[key]
    if len(text) == 2 and text.isalpha():
        return _valid_iso2(text)
    for candidate in (text, _SAINT.sub("Saint ", text).replace(" & ", " and ")):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_2)
        except LookupError:
            continue
    return None


def country_codes(names: list[str]) -> list[str]:
    """Resolve several names, dropping those that do not resolve, keeping first-seen order."""
    out: list[str] = []
    for name in names:
        code = country_code(name)
        if code is not None and code not in out:
            out.append(code)
    return out


@cache
def country_words() -> frozenset[str]:
    """Countries whose name is one lower-case word (iran, uzbekistan, ukraine, russia),
    for name matching, which asks of every unaligned word whether it is a country."""
    words = {k for k in EXTRA_SPELLINGS if k.isalpha()}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and value.isalpha():
                words.add(value.lower())
    return frozenset(words)
