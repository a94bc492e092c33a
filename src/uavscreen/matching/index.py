"""Candidate retrieval over every name of every loaded list.

Recall first: a listed name is a candidate when any of its tokens shares a key with
the query — the same phonetic key, a key one deletion away (typos: SymSpell-style
deletion neighbourhoods), a key of two adjacent tokens joined (compounds), or, for a
query in Arabic script, the same consonant skeleton.  Each shared key adds the token's
rarity weight; the best-weighted names go on to full scoring (``score.py``).

The index is plain dicts of ints built from :class:`PreparedName` rows; each posting list
is also held as an int32 array, so the weights of a query's keys are summed in C (numpy)
rather than row by row.  Building it
means transliterating every listed name once (seconds); it is cached on disk as msgpack
(no pickle) keyed by the dataset's content and this module's version, so later starts
only rebuild the dicts from the stored rows.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import os
import tempfile
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import msgpack
import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from uavscreen.matching.score import UNKNOWN_WEIGHT
from uavscreen.model import Entity, NameKind
from uavscreen.names.keys import (
    BOUND_NAMES,
    bound_skeletons,
    phonetic_key,
    slavic_adjective_stem,
    with_article,
    without_glued_article,
)
from uavscreen.names.prepare import PreparedName, prepare_name, without_parentheses
from uavscreen.sources.base import Dataset
from uavscreen.sources.cache import cache_dir

log = logging.getLogger(__name__)

INDEX_VERSION = "6"
_MIN_DELETE_LEN = 4
_COMMON_DF = 1500  # keys in more names than this only count when nothing rarer matches
_LATIN_FRAME_LOOKUP_MIN = 4  # consonants of a Latin query word looked up by its consonant frame
_ADJECTIVE_FACTOR = 0.8  # weight of a key found by a Russian adjective's stem
_NEAR_CACHE_SIZE = 50_000  # query keys whose neighbourhoods are kept
_NEAREST_MIN = 0.6  # similarity of the words the nearest-word search returns
_FALLBACK_MIN_LEN = 6  # a word this long that no list has gets a nearest-word search (any length alone)
CANDIDATES = 60  # name rows retrieved per query reading
VOCABULARY_MIN = 500  # names (readings) an index needs for a word it lacks to be unusual


# Function words ("Zone of Industrial Production", "Bank for Foreign Trade", "De La
# Cruz") carry almost no identity, whatever their frequency in the lists.
FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "at", "by", "to", "de", "del", "dela",
                            "la", "le", "les", "du", "des", "und", "der", "die", "das", "i", "et", "fi"})


def _arrays(lists: dict[str, Sequence[int]]) -> dict[str, np.ndarray]:
    return {key: np.asarray(post, dtype=np.int32) for key, post in lists.items()}


_K = TypeVar("_K", bound=Hashable)
_T = TypeVar("_T")


def _kept(cache: dict[_K, _T], key: _K, value: _T) -> _T:
    """Store ``value`` in a per-query-word cache, emptied when it reaches
    ``_NEAR_CACHE_SIZE`` (a long-running service sees unbounded vocabularies)."""
    if len(cache) >= _NEAR_CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


def _nearest_five(word: str, words: list[str]) -> list[tuple[str, float]]:
    """The five of ``words`` most similar to ``word`` (at least ``_NEAREST_MIN``,
    counting a swap of two letters as one edit) and every other as similar as the
    fifth: which of several equally near words to keep is not this search's to guess."""
    found = process.extract(word, words, limit=20, score_cutoff=_NEAREST_MIN, scorer=OSA.normalized_similarity)
    if len(found) == 20 and found[-1][1] >= found[4][1]:  # (more ties than that: all of them)
        found = process.extract(word, words, limit=None, score_cutoff=_NEAREST_MIN, scorer=OSA.normalized_similarity)
    if len(found) > 5:
        fifth = found[4][1]
        found = [f for f in found if f[1] >= fifth]
    return [(w, sim) for w, sim, _ in found]


def _deletes(key: str) -> list[str]:
    return [key[:i] + key[i + 1:] for i in range(len(key))] if len(key) >= _MIN_DELETE_LEN else []


_FUNCTION_WORD_WEIGHT = 0.02


class _Weights(dict[str, float]):
    """Word → weight, ``UNKNOWN_WEIGHT`` for a word no list has."""

    def __missing__(self, key: str) -> float:
        return UNKNOWN_WEIGHT


@dataclass(slots=True)
class NameRow:
    entity: int
    kind: str
    prepared: PreparedName


@dataclass(frozen=True, slots=True, eq=False)
class Scope:
    """The parties a query may be (a vessel's name is not a person's): ``name`` (the
    query's schema) keys the caches, ``schemas`` are the listed schemas it is
    compatible with, ``rows`` says per name row whether its party has one of them."""

    name: str
    schemas: frozenset[str]
    rows: np.ndarray


class NameIndex:
    """Every listed name, prepared, with inverted indexes from keys to name rows."""

    def __init__(self, entities: list[Entity], rows: list[NameRow],
                 tables: dict[str, Any] | None = None) -> None:
        self.entities = entities
        self.rows = rows
        self.texts = [" ".join(row.prepared.phon) for row in rows]
        # a party's spellings of one reading (MVISION, OOO MVIZION) are retrieved as one:
        # only the first is in the posting lists, the others come with it
        self.spellings_of, self._readings = _spelling_groups(rows)
        # words per name: of names sharing the same query words, the one with fewest
        # other words ranks first ("Muhammad SAID" before "ATOM, Muhammad Said")
        self.lengths = np.fromiter((len(row.prepared.phon) for row in rows), dtype=np.int16, count=len(rows))
        self._log_n = math.log(max(self._readings, 1) + 1)
        self._near_cache: dict[str, list[tuple[np.ndarray, float]]] = {}
        self._respelt_cache: dict[str, list[str]] = {}
        self._nearest_cache: dict[tuple[str, str], list[tuple[str, float]]] = {}
        # the nearest-word search's vocabularies (see _vocabulary)
        self._word_schemas: dict[str, int] | None = None  # word key → a bit per schema of its parties
        self._schema_bits: dict[str, int] = {}
        self._spelt: dict[str, str] | None = None  # listed word as spelt → its key
        self._by_initial: dict[tuple[str, bool], list[str]] | None = None
        self._vocabularies: dict[tuple[str, int, bool], tuple[list[str], list[int]]] = {}
        if tables is None:
            tables = self._build(rows)
        # posting lists as int32 arrays, so a query's weights are summed in C (numpy);
        # all at once (~0.05 s; converting them on first use cost a fresh process more),
        # and only as arrays: the lists are gone once converted
        self.postings = _arrays(tables["postings"])
        self.skeletons = _arrays(tables["skeletons"])
        self.deletes: Mapping[str, Sequence[str]] = tables["deletes"]  # (tuples when read from the cache)
        self.weights: dict[str, float] = tables["weights"]
        # every word's weight as the scorer asks for it (function words all but ignored)
        self._word_weights = _Weights(self.weights)
        self._word_weights.update(dict.fromkeys(FUNCTION_WORDS, _FUNCTION_WORD_WEIGHT))

    def _build(self, rows: list[NameRow]) -> dict[str, Any]:
        """The tables of :meth:`tables`, from the prepared names."""
        postings: dict[str, list[int]] = {}
        skeletons: dict[str, list[int]] = {}
        deletes: dict[str, list[str]] = {}
        df: dict[str, int] = {}
        for r, row in enumerate(rows):
            if r in self.spellings_of and not self.spellings_of[r]:
                continue  # (another spelling of a row before it)
            p = row.prepared
            keys = set(p.phon)
            keys.update(a + b for a, b in zip(p.phon, p.phon[1:], strict=False))
            for k in sorted(keys):  # sorted: the index never depends on hash order
                postings.setdefault(k, []).append(r)
            for k in set(p.phon):
                df[k] = df.get(k, 0) + 1
            for s in sorted(set(p.skel)):
                if len(s) >= 2:
                    skeletons.setdefault(s, []).append(r)
            sk = "".join(p.skel)
            if len(sk) >= 3:
                skeletons.setdefault("|" + sk, []).append(r)
        for k in postings:
            for d in _deletes(k):
                deletes.setdefault(d, []).append(k)
        return {"postings": postings, "skeletons": skeletons, "deletes": deletes,
                "weights": {k: self._idf(v) for k, v in df.items()}}

    def tables(self) -> dict[str, Any]:
        """The index as plain lists and dicts, for the on-disk cache."""
        return {"postings": {k: v.tolist() for k, v in self.postings.items()},
                "skeletons": {k: v.tolist() for k, v in self.skeletons.items()},
                "deletes": self.deletes, "weights": self.weights}

    def has_vocabulary(self) -> bool:
        """Whether the index holds enough names (``VOCABULARY_MIN`` readings) for a word
        it lacks to be unusual: not so for one record's names (``compare``)."""
        return self._readings >= VOCABULARY_MIN

    def _idf(self, df: int) -> float:
        return max(0.15, math.log((self._readings + 1) / (df + 0.5)) / self._log_n)

    def prepare_fallbacks(self) -> None:
        """Gather what the nearest-word search needs (every listed word as spelt, the
        schemas of each word's parties, the words by initial): ~0.2 s, better at load
        than on a query."""
        self._words_by_initial()
        self._schemas_of_words()

    def prepare_vocabularies(self, scope: Scope) -> None:
        """Sort out the nearest-word search's vocabularies of the parties of ``scope``,
        for every initial, keys and words as spelt."""
        for initial, spelt in list(self._words_by_initial()):
            self._vocabulary(initial, scope, spelt)

    def _spellings(self) -> dict[str, str]:
        """Every listed word as spelt (romanised, before the phonetic fold) → its key."""
        if self._spelt is None:
            spelt: dict[str, str] = {}
            for row in self.rows:
                for t, k in zip(row.prepared.tokens, row.prepared.phon, strict=True):
                    spelt.setdefault(t, k)
            self._spelt = spelt
        return self._spelt

    def _schemas_of_words(self) -> dict[str, int]:
        """Per word key, a bit for each schema of the parties whose names hold it."""
        if self._word_schemas is None:
            bits: dict[str, int] = {}
            word_schemas: dict[str, int] = {}
            for row in self.rows:
                schema = self.entities[row.entity].schema
                bit = bits.get(schema)
                if bit is None:
                    bit = bits[schema] = 1 << len(bits)
                for k in row.prepared.phon:
                    word_schemas[k] = word_schemas.get(k, 0) | bit
            # (built whole, then shown, the bits first: a service runs queries in threads)
            self._schema_bits = bits
            self._word_schemas = word_schemas
        return self._word_schemas

    def _vocabulary(self, initial: str, scope: Scope | None, spelt: bool) -> tuple[list[str], list[int]]:
        """The listed words (keys, or ``spelt`` words) with ``initial`` of the parties of
        ``scope``, shortest first (in the order the lists hold them within a length),
        with their lengths; kept per initial and scope."""
        bits = -1
        if scope is not None:
            self._schemas_of_words()
            bits = 0
            for schema in scope.schemas:
                bits |= self._schema_bits.get(schema, 0)
        found = self._vocabularies.get((initial, bits, spelt))
        if found is None:
            words = self._words_by_initial().get((initial, spelt), [])
            if scope is not None:
                schemas, spellings = self._schemas_of_words(), self._spellings()
                words = [w for w in words if schemas.get(spellings[w] if spelt else w, 0) & bits]
            words = sorted(words, key=len)
            found = self._vocabularies[(initial, bits, spelt)] = (words, [len(w) for w in words])
        return found

    def _words_by_initial(self) -> dict[tuple[str, bool], list[str]]:
        """Every listed key (``False``) and word as spelt (``True``) by initial."""
        if self._by_initial is None:
            groups: dict[tuple[str, bool], list[str]] = {}
            for is_spelt, source in ((False, list(self.weights)), (True, list(self._spellings()))):
                for w in source:
                    groups.setdefault((w[:1], is_spelt), []).append(w)
            self._by_initial = groups  # (built whole, then shown: a service runs queries in threads)
        return self._by_initial

    def _near_length(self, word: str, scope: Scope | None, spelt: bool) -> list[str]:
        """The words of :meth:`_vocabulary` whose length allows a similarity of
        ``_NEAREST_MIN`` to ``word``: the C search then skips the rest."""
        words, lengths = self._vocabulary(word[:1], scope, spelt)
        # (1 - edits / longer length >= _NEAREST_MIN, edits >= the length difference;
        # rounded outwards: a word more at either end is only searched, never lost)
        n = len(word)
        lo, hi = math.floor(n * _NEAREST_MIN), math.ceil(n / _NEAREST_MIN)
        return words[bisect_left(lengths, lo):bisect_right(lengths, hi)]

    def word_weights(self) -> Mapping[str, float]:
        """:meth:`weight` of every word as a mapping: its ``__getitem__`` is a C call,
        and the scorer asks for hundreds of weights a query."""
        return self._word_weights

    def weight(self, key: str, post: np.ndarray | None = None) -> float:
        """A key's informativeness: its word weight; for a listed key that is not a word
        (two words joined) the rarity of its posting list ``post`` ("ahmadmuhamad" is in
        hundreds of names: as an unknown word it outranked a rare surname found with one
        slip); else the weight of an unknown word."""
        w = self._word_weights.get(key)
        if w is None:
            return self._idf(len(post)) if post is not None else UNKNOWN_WEIGHT
        return w

    # ------------------------------------------------------------------ retrieval
    def _postings(self, key: str) -> np.ndarray | None:
        """The posting list of ``key`` as an int32 array."""
        return self.postings.get(key)

    def _skeleton(self, key: str) -> np.ndarray | None:
        return self.skeletons.get(key)

    def _neighbours(self, k: str) -> list[tuple[np.ndarray, float]]:
        """(posting list, weight) of every listed key within one edit of the query key
        ``k``, in visiting order: the key itself, one letter more, one letter less, one
        letter changed.  Kept per key (query words repeat: given names, legal words)."""
        found = self._near_cache.get(k)
        if found is not None:
            return found
        deletes = self.deletes
        visits: list[tuple[str, float]] = [(k, 1.0)]
        visits += [(near, 0.8) for near in deletes.get(k, ())]  # listed key is the query key + 1 letter
        for d in _deletes(k):
            visits.append((d, 0.8))                               # listed key is the query key - 1 letter
            visits += [(near, 0.7) for near in deletes.get(d, ())]  # one substitution
        found = []
        seen: set[str] = set()
        postings = self.postings
        for key, factor in visits:  # (a few hundred: one loop, no closure call per visit)
            if key not in seen:
                post = postings.get(key)
                if post is not None:
                    seen.add(key)
                    found.append((post, factor * self.weight(key, post)))
        return _kept(self._near_cache, k, found)

    def _respelt(self, token: str, key: str) -> list[str]:
        """Listed keys of the query word ``token`` (key ``key``, which no list has) with
        two adjacent letters swapped, that one edit of ``key`` does not reach: the
        phonetic fold can turn one swap into several edits (TESKOV / TSEKOV read
        "teskov" / "kekov"; ADBULLAH / ABDULLAH, "adbula" / "abdala").  Dropping a letter
        instead found nothing more in ``bench/typo_recall.py``.  Kept per token (``key`` is
        its phonetic key, so the token alone names the result)."""
        found = self._respelt_cache.get(token)
        if found is not None:
            return found
        found = []
        if len(token) >= _MIN_DELETE_LEN:
            for i in range(len(token) - 1):
                k = phonetic_key(token[:i] + token[i + 1] + token[i] + token[i + 2:])
                if k != key and k in self.postings and k not in found and OSA.distance(k, key) > 1:
                    found.append(k)
        return _kept(self._respelt_cache, token, found)

    def _nearest(self, word: str, scope: Scope | None, spelt: bool) -> list[tuple[str, float]]:
        """The listed keys nearest the unknown query word (:func:`_nearest_five`) that
        one edit does not reach, with their similarity; among the words of the parties of
        ``scope`` only, or the nearest would often be persons' words for a vessel's name.
        ``word`` is a key, or with ``spelt`` the word as spelt, compared with the listed
        words as spelt: the phonetic fold can put a typing slip's word far from its
        listed word (KAHLOLI keeps its k, KHALILI reads "halili"; KOTSON reads "kokon",
        KOSTIN "kostin").  Kept per word and scope: the search is the dearest step of
        retrieval (~0.1 ms) and a service sees the same misspellings again."""
        cache_key = (("=" if spelt else "") + word, scope.name if scope else "")
        found = self._nearest_cache.get(cache_key)
        if found is not None:
            return found
        spellings = self._spellings()
        best: dict[str, float] = {}
        for w, sim in _nearest_five(word, self._near_length(word, scope, spelt)):
            key = spellings[w] if spelt else w
            # (keys one edit away are counted with the neighbours; a word one slip away as
            # spelt may have a key two edits away, SHYON / SHOON read "sion" / "sun": the
            # caller keeps what the neighbours miss)
            if (spelt or OSA.distance(word, w) > 1) and sim > best.get(key, 0.0):
                best[key] = sim
        return _kept(self._nearest_cache, cache_key, list(best.items()))

    def candidates(self, q: PreparedName, limit: int = CANDIDATES, scope: Scope | None = None) -> list[int]:
        """Name rows sharing keys with the query, best-weighted first.

        Each shared key adds its weight to every row of its posting list.  The sums are
        taken with numpy over the concatenated lists, in the order the keys are visited,
        and ties are broken by that order (first visit first), so the result is the
        same as adding row by row into an insertion-ordered dict: it never depends on
        set or hash order.  With a ``scope``, only the names of its parties: a vessel's
        name is not crowded out by the persons and companies that share its words."""
        sums = _Sums()

        def add_skeleton(s: str, factor: float) -> None:
            # (a skeleton by the rarity of its own posting list: it is not a word)
            post = self._skeleton(s)
            if post is not None:
                sums.add(post, factor * self._idf(len(post)))

        keys = list(q.phon) + [a + b for a, b in zip(q.phon, q.phon[1:], strict=False)]
        unknown: list[str] = []  # query words no list has: misspelt, or not listed
        for n_key, k in enumerate(keys):
            sums.add_all(self._neighbours(k))
            if n_key < len(q.phon) and k not in self.weights:
                unknown.append(k)
                # two listed names glued in the other order (INCESAMET / Samet INCE)
                for i in range(3, len(k) - 2) if len(k) >= 6 else ():
                    unglued = self._postings(k[i:] + k[:i])
                    if unglued is not None:
                        sums.add(unglued, self.weight(k[i:] + k[:i], unglued))
                for key in self._respelt(q.tokens[n_key], k):
                    respelt = self._postings(key)
                    sums.add(respelt, 0.8 * self.weight(key, respelt))
        # a Russian adjective is also looked for by its stem, the word a list translating
        # the name writes (MOSKOVSKIY / MOSCOW)
        # and a name with the Arabic article joined (ALHAKIM) by the name without it
        for t in q.tokens:
            for stem, factor in ((slavic_adjective_stem(t), _ADJECTIVE_FACTOR), (without_glued_article(t), 1.0)):
                if stem is not None:
                    sums.add_all(self._neighbours(phonetic_key(stem)), factor)
        # lists write persons surname first or last: two adjacent words joined in the
        # other order count too (exact key only)
        for a, b in zip(q.phon, q.phon[1:], strict=False):
            swapped = self._postings(b + a)
            if swapped is not None:
                sums.add(swapped, self.weight(b + a, swapped))
        if q.script != "Latin" or any(not any(ch in "aeiou" for ch in t) for t in q.tokens):
            for s in sorted(set(q.skel)):
                if len(s) >= 2:
                    add_skeleton(s, 0.7)
            sk = "".join(q.skel)
            if len(sk) >= 3:
                sums.add(self._skeleton("|" + sk), 1.0)
        else:
            # two romanisations of one word may differ in two vowels (MAFKHAMI /
            # Mofakhami): a long consonant frame retrieves what one edit cannot
            for s in sorted(set(q.skel)):
                if len(s) >= _LATIN_FRAME_LOOKUP_MIN:
                    add_skeleton(s, 0.5)
        # an Arabic compound name that lists write as one word (ضياء الحق, Zia ul Haq /
        # ZIAULHAQ), by the whole name's skeleton
        for i in range(1, len(q.skel)) if len(q.skel) <= 3 else ():
            if q.tokens[i] in BOUND_NAMES:
                for joined in bound_skeletons(q.skel[i - 1], q.skel[i]):
                    whole = "".join((*q.skel[:i - 1], joined, *q.skel[i + 1:]))
                    if len(whole) >= 3:
                        sums.add(self._skeleton("|" + whole), 1.0)
                compound = with_article(q.tokens[i - 1], q.tokens[i])
                if compound is not None:
                    key = phonetic_key(compound)
                    sums.add(self._postings(key), self.weight(key))
        if not sums.found():
            unknown = [max(q.phon, key=len)]
        # a word no list has may be misspelt twice (HAMIIRAVARI for HAMIDIRAVARI, KYIMIAN
        # for KARIMIAN, NRAVA for NARVAL), and what one edit finds is then some other
        # word.  Look for its nearest known words by brute force in C, counting a swap of
        # two letters as one edit (OSA).  Typos seldom hit the first letter: search among
        # the indexed words of its initial only (a few thousand, ~0.1 ms in C).  The
        # longest such word only; in a name of several words only a long one (short
        # words are too often another word two edits away).  Both by its key and as
        # spelt, among the words of the parties the query may be.
        if unknown:
            k = max(unknown, key=len)
            token = q.tokens[q.phon.index(k)]
            min_len = 4 if len(q.phon) == 1 or not sums.found() else _FALLBACK_MIN_LEN
            nearest: dict[str, float] = {}
            if len(k) >= min_len:
                nearest.update(self._nearest(k, scope, spelt=False))
            if len(token) >= min_len:  # (and as spelt)
                for key, sim in self._nearest(token, scope, spelt=True):
                    if key != k and OSA.distance(k, key) > 1 and sim > nearest.get(key, 0.0):
                        nearest[key] = sim
            for key, sim in nearest.items():
                sums.add(self._postings(key), sim * self.weight(key))
        else:
            # a slip that turned a word into another listed word's key (SHYON reads
            # "sion", a listed key; its listed word SHOON reads "sun"): a word no list
            # spells is still looked for as spelt, when it is long
            spellings = self._spellings()
            unspelt = [(t, k) for t, k in zip(q.tokens, q.phon, strict=True)
                       if len(t) >= _FALLBACK_MIN_LEN and t not in spellings]
            if unspelt:
                token, k = max(unspelt, key=lambda tk: len(tk[0]))
                for key, sim in self._nearest(token, scope, spelt=True):
                    if key != k and OSA.distance(k, key) > 1:
                        sums.add(self._postings(key), sim * self.weight(key))
        rows, first, score = sums.totals(scope)
        if not len(rows):
            return []
        if len(rows) > limit:
            # only rows scoring at least the limit-th best can be in the result: sort those
            # (ties at the cut included, so the order is the full sort's)
            cut = np.partition(score, len(score) - limit)[len(score) - limit]
            keep = score >= cut
            rows, first, score = rows[keep], first[keep], score[keep]
        order = np.lexsort((first, self.lengths[rows], -score))[:limit]
        result: list[int] = rows[order].tolist()
        if self.spellings_of and not self._spellings().keys() >= set(q.tokens):
            # (other spellings of a reading matter when the query spells a word as no list
            # does: a slip is then nearer one of them)
            result += [o for r in result for o in self.spellings_of.get(r, ())]
        return result


class _Sums:
    """The posting lists a query's keys retrieve, with their weights; those of keys in
    more than ``_COMMON_DF`` names apart (they only add to rows retrieved otherwise)."""

    def __init__(self) -> None:
        self.parts: list[np.ndarray] = []
        self.weights: list[float] = []
        self.common: list[tuple[float, np.ndarray]] = []

    def add(self, post: np.ndarray | None, w: float) -> None:
        if post is None or not len(post):
            return
        if len(post) > _COMMON_DF:
            self.common.append((w, post))
            return
        self.parts.append(post)
        self.weights.append(w)

    def add_all(self, found: list[tuple[np.ndarray, float]], factor: float = 1.0) -> None:
        """Each (posting list, weight) of ``found`` (a key's neighbours), the weight times
        ``factor``."""
        for post, w in found:
            self.add(post, factor * w)

    def found(self) -> bool:
        """Whether any key retrieved a row."""
        return bool(self.parts or self.common)

    def totals(self, scope: Scope | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The retrieved rows (of the parties of ``scope``), each with its first position
        in the visiting order and its summed weight (see :func:`_summed`); the common
        keys' weights added to the rows the others retrieved."""
        parts, weights, common = self.parts, self.weights, self.common
        if not parts and common:
            # only very common keys matched (e.g. a bare "Mohammad"): score the rows
            # that share the most of them, in a bounded way
            rarest = sorted(common, key=lambda x: len(x[1]))[:2]
            parts, weights, common = [post[:5000] for _, post in rarest], [w for w, _ in rarest], []
        if not parts:
            nothing = np.zeros(0, dtype=np.int64)
            return nothing, nothing, np.zeros(0)
        rows, first, score = _summed(parts, weights)
        if scope is not None:  # only names of the parties the query may be
            keep = scope.rows[rows]
            rows, first, score = rows[keep], first[keep], score[keep]
        for w, post in common:  # common keys only add to rows already retrieved
            pos = np.searchsorted(rows, post)
            inside = pos < len(rows)
            pos = pos[inside]
            score[pos[rows[pos] == post[inside]]] += w
        return rows, first, score


def _summed(parts: list[np.ndarray], weights: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of the posting lists ``parts`` (each sorted, no row twice), each row's
    first position in their concatenation, and the sum of the ``weights`` of the parts
    holding it.  One stable sort of the concatenation does what ``np.unique`` (with its
    index and inverse) and a ``bincount`` did, in fewer numpy calls: a query sums a few
    dozen short lists, so the calls' overhead is most of the cost."""
    if len(parts) == 1:
        rows = parts[0]
        return rows, np.arange(len(rows)), np.full(len(rows), weights[0])
    ids = np.concatenate(parts)
    order = ids.argsort(kind="stable")
    ranked = ids[order]
    new_row = np.concatenate(([True], ranked[1:] != ranked[:-1]))
    starts = np.flatnonzero(new_row)
    inverse = np.empty(len(ids), dtype=np.intp)
    inverse[order] = np.cumsum(new_row) - 1
    # (bincount adds each row's weights one by one in visiting order, as the sums always
    # were; a reduction such as np.add.reduceat adds long runs pairwise, a last bit off)
    repeated = np.repeat(np.asarray(weights), [len(p) for p in parts])
    return ranked[starts], order[starts], np.bincount(inverse, weights=repeated, minlength=len(starts))


# ---------------------------------------------------------------------- building & cache
def name_rows(entities: Iterable[Entity]) -> list[NameRow]:
    rows: list[NameRow] = []
    for e_idx, e in enumerate(entities):
        seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        for n in e.names:
            kind = n.kind.value if isinstance(n.kind, NameKind) else str(n.kind)
            for value in _name_forms(n.value):
                p = prepare_name(value, e.schema, n.script)
                # one row per spelling: the scorer compares words as spelt too (a slip
                # in OOO MVIZIYN is one letter from OOO MVIZION, two from MVISION,
                # though all three read "mvision")
                key = (p.phon, p.tokens)
                if not p.phon or key in seen:
                    continue
                seen.add(key)
                rows.append(NameRow(e_idx, kind, p))
    return rows


def _spelling_groups(rows: Sequence[NameRow]) -> tuple[dict[int, tuple[int, ...]], int]:
    """The rows of a party that spell one reading of a name (the same keys; a short
    word as spelt, since an acronym is not folded: GCS is not GKS), and how many
    readings there are.  Returns {first row: its other spellings' rows, other row: ()}
    for the readings spelt more than one way."""
    first: dict[tuple[int, tuple[str, ...], tuple[str, ...]], int] = {}
    groups: dict[int, list[int]] = {}
    for r, row in enumerate(rows):
        p = row.prepared
        key = (row.entity, p.phon, tuple(t for t in p.tokens if len(t) <= 3))
        head = first.setdefault(key, r)
        if head != r:
            groups.setdefault(head, []).append(r)
    out: dict[int, tuple[int, ...]] = {}
    for head, others in groups.items():
        out[head] = tuple(others)
        out.update(dict.fromkeys(others, ()))
    return out, len(first)


def _name_forms(value: str) -> list[str]:
    """A listed name, and the same name without what it holds in parentheses when that
    leaves a name (:func:`without_parentheses`)."""
    stripped = without_parentheses(value)
    return [value, stripped] if stripped is not None else [value]


@cache
def code_fingerprint() -> str:
    """sha256 over the code and tables that turn a name into keys (``names/``, this module,
    ``data/names/``): an upgraded normaliser never reads an index built by the old one."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(INDEX_VERSION.encode())
    # (this module by its source: compiled, ``__file__`` is the extension)
    files = [root / "matching" / "index.py", *sorted((root / "names").glob("*.py")),
             *sorted((root / "data" / "names").glob("*"))]
    for f in files:
        h.update(f.name.encode() + b"\x00" + f.read_bytes())
    return h.hexdigest()


def dataset_key(dataset: Dataset) -> str:
    """Content key of a dataset's index: ids and names of every entity, and the code
    fingerprint."""
    h = hashlib.sha256(code_fingerprint().encode())
    for e in dataset.entities:
        h.update(e.id.encode())
        for n in e.names:
            h.update(b"\x00" + n.value.encode())
    return h.hexdigest()[:32]


def _cache_path(key: str) -> Path:
    return cache_dir() / f"name-index-{key}.msgpack.z"


def _dump(index: NameIndex) -> bytes:
    flat = [[r.entity, r.kind, p.original, p.script, p.tokens, p.phon, p.skel, p.forms]
            for r in index.rows for p in (r.prepared,)]
    return zlib.compress(msgpack.packb({"rows": flat, **index.tables()}, use_bin_type=True), 1)


def _load(raw: bytes, entities: list[Entity]) -> NameIndex:
    gc.disable()  # millions of small containers: the cyclic GC only slows decoding
    try:
        data = msgpack.unpackb(zlib.decompress(raw), raw=False, use_list=False, strict_map_key=False)
        rows = [NameRow(e, k, PreparedName(o, s, t, ph, sk, f)) for e, k, o, s, t, ph, sk, f in data["rows"]]
    finally:
        gc.enable()
    return NameIndex(entities, rows, tables=data)


def build_index(dataset: Dataset, use_cache: bool = True) -> NameIndex:
    """The name index of ``dataset``, from the on-disk cache when it holds this content."""
    key = dataset_key(dataset)
    path = _cache_path(key)
    if use_cache and path.exists():
        try:
            return _load(path.read_bytes(), dataset.entities)
        except Exception as exc:  # noqa: BLE001 - a bad cache is rebuilt, never fatal
            log.warning("ignoring unreadable name-index cache %s: %s", path, exc)
    index = NameIndex(dataset.entities, name_rows(dataset.entities))
    if use_cache:
        _store(path, _dump(index))
    return index


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not write name-index cache %s: %s", path, exc)
