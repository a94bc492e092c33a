"""Compiled word lists (``lexicons.yaml``) for reading free text in the rules.

Each entry is a regular-expression fragment anchored at the start of a word, so ``logisti``
finds Logistics, Logistik and Logística but not "biologist"; a list marked ``whole_words``
also anchors the end ("toys" must not find Toyota); entries in scripts written without spaces
(Chinese) match anywhere.  The lists are data, reviewed like the rules.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import yaml

_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _compile(entries: list[str], whole_words: bool = False) -> re.Pattern[str]:
    parts = []
    end = r"(?![^\W_])" if whole_words else ""
    for e in entries:
        if not isinstance(e, str):
            raise ValueError(f"lexicon entry {e!r} is not a string (quote regular expressions with ': ' in YAML)")
        parts.append(f"(?:{e})" if _NO_SPACE_SCRIPT.search(e) else rf"(?<![^\W_])(?:{e}){end}")
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


@cache
def _lexicons() -> dict[str, re.Pattern[str]]:
    text = resources.files("uavscreen.rules").joinpath("lexicons.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    out = {}
    for name, value in raw.items():
        if isinstance(value, dict):  # {whole_words: true, entries: [...]}
            out[name] = _compile(value["entries"], bool(value.get("whole_words")))
        else:
            out[name] = _compile(value)
    return out


def names() -> list[str]:
    """Every lexicon name."""
    return sorted(_lexicons())


def lexicon(name: str) -> re.Pattern[str]:
    """The compiled pattern of one lexicon (KeyError names the unknown lexicon)."""
    try:
        return _lexicons()[name]
    except KeyError:
        raise KeyError(f"unknown lexicon {name!r}; known: {', '.join(names())}") from None


@lru_cache(maxsize=65536)
def find(name: str, text: str | None) -> str | None:
    """The first phrase of lexicon ``name`` in ``text``, or None."""
    if not text:
        return None
    m = lexicon(name).search(text)
    return m.group(0) if m else None
