"""Which writing system a name is written in.

Loaders tag every :class:`~uavscreen.model.Name` with its dominant script so matching can
pick the right transliteration and so reports can show the original form."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Unicode character-name prefixes → script, in the names the model uses.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latin"),
    ("CYRILLIC", "Cyrillic"),
    ("ARABIC", "Arabic"),
    ("CJK", "Han"),
    ("HANGUL", "Hangul"),
    ("HIRAGANA", "Japanese"),
    ("KATAKANA", "Japanese"),
    ("GREEK", "Greek"),
    ("HEBREW", "Hebrew"),
    ("GEORGIAN", "Georgian"),
    ("ARMENIAN", "Armenian"),
    ("THAI", "Thai"),
    ("DEVANAGARI", "Devanagari"),
    ("MYANMAR", "Myanmar"),
    ("ETHIOPIC", "Ethiopic"),
)


@lru_cache(maxsize=65536)
def char_script(ch: str) -> str | None:
    """The script of one letter, or None for digits, punctuation and spaces."""
    if not ch.isalpha():
        return None
    if ch.isascii():
        return "Latin"
    name = unicodedata.name(ch, "")
    for prefix, script in _PREFIXES:
        if name.startswith(prefix):
            return script
    return "Other"


def detect_script(text: str) -> str:
    """The dominant script of ``text`` (most letters); ``Latin`` when it has no letters."""
    counts: dict[str, int] = {}
    for ch in text:
        s = char_script(ch)
        if s is not None:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return "Latin"
    return max(counts.items(), key=lambda kv: kv[1])[0]


def is_latin(text: str) -> bool:
    return detect_script(text) == "Latin"
