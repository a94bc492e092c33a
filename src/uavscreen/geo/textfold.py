"""Spelling-tolerant keys for place names, and a whole-word gazetteer over free text.

Addresses name the same town as ``Berdyansk``, ``Berdiansk``, ``Бердянск`` or ``Бердянськ``.
ICU's ISO-9 transliteration (what ``normality`` uses) keeps Cyrillic letters distinct
(``я`` → ``a``) so it does not bring the Ukrainian and Russian romanisations together; the
practical romanisation below does (``я`` → ``ia``, ``х`` → ``kh``), and the folding after it
removes the usual variation (``kh/h``, ``y/i/j``, ``ye/ie/e``, doubled letters, apostrophes,
Ukrainian ``г`` = Latin ``h`` = Russian ``g``).  The same fold is applied to the gazetteer
and to the text, and matching is by whole tokens (Aho-Corasick), so ``Krymskaya ulitsa``
in Moscow does not match ``Krym``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

import ahocorasick

from uavscreen.names.keys import undoubled

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}
# Arabic-script letters that Persian writes differently (Arabic yeh/kaf → Persian forms).
_ARABIC = {"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه", "\u200c": " "}
_TRANS = str.maketrans({**_CYRILLIC, **_ARABIC, "'": "", "’": "", "ʼ": "", "`": "", "´": ""})
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_FOLDS = (
    ("shch", "S"), ("sch", "S"), ("kh", "x"), ("zh", "Z"), ("ch", "C"), ("sh", "S"), ("ts", "c"),
    ("h", "g"), ("y", "i"), ("j", "i"), ("w", "v"), ("ii", "i"), ("ie", "e"), ("ia", "a"), ("iu", "u"),
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """The spelling-tolerant key of one word (see the module docstring)."""
    t = _strip_marks(token.casefold()).translate(_TRANS)
    if t.isascii():
        for a, b in _LATIN_FOLDS:
            t = t.replace(a, b)
        t = undoubled(t)
    return t


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Fold every word of ``text`` and join them with single spaces."""
    return " ".join(fold_token(t) for t in _TOKEN.findall(text.translate(_TRANS)) if t)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One gazetteer name found in a text: the name as listed and what it stands for."""

    name: str
    value: T


class Gazetteer(Generic[T]):
    """Whole-word lookup of many names (any script) in free text, in one pass."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._automaton = ahocorasick.Automaton()
        keyed: dict[str, list[tuple[str, T]]] = {}
        for name, value in entries:
            key = fold(name)
            if key:
                keyed.setdefault(f" {key} ", []).append((name, value))
        for key, values in keyed.items():
            self._automaton.add_word(key, values)
        self._empty = not keyed
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str | None) -> Iterator[Hit[T]]:
        """Every listed name that occurs in ``text`` as whole words."""
        if not text or self._empty:
            return
        for _end, values in self._automaton.iter(f" {fold(text)} "):
            for name, value in values:
                yield Hit(name, value)
