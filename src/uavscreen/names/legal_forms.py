"""Legal forms (LLC, OOO, Sherkat, Co. Ltd, Tic. Ltd. Şti. …) found and removed from
the tokens of an organisation name, so they neither create nor block a match.

The phrase table is data (``data/names/legal_forms.yaml``); removal is longest-match
first over token sequences, so "San. ve Tic. Ltd. Şti." goes as one phrase."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import cache, lru_cache

import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from uavscreen.data import DATA_DIR
from uavscreen.names.keys import phonetic_key


@cache
def _phrases() -> tuple[dict[tuple[str, ...], int], int]:
    raw = gzip.decompress((DATA_DIR / "names" / "legal_forms.yaml.gz").read_bytes())
    forms = yaml.safe_load(raw)["forms"]
    table = {tuple(str(f).split()): 1 for f in forms}
    return table, max(len(k) for k in table)


@cache
def _phrase_keys() -> frozenset[tuple[str, ...]]:
    """The phrases by the phonetic keys of their words: romanisations of one form differ
    word by word (OGRANICHENNOI OTVETSTVENNOSTYU, ogranichennoy otvetstvennostyu)."""
    return frozenset(tuple(phonetic_key(w) for w in phrase) for phrase in _phrases()[0])


@cache
def _form_words() -> tuple[str, ...]:
    """Every word of the phrase table, sorted: the nearest-word search keeps the first of
    equally near words, and a set's order changes with every process (hash seed), which
    made the index, and so the scores, differ from one build to the next."""
    return tuple(sorted({w for phrase in _phrases()[0] for w in phrase}))


@cache
def _form_word_set() -> frozenset[str]:
    return frozenset(_form_words())


@lru_cache(maxsize=100_000)
def _as_form_word(token: str, loose: bool = False) -> str:
    """The legal-form word ``token`` is a misspelling of, else ``token`` itself.

    Strict (alone a word is taken for a legal form): one edit from 5 letters, two from 8
    ("Liited Liabilty Compnay").  Loose (only where the rest of the phrase, or the place
    at the end of the name, already says legal form): one edit from 4 letters, two from
    6 ("JINT STOCK COMPANY", "ADMINCHECK LIMIYE")."""
    words = _form_word_set()
    if token in words or len(token) < (4 if loose else 5):
        return token
    if token[-1] == "s" and token[:-1] in words:
        return token  # a plural is a word of the name (GUARD CORPS), legal forms have none
    cutoff = 1 if len(token) < (6 if loose else 8) else 2
    best = process.extractOne(token, _form_words(), scorer=OSA.distance, score_cutoff=cutoff)
    return str(best[0]) if best else token


def legal_form_positions(tokens: Sequence[str]) -> set[int]:
    """Positions of the tokens that belong to a legal-form phrase (longest match first,
    misspelt forms included).  Empty when a name is nothing but legal-form words: then
    they are its name."""
    table, longest = _phrases()
    strict = [_as_form_word(t) for t in tokens]
    loose = [_as_form_word(t, loose=True) for t in tokens]
    keys = [phonetic_key(t) for t in tokens]
    found: set[int] = set()
    i, n = 0, len(tokens)
    while i < n:
        for size in range(min(longest, n - i), 0, -1):
            if _is_form(table, strict, loose, keys, tokens, i, size):
                found.update(range(i, i + size))
                i += size
                break
        else:
            i += 1
    return found if len(found) < n else set()


_LONG_FORM_WORD = 7  # a misspelt last word is read as a legal form only for long form words (limited, company)


def _is_form(table: dict[tuple[str, ...], int], strict: list[str], loose: list[str], keys: list[str],
             tokens: Sequence[str], i: int, size: int) -> bool:
    """Whether ``tokens[i:i + size]`` is a legal-form phrase: spelt as one (``strict``), or
    by the phonetic ``keys`` of its words.  A loosely read misspelling
    counts inside a phrase of which one word is spelt exactly, or as the name's last word
    when it reads as a long form word with a letter more or fewer."""
    if tuple(strict[i:i + size]) in table:
        return True
    if size >= 2 and tuple(keys[i:i + size]) in _phrase_keys():
        return True
    phrase = tuple(loose[i:i + size])
    if phrase not in table:
        return False
    if size >= 2:
        return any(loose[k] == tokens[k] for k in range(i, i + size))
    # the name's last word, a letter dropped or added besides a slip (CMOPAN, LIMIYE):
    # not two letters changed in a word of the same length (COMMAND is not COMPANY)
    word = phrase[0]
    return (i == len(tokens) - 1 and i > 0 and len(word) >= _LONG_FORM_WORD
            and len(tokens[i]) != len(word))


def split_legal_forms(tokens: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(name tokens without legal forms, the legal-form tokens found)."""
    forms = legal_form_positions(tokens)
    return (tuple(t for i, t in enumerate(tokens) if i not in forms),
            tuple(t for i, t in enumerate(tokens) if i in forms))
