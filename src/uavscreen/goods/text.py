"""One normal form for invoice text, shared by the lexicon and the measurement patterns.

Invoices arrive in six scripts, with or without diacritics, Persian or Arabic letter
forms, Persian digits, zero-width non-joiners and every kind of hyphen.  Lexicon terms
go through the same function when the automaton is built, so a term and a line agree
whatever the typist did.  It is all ``str.translate`` and C-level calls: the goods
screen must do tens of thousands of lines a second on one core.
"""

from __future__ import annotations

import re
import unicodedata

_COMBINING = {cp: None for cp in range(0x3000)
              if unicodedata.combining(chr(cp))}
_FOLD = str.maketrans({
    "ı": "i", "ё": "е", "ي": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ـ": None,
    "\u200c": " ", "\u200d": None, "\u200b": None, "\u00a0": " ", "\u202f": " ",
    "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "/": " ", "_": " ",
    "،": " ", "؛": " ", "×": "x", "·": " ", "(": " ", ")": " ", "[": " ", "]": " ", "{": " ",
    "}": " ", ",": " ", ";": " ", ":": " ", "!": " ", "?": " ", '"': " ", "'": " ", "`": " ",
    "«": " ", "»": " ", "“": " ", "”": " ", "‘": " ", "’": " ", "、": " ", "，": " ", "；": " ",
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
})
_FOLD.update(_COMBINING)


_CJK_EDGE = re.compile(r"(?<=[\u2e80-\u9fff])(?=[^\u2e80-\u9fff\s])|(?<=[^\u2e80-\u9fff\s])(?=[\u2e80-\u9fff])")
_HAS_CJK = re.compile(r"[\u2e80-\u9fff]")


def normalise(text: str) -> str:
    """Case-folded, diacritics removed (after NFKD), letter variants unified, hyphens,
    slashes and punctuation (but '.', '+', '%') as spaces, a space between CJK and
    other scripts, whitespace collapsed: every word is preceded by a space or the start."""
    folded = unicodedata.normalize("NFKD", text).casefold().translate(_FOLD)
    if _HAS_CJK.search(folded):
        folded = _CJK_EDGE.sub(" ", folded)
    return " ".join(folded.split())


def is_cjk(ch: str) -> bool:
    """Han, kana and Hangul: scripts written without spaces between words."""
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def is_word_char(ch: str) -> bool:
    """A character that continues a word for boundary checks (CJK never does: a Latin
    term right after Chinese text still starts a word)."""
    return ch.isalnum() and not is_cjk(ch)
