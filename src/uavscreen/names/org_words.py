"""English readings of the generic words of Russian and Ukrainian organisation names.

Lists give a Russian body's name in translation as often as in transliteration: OFSI
writes "ООО СОВРЕМЕННЫЙ МОРСКОЙ АРКТИЧЕСКИЙ ТРАНСПОРТ СПГ", OFAC "LIMITED LIABILITY
COMPANY MODERN MARINE ARCTIC TRANSPORT SPG".  A query is therefore also read with its
generic words (state, enterprise, marine, research …) in English, and the distinctive
words (SPG, Tsargrad, Topaz) as they are.  The table (``data/names/org_words.yaml``)
holds romanised stems, so one entry serves every case ending and both the Cyrillic and
the transliterated spelling."""

from __future__ import annotations

import gzip
from functools import cache, lru_cache

import yaml

from uavscreen.data import DATA_DIR

_MIN_STEM = 4
_MAX_ENDING = 4  # letters after the stem: case and gender endings (-ogo, -aya, -iye)


@cache
def _stems() -> dict[str, tuple[str, ...]]:
    raw = gzip.decompress((DATA_DIR / "names" / "org_words.yaml.gz").read_bytes())
    return {str(stem): tuple(str(en).split()) for stem, en in yaml.safe_load(raw)["words"].items()}


@lru_cache(maxsize=100_000)
def english_words(token: str) -> tuple[str, ...] | None:
    """The English word(s) for a romanised Russian or Ukrainian generic word
    (gosudarstvennoye → state, nauchno → scientific), or None."""
    stems = _stems()
    for k in range(len(token), max(_MIN_STEM, len(token) - _MAX_ENDING) - 1, -1):
        en = stems.get(token[:k])
        if en is not None:
            return en
    return None
