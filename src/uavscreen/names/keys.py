"""Comparison keys for name tokens.

Two keys per ASCII token, both pure functions:

* ``phonetic_key`` folds the spelling differences romanisation standards and clerks
  introduce (kh/h, y/i/j, ph/f, ck/k, double letters, -iy/-ii/-y endings, ou/u, w/v …)
  and maps given-name variant families to one form (Mohammad/Muhammad/Mohamed,
  Hossein/Husayn, Yevgeny/Evgeniy: ``data/names/given_names.yaml``).  It is what
  candidate retrieval and the main token similarity use.
* ``skeleton_key`` keeps consonants only.  Arabic and Persian do not write short vowels,
  so ``محمد`` romanises to *mhmd*; its skeleton equals that of *Mohammad*.
"""

from __future__ import annotations

import gzip
import re
from functools import cache, lru_cache

import yaml

from uavscreen.data import DATA_DIR

# Ordered digraph folds; applied left to right on the lower-case token.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("sh", "s"), ("ch", "c"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("ck", "k"), ("ts", "c"), ("tz", "c"), ("qu", "k"), ("ou", "u"),
    ("oo", "u"), ("ee", "i"),
)
_LETTERS = str.maketrans({"y": "i", "j": "i", "w": "v", "q": "k", "x": "k", "z": "s", "c": "k"})
_DOUBLES = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiouy]")
_SKELETON_DROP = re.compile(r"[aeiouywv]")


@cache
def _given_name_variants() -> dict[str, str]:
    """variant spelling → canonical spelling, from the bundled table."""
    raw = gzip.decompress((DATA_DIR / "names" / "given_names.yaml.gz").read_bytes())
    table = yaml.safe_load(raw)
    out: dict[str, str] = {}
    for family in table["families"]:
        canon = family["canonical"]
        for variant in family["variants"]:
            out[variant] = canon
        out[canon] = canon
    return out


def canonical_given_name(token: str) -> str:
    return _given_name_variants().get(token, token)


@lru_cache(maxsize=300_000)
def phonetic_key(token: str) -> str:
    """Spelling-insensitive key of one lower-case ASCII token."""
    if token.isdigit():
        return token
    t = canonical_given_name(token)
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    t = t.translate(_LETTERS)
    t = _DOUBLES.sub(r"\1", t)
    # -iy / -ii / -ij endings (Dmitriy, Dmitrii, Dmitrij) → -i
    if len(t) > 3 and t.endswith("i") and t[-2] == "i":
        t = t[:-1]
    # word-final -h after a vowel is not pronounced (Fatemeh / Fatima, Abdallah / Abdalla)
    if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
        t = t[:-1]
    return t


@lru_cache(maxsize=300_000)
def skeleton_key(token: str) -> str:
    """Consonant skeleton of a token (for names romanised from Arabic or Persian)."""
    if token.isdigit():
        return token
    t = canonical_given_name(token)
    for a, b in _DIGRAPHS[:14]:
        if a in t:
            t = t.replace(a, b)
    t = t.translate(_LETTERS)
    t = _SKELETON_DROP.sub("", t)
    t = _DOUBLES.sub(r"\1", t)
    if len(t) > 1 and t.endswith("h"):
        t = t[:-1]
    return t


def has_vowels(token: str) -> bool:
    return bool(_VOWELS.search(token))
