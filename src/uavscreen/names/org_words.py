"""English readings of the generic words of Russian, Ukrainian, Persian, Arabic and
Chinese organisation names.

Lists give a Russian body's name in translation as often as in transliteration: OFSI
writes "ООО СОВРЕМЕННЫЙ МОРСКОЙ АРКТИЧЕСКИЙ ТРАНСПОРТ СПГ", OFAC "LIMITED LIABILITY
COMPANY MODERN MARINE ARCTIC TRANSPORT SPG".  A query is therefore also read with its
generic words (state, enterprise, marine, research …) in English, and the distinctive
words (SPG, Tsargrad, Topaz) as they are.  The table (``data/names/org_words.yaml``)
holds romanised stems, so one entry serves every case ending and both the Cyrillic and
the transliterated spelling (and the Latin spellings of Arabic and Persian generic words,
KATAIB / brigades, MAJLIS / council, the same way); Arabic-script words whole; Chinese
words as they are written (they are replaced in the name before it is read in pinyin)."""

from __future__ import annotations

import gzip
from functools import cache, lru_cache

import yaml

from uavscreen.data import DATA_DIR
from uavscreen.names.translit import ascii_tokens

_MIN_STEM = 4
_MAX_ENDING = 4  # letters after the stem: case and gender endings (-ogo, -aya, -iye)


@cache
def _table() -> dict[str, dict[str, str]]:
    """The bundled table: ``words`` (romanised stems), ``arabic_script``, ``han``."""
    data: dict[str, dict[str, str]] = yaml.safe_load(
        gzip.decompress((DATA_DIR / "names" / "org_words.yaml.gz").read_bytes()))
    return data


@cache
def _stems() -> dict[str, tuple[str, ...]]:
    return {str(stem): tuple(str(en).split()) for stem, en in _table()["words"].items()}


@cache
def _arabic_script_words() -> dict[str, tuple[str, ...]]:
    """Romanised Arabic-script word (as ``prepare_name`` romanises it) → English words.
    A word ending in ة is entered in both its readings (-at and -a)."""
    out: dict[str, tuple[str, ...]] = {}
    for word, en in _table()["arabic_script"].items():
        forms = [word[:-1] + "ت", word[:-1] + "ا"] if word.endswith("ة") else [word]
        for form in forms:
            out["".join(ascii_tokens(form, "Arabic"))] = tuple(str(en).split())
    return out


@cache
def _han_words() -> tuple[tuple[str, str], ...]:
    """(Chinese word, English), longest first, so 进出口 goes before 出口 would; an empty
    English for words the lists leave out (市, city)."""
    return tuple(sorted(((str(k), str(v or "")) for k, v in _table()["han"].items()), key=lambda kv: -len(kv[0])))


def han_in_english(name: str) -> str | None:
    """A Chinese organisation name with its generic words in English (the rest stays in
    Chinese, read in pinyin), or None when it has none: 沈忠國際海運 → 沈忠 international
    shipping."""
    out = name
    for han, en in _han_words():
        if han in out:
            out = out.replace(han, f" {en} ")
    return out if out != name else None


@lru_cache(maxsize=100_000)
def english_words(token: str, script: str = "Latin") -> tuple[str, ...] | None:
    """The English word(s) for a generic word of an organisation's name: a romanised
    Russian or Ukrainian one by its stem (gosudarstvennoye → state, nauchno →
    scientific), a romanised Arabic-script one as a whole word (grwh, گروه → group);
    else None."""
    if script == "Arabic":
        return _arabic_script_words().get(token)
    stems = _stems()
    for k in range(len(token), max(_MIN_STEM, len(token) - _MAX_ENDING) - 1, -1):
        en = stems.get(token[:k])
        if en is not None:
            return en
    return None
