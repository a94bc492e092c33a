"""Country names as official lists spell them → ISO 3166-1 alpha-2 codes.

Sanctions lists write countries in their own ways ("Iran (Islamic Republic of)",
"Korea, North", "Burma", "Palestinian", "Region: Gaza", "Crimea region of Ukraine").
Matching compares ISO codes, so every loader resolves list spellings here, through
rigour's territory names (which already know most list spellings) and pycountry, with a
small table for the few spellings neither knows.  Unresolvable names return None and the
loader keeps the original text, so nothing is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from rigour.territories import lookup_territory

#: List spellings rigour and pycountry do not resolve (lower-cased, whitespace-collapsed).
EXTRA_SPELLINGS: dict[str, str] = {
    "crimea region of ukraine": "UA",
    "region: crimea": "UA",
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
    territory = lookup_territory(text)
    if territory is not None:
        # Sub-national territories carry codes like "ge-ab": their country is the prefix.
        code = territory.code.split("-", 1)[0]
        if len(code) == 2:
            found = _valid_iso2(code)
            if found is not None:
                return found
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def country_codes(names: list[str]) -> list[str]:
    """Resolve several names, dropping those that do not resolve, keeping first-seen order."""
    out: list[str] = []
    for name in names:
        code = country_code(name)
        if code is not None and code not in out:
            out.append(code)
    return out
