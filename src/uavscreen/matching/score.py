"""Scoring one query against one listed entity, with the explanation.

Name similarity aligns the tokens of the two names order-insensitively (best pairs
first), compares each pair by spelling (phonetic key) and, across scripts, by consonant
skeleton, joins split compounds (Abdul Rahman / Abdulrahman), and weighs every token by
how rare it is in the lists, so common words (Trading, Company, Mohammad) count little.
Unaligned middle names of persons cost little (lists add or drop patronymics).

The entity score blends that name score with the other evidence:

``score = 0.85 * name + 0.15 * support`` where ``support`` starts at 0.5 and moves with
birth-date, country and identifier agreement or conflict, and schema incompatibility
scales the whole.  Exact name + agreeing birth year ≈ 0.96, exact name alone ≈ 0.92,
a close spelling variant ≈ 0.85, so scores rank and do not pile up at 1.0.  An exact
strong identifier (IMO, passport, BIC, registration number) gives ≥ 0.99.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, DamerauLevenshtein, Levenshtein

from uavscreen.geo.country_names import country_words
from uavscreen.names.keys import (
    BOUND_NAMES,
    bound_skeletons,
    canonical_given_name,
    has_patronymic_ending,
    has_vowels,
    is_given_name,
    patronymic_family,
    phonetic_key,
    slavic_adjective_stem,
    slavic_adjective_town,
    with_article,
    without_glued_article,
)
from uavscreen.names.prepare import ABD, ACRONYM_OPTIONAL, PreparedName

MATCH_THRESHOLD = 0.755
"""A hit is flagged ``match`` at or above this score (see docs/matching.md)."""

NAME_WEIGHT = 0.85
_PAIR_MIN = 0.55          # token pairs less similar than this are not aligned
_MIDDLE_NAME_COST = 0.3   # share of an unaligned listed person token that counts
_MIDDLE_NAMES_CAP = 0.3  # one side's unaligned middle names together cost at most one full-weight name
_BOUND_NAME_COST = 0.7  # unaligned name after an aligned "abd"
_QUERY_EXTRA_COST = 0.7   # share of an unaligned query person token that counts
_EXTRA_LISTED_WORD_COST = 0.4  # organisation words only the listed name has, query fully aligned
_OUTER_NAME_COST = 0.3    # unaligned person token before/after the aligned ones
_SKELETON_DISCOUNT = 0.93
_ADJECTIVE_DISCOUNT = 0.9  # a Russian adjective against its stem's translation
_GLUED_DISCOUNT = 0.97  # a name with the article joined (ALHAKIM) against the bare name
_LATIN_SKELETON_MIN = 5  # consonants of a Latin word whose frame alone may align it (4 let in false alerts)
_SINGLE_WORD_FACTOR = 0.9
UNKNOWN_WEIGHT = 1.0
"""The weight of a word no list has: the most a word can weigh (``NameIndex``)."""
_MISSPELT_MAX = 0.8  # a pair this similar is another spelling of one word, a less similar one a misspelling
_SLIP_MIN_LEN = 7  # letters: one slip in a shorter word is no evidence (Alumis / ALUMIX, AleAnna / ALANNA)
_LATER_SLIP_MIN_LEN = 5  # ... unless the word keeps its first letter
VESSEL_SLIP_MIN_LEN = 5
"""One slip in a vessel's one-word name of this many letters still matches a listed
vessel (FOEST / FOREST, STRAM / STREAM), even in its first letter (GOREST / FOREST),
which a company's name of fewer than ``_SLIP_MIN_LEN`` letters must keep.  A vessel is compared only with the few
thousand listed vessels, not with every listed company, so a near spelling is far less
often another party; and ship names are misspelt in shipping documents and changed by a
letter when a ship is renamed to evade screening."""
_CROSS_SCRIPTS = frozenset({"Arabic", "Hebrew"})  # abjads: short vowels are not written
_PATRONYMIC_CAP = 0.6
_PATRONYMIC_VARIANT = 0.85  # one patronymic in two languages' romanisations
_SYLLABIC = frozenset({"Han", "Hangul"})  # every syllable of the name counts

_COMPATIBLE = {
    "Person": {"Person"},
    "Company": {"Company", "Organization", "LegalEntity"},
    "Organization": {"Company", "Organization", "LegalEntity"},
    "LegalEntity": {"Company", "Organization", "LegalEntity", "Person"},
    "Vessel": {"Vessel"},
    "Aircraft": {"Aircraft"},
}


@dataclass(slots=True)
class NameScore:
    score: float
    pairs: list[tuple[str, str, float]] = field(default_factory=list)
    method: str = "tokens"


# Words of bodies' names that align as near words, each group with the similarity its
# words get.  Words that say what kind of body a name is, not which: lists translate and
# shorten them freely (Persian قرارگاه is Headquarters or Base, مجتمع Complex or Compound;
# one list's MUHAMMAD JAMAL NETWORK is another's GROUP); not business words (holdings,
# trading): "IP Strategy Holdings" is not "STRATEGY PARTNERS GROUP".  And the English
# words lists use for one word: OFAC's FOREIGN ECONOMIC ASSOCIATION is OFSI's EXTERNAL
# ECONOMIC ASSOCIATION (внешнеэкономическое), a завод is a PLANT, a FACTORY or WORKS, a
# North Korean JOINT VENTURE is OFSI's JOINT OPERATION, an Arabic word is also given in
# English (AL-NUSRAH FRONT / SUPPORT FRONT FOR THE PEOPLE OF THE LEVANT), and one body's
# names in its branches' names (ISIL KHORASAN, IS-Khorasan, ISIS-K).
_WORD_GROUPS: tuple[tuple[frozenset[str], float], ...] = (
    (frozenset({"group", "network", "union", "complex", "compound", "combine", "headquarters", "base",
                "society", "association", "organization", "organisation", "front", "movement", "brigade",
                "brigades", "battalion", "army", "party"}), 0.8),
    (frozenset({"foreign", "external"}), 0.9),
    (frozenset({"plant", "factory", "works"}), 0.9),
    (frozenset({"production", "manufacturing"}), 0.9),
    (frozenset({"venture", "operation"}), 0.9),
    (frozenset({"nusrah", "nusra", "nusrat", "support"}), 0.9),
    (frozenset({"isil", "isis", "daesh", "is"}), 0.9),
)
_WORD_GROUP = {word: (n, sim) for n, (words, sim) in enumerate(_WORD_GROUPS) for word in words}
_REGION_WORDS = frozenset({"province", "wilayat", "wilaya"})  # a branch's region word, which one list leaves out


def _pair_sim(q: PreparedName, c: PreparedName, i: int, j: int, skeletons: bool, org: bool) -> float:
    s = _spelling_sim(q, c, i, j, skeletons, not org)
    qt, ct = q.tokens[i], c.tokens[j]
    # (cheap tests first: most words neither carry an article nor are adjectives)
    if org:
        group = _WORD_GROUP.get(qt)
        if group is not None and s < group[1] and group == _WORD_GROUP.get(ct):
            return group[1]
        # a romanised Russian adjective against the word its stem is in translation:
        # MOSKOVSKIY / MOSCOW, or the town it is formed on: IZHEVSKIYE / IZHEVSK
        # (organisations only: in a person's name Moskovsky is a surname)
        if s < _ADJECTIVE_DISCOUNT and (slavic_adjective_stem(qt) or slavic_adjective_stem(ct)):
            s = max(s, _ADJECTIVE_DISCOUNT * _stem_sim(qt, ct, slavic_adjective_stem),
                    _ADJECTIVE_DISCOUNT * _stem_sim(qt, ct, slavic_adjective_town))
    elif s < _GLUED_DISCOUNT and (qt[:2] in _ARTICLES or ct[:2] in _ARTICLES):
        # a person's name with the Arabic article joined against the name, the other
        # side's separate "al" being dropped: ALHAKIM / HAKIM (not in organisation
        # names, where Allegion is not LEGION)
        s = max(s, _GLUED_DISCOUNT * _stem_sim(qt, ct, without_glued_article))
    return s


_ARTICLES = frozenset({"al", "el"})


def _surname_vowels(q: PreparedName, c: PreparedName, i: int, j: int) -> bool:
    """Whether two Latin spellings of a person's name word with the same consonant frame
    are one surname with other vowels (RASSALAI / ROSSOLAY, RIFKI / REFKE, KASHIF /
    KASHEF): a frame of three or more, the same first letter, as many letters read (a
    vowel changed, not added: MORAN is not MORANO) unless the frame has four or more (a
    Persian name's unwritten vowel: MAFKHAMI / MOFAKHAMI), and neither a given name
    (JAMAL and JAMIL are two names)."""
    qt, ct = q.tokens[i], c.tokens[j]
    frame = len(q.skel[i])
    return (frame >= 3 and qt[0] == ct[0] and (frame >= 4 or len(q.phon[i]) == len(c.phon[j]))
            and q.script == "Latin" == c.script
            and not is_given_name(qt) and not is_given_name(ct))


def _stem_sim(a: str, b: str, stem_of: Callable[[str], str | None]) -> float:
    """Similarity of one word's stem (``stem_of``) to the other word when only that one
    has such a stem; 0 otherwise."""
    best = 0.0
    for word, other in ((a, b), (b, a)):
        stem = stem_of(word)
        if stem is not None and stem_of(other) is None:
            best = max(best, DamerauLevenshtein.normalized_similarity(phonetic_key(stem), phonetic_key(other)))
    return best


def _spelling_sim(q: PreparedName, c: PreparedName, i: int, j: int, skeletons: bool, person: bool) -> float:
    qp, cp = q.phon[i], c.phon[j]
    qt, ct = q.tokens[i], c.tokens[j]
    if qt == ct:
        return 1.0
    if qp == cp and canonical_given_name(qt) == canonical_given_name(ct):
        return 0.97  # two spellings of one word of the variant table (bin / ibn, Mohd / Muhammad)
    if min(len(qt), len(ct)) <= 3:
        # short tokens (acronyms, Chinese syllables): keys fold too much, spell it out
        s = OSA.normalized_similarity(qt, ct)
        s = s * 0.7 if s < 0.99 else s
        if (qp == cp and max(len(qt), len(ct)) >= 4 and has_vowels(qt) and has_vowels(ct)
                and q.script not in _SYLLABIC and c.script not in _SYLLABIC):
            s = max(s, 0.9)  # a romanisation's dropped letter, not an acronym (HAN / KHAN, Хан)
    elif qp == cp:
        s = 0.97
    else:
        # Damerau-Levenshtein counts a transposition as one edit (Koera/Korea), also
        # beside another slip (SYSMT/SYSTEM); compare both the phonetic keys and the
        # plain romanised tokens, a typo can defeat either fold
        s = max(DamerauLevenshtein.normalized_similarity(qp, cp), DamerauLevenshtein.normalized_similarity(qt, ct))
    if person and s < _SILENT_H and _silent_h(qp, cp):
        s = _SILENT_H
    if s < _PATRONYMIC_VARIANT and min(len(qt), len(ct)) >= 7 and _same_patronymic(qt, ct):
        # one patronymic romanised the Russian, Ukrainian or Belarusian way, on the
        # given name as that language writes it (GRIGORIEVICH / RYHOROVICH)
        s = _PATRONYMIC_VARIANT
    if s > _PATRONYMIC_CAP and _derived_patronymic(*((qt, ct) if len(qt) > len(ct) else (ct, qt))):
        # a patronymic is not the surname or given name it derives from
        # (GERASIMOVICH / GERASIMOV, VALERIEVNA / VALERIE)
        s = _PATRONYMIC_CAP
    # (a Latin acronym such as "DFR" has no vowels to agree with: not a word to align)
    if skeletons and (q.script in _CROSS_SCRIPTS or has_vowels(qt)) and (c.script in _CROSS_SCRIPTS or has_vowels(ct)):
        # consonants agree across scripts; the written long vowels (romanised in the
        # phonetic key) must not disagree wholesale (امیرعلی is not "Murillo")
        qs, cs = q.skel[i], c.skel[j]
        arabic_latin = (qp, cp) if q.script in _CROSS_SCRIPTS else (cp, qp)  # (reading of the abjad side, other)
        if q.script != c.script and _unwritten_vowels_only(*arabic_latin):
            vowels = 1.0
        else:
            vowels = _vowel_agreement(qp, cp)
        if qs and qs == cs:
            base = 0.97 if len(qs) >= 4 else 0.95 if len(qs) == 3 else 0.9 if len(qs) == 2 else 0.8
            s = max(s, base * vowels)
        elif len(qs) + len(cs) >= 5:
            s = max(s, _SKELETON_DISCOUNT * Levenshtein.normalized_similarity(qs, cs) * vowels)
    elif q.skel[i] == c.skel[j] and (len(q.skel[i]) >= _LATIN_SKELETON_MIN
                                     or (person and _surname_vowels(q, c, i, j))):
        # two romanisations of one word that differ in their vowels and v/u/w (Belarusian
        # KARPIANKOU / Russian KARPENKOV, KALINOUSKY / KALINOWSKI): long consonant frames
        # agree; a person's surname with a shorter frame on conditions (_surname_vowels)
        s = max(s, _SKELETON_DISCOUNT * _vowel_agreement(qp, cp))
    return s


_SILENT_H = 0.9


def _silent_h(a: str, b: str) -> bool:
    """Whether one key is the other with an initial h before a vowel left out, as French
    spellings of Arabic and West African names do (AROUN / HAROUN, AMADOU / HAMADOU)."""
    if len(a) > len(b):
        a, b = b, a
    return len(a) >= 4 and b[0] == "h" and b[1:] == a and a[0] in "aeiou"


def _is_country(token: str) -> bool:
    """Whether a name word is a country's name (IRAN, UZBEKISTAN, UKRAINE), or a usual
    abbreviation of one (HK: Hong Kong)."""
    return canonical_given_name(token) in country_words()  # (a country's own name is its canonical form)


def _same_patronymic(a: str, b: str) -> bool:
    pa = patronymic_family(a)
    if pa is None:
        return False
    pb = patronymic_family(b)
    return pb is not None and pa[0] == pb[0] and not pa[1].isdisjoint(pb[1])


def _derived_patronymic(a: str, b: str) -> bool:
    """Whether ``a`` (the longer token) is a Slavic patronymic formed on ``b`` (``b`` +
    -ich, -ovich, -ovna …)."""
    return len(a) >= len(b) + 3 and a.startswith(b) and has_patronymic_ending(a)


def _vowel_agreement(qp: str, cp: str) -> float:
    """0.8-1.0: how far two phonetic keys whose consonants agree also agree in vowels."""
    return 0.8 + 0.2 * OSA.normalized_similarity(qp, cp)


_WRITTEN_AS = {"v": "uowv", "i": "ieyi"}  # Arabic و and ي stand for these Latin letters too


def _unwritten_vowels_only(arabic: str, latin: str) -> bool:
    """Whether the romanised Arabic-script key ``arabic`` is the Latin key ``latin`` with
    only short vowels left out (Arabic does not write them): mbark / mubarak,
    blkasm / belkasem.  Written long vowels (و, ي, ا) must still be there."""
    n, m = len(arabic), len(latin)
    if n > m:
        return False
    # reach[j]: arabic[:i] can be read out of latin[:j] for the current i
    reach = [True] * (m + 1)
    for j in range(1, m + 1):
        reach[j] = reach[j - 1] and latin[j - 1] in "aeiou"
    for i in range(1, n + 1):
        ch = arabic[i - 1]
        letters = _WRITTEN_AS.get(ch, ch)
        nxt = [False] * (m + 1)
        for j in range(1, m + 1):
            nxt[j] = (reach[j - 1] and latin[j - 1] in letters) or (nxt[j - 1] and latin[j - 1] in "aeiou")
        reach = nxt
    return reach[m]


def _merge_compounds(q: PreparedName, c: PreparedName, person: bool) -> tuple[PreparedName, PreparedName]:
    """Join two adjacent tokens on one side when together they spell one token of the
    other side (Abdul Rahman / Abdulrahman, Al Qaida / Alqaida, Xi Jin Ping / Jinping),
    and, in organisation names, the words an acronym of the other side abbreviates."""
    if not person:  # (persons' names have no acronyms)
        q, c = _merge_acronym(q, c), _merge_acronym(c, q)
        q, c = _merge_side(q, c), _merge_side(c, q)
    else:
        q, c = _merge_side(q, c), _merge_side(c, q)
        q, c = _merge_reversed(q, c), _merge_reversed(c, q)
    if q.script in _SYLLABIC or c.script in _SYLLABIC:
        q, c = _merge_syllables(q, c), _merge_syllables(c, q)
    return q, c


def _joined(a: PreparedName, tokens: Sequence[str], phon: Sequence[str], skel: Sequence[str]) -> PreparedName:
    """``a`` with its words as ``tokens`` / ``phon`` / ``skel`` after some were joined;
    ``a`` itself when none was (every join leaves a word fewer)."""
    if len(tokens) == len(a.tokens):
        return a
    return PreparedName(a.original, a.script, tuple(tokens), tuple(phon), tuple(skel), a.forms)


def _merge_reversed(a: PreparedName, b: PreparedName) -> PreparedName:
    """Join two adjacent names of ``a`` in the other order when they then spell a long
    word of ``b``: a person's names glued, surname first (INCESAMET / Samet INCE), as
    lists write a person's surname first or last."""
    if len(a.phon) < 2 or len(b.phon) >= len(a.phon):
        return a
    glued = [t for t in b.phon if len(t) >= 6 and t not in a.phon]
    for i in range(len(a.phon) - 1) if glued else ():
        joined = a.phon[i + 1] + a.phon[i]
        if joined in glued:
            return _joined(a, (*a.tokens[:i], a.tokens[i + 1] + a.tokens[i], *a.tokens[i + 2:]),
                           (*a.phon[:i], joined, *a.phon[i + 2:]),
                           (*a.skel[:i], a.skel[i + 1] + a.skel[i], *a.skel[i + 2:]))
    return a


def _merge_syllables(a: PreparedName, b: PreparedName) -> PreparedName:
    """Join three adjacent syllables of a Chinese or Korean name that spell a word of
    ``b``: lists write a three-syllable brand as one word (恒邦微 / HENGBANGWEI, 晓睿智 /
    XIAORUIZHI); two are joined by :func:`_merge_side`."""
    if a.script not in _SYLLABIC or len(a.phon) < 3:
        return a
    targets = {t for t in b.phon if len(t) >= 6}.difference(a.phon)
    tokens, phon, skel = list(a.tokens), list(a.phon), list(a.skel)
    i = 0
    while targets and i < len(phon) - 2:
        joined = phon[i] + phon[i + 1] + phon[i + 2]
        if joined in targets:
            tokens[i:i + 3] = ["".join(tokens[i:i + 3])]
            phon[i:i + 3] = [joined]
            skel[i:i + 3] = ["".join(skel[i:i + 3])]
        i += 1
    return _joined(a, tokens, phon, skel)


def _merge_acronym(a: PreparedName, b: PreparedName) -> PreparedName:
    """Join the words of ``a`` whose initials spell a token of ``b`` into that token:
    "Islamic State of Iraq and Syria" / ISIS, "Popular Front for the Liberation of
    Palestine" / PFLP (the linking words need not have an initial)."""
    if len(a.tokens) < 3:
        return a
    # (an acronym's letters are all initials of the name's words)
    initials = {t[0] for t in a.tokens}
    acronyms = {t for t in b.tokens if 3 <= len(t) <= 6 and initials.issuperset(t) and t.isalpha()
                and t not in a.tokens}
    if not acronyms:
        return a
    tokens, phon, skel = list(a.tokens), list(a.phon), list(a.skel)
    for acro in sorted(acronyms):
        for start in range(len(tokens)):
            end = _initials_run(tokens, start, acro)
            if end:
                tokens[start:end], phon[start:end], skel[start:end] = [acro], [acro], [acro]
                break
    return _joined(a, tokens, phon, skel)


def _initials_run(tokens: list[str], start: int, acro: str) -> int:
    """End of the run of ``tokens`` from ``start`` whose initials spell ``acro``, or 0."""
    k, i = 0, start
    while i < len(tokens) and k < len(acro):
        t = tokens[i]
        if t[0] == acro[k] and len(t) > 1:
            k += 1
        elif not (t in ACRONYM_OPTIONAL and i > start):
            return 0
        i += 1
    return i if k == len(acro) else 0


_NEAR_JOIN_MIN = 0.85  # two words joined that spell a long word of the other name this nearly (one slip in seven letters)
_NEAR_JOIN_LEN = 6  # letters of that long word


def _merge_side(a: PreparedName, b: PreparedName) -> PreparedName:
    if len(a.phon) < 2 or len(a.phon) <= len(b.phon) - 1:
        return a
    # only a word of ``b`` that ``a`` does not already hold is worth joining into
    targets = set(b.phon).difference(a.phon)
    if not targets:
        return a
    # (most names join nothing: a test on what their word pairs could join as, kept per
    # name, spares the loop below)
    keys, skeletons, near_min, near_max, joins = _junctions(a.tokens, a.phon, a.skel)
    if keys.isdisjoint(targets) and skeletons.isdisjoint(b.skel) and not any(
            near_min <= len(t) <= near_max
            and process.extractOne(t, joins, scorer=Levenshtein.normalized_similarity, score_cutoff=_NEAR_JOIN_MIN)
            for t in targets):
        return a
    skel_targets = {sk for p, sk in zip(b.phon, b.skel, strict=True) if p in targets}
    near_targets = [t for t in targets if len(t) >= _NEAR_JOIN_LEN]
    tokens, phon, skel = list(a.tokens), list(a.phon), list(a.skel)
    i = 0
    while i < len(phon) - 1:
        joined = phon[i] + phon[i + 1]
        joined_skel = skel[i] + skel[i + 1]
        joined_token = tokens[i] + tokens[i + 1]
        # (the key of the joined word, not the joined keys: HAMR IYAH / HAMRIYAH)
        hit = joined in targets or phonetic_key(joined_token) in targets
        bound = tokens[i + 1] in BOUND_NAMES
        if not hit and bound:
            compound = with_article(tokens[i], tokens[i + 1])  # (Zia ul Haq / ZIAULHAQ)
            if compound is not None and phonetic_key(compound) in targets:
                hit, joined_token, joined = True, compound, phonetic_key(compound)
            joined_skel = next((j for j in bound_skeletons(skel[i], skel[i + 1]) if j in skel_targets), joined_skel)
        if not hit and joined_skel in skel_targets and phon[i] not in targets and phon[i + 1] not in targets:
            # a skeleton join needs many consonants, except a name + Allah, ad-Din,
            # ur-Rahman or ul-Haq (ثناء الله / Sanaullah, جلال الدين / JALALUDDIN): few
            # consonants, but lists join the two as a rule
            min_total, min_part = (3, 1) if bound else (5, 2)
            hit = len(joined_skel) >= min_total and min(len(skel[i]), len(skel[i + 1])) >= min_part
        if not hit and near_targets:
            n = len(joined)  # (the similarity allows a length difference of 14 % at most)
            hit = any(abs(n - len(t)) <= (1 - _NEAR_JOIN_MIN) * max(n, len(t))
                      and Levenshtein.normalized_similarity(joined, t, score_cutoff=_NEAR_JOIN_MIN)
                      and phon[i] != t and phon[i + 1] != t for t in near_targets)
        if hit:
            tokens[i:i + 2] = [joined_token]
            phon[i:i + 2] = [joined]
            skel[i:i + 2] = [joined_skel]
        else:
            i += 1
    return _joined(a, tokens, phon, skel)


@lru_cache(maxsize=200_000)
def _junctions(tokens: tuple[str, ...], phon: tuple[str, ...],
               skel: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], int, int, tuple[str, ...]]:
    """What the adjacent words of a name could join as, for :func:`_merge_side`'s quick
    test: the keys (the two keys joined, the key of the joined word), the skeletons, the
    lengths a word of the other name needs for a near join (``_NEAR_JOIN_LEN`` at least,
    within ``_NEAR_JOIN_MIN`` of the shortest and longest joined keys), and the joined
    keys, which the C search compares with such a word."""
    joins = tuple(phon[i] + phon[i + 1] for i in range(len(phon) - 1))
    keys: set[str] = set(joins)
    skeletons: set[str] = set()
    for i in range(len(phon) - 1):
        keys.add(phonetic_key(tokens[i] + tokens[i + 1]))
        skeletons.add(skel[i] + skel[i + 1])
        if tokens[i + 1] in BOUND_NAMES:
            skeletons.update(bound_skeletons(skel[i], skel[i + 1]))
            compound = with_article(tokens[i], tokens[i + 1])
            if compound is not None:
                keys.add(phonetic_key(compound))
    lengths = [len(j) for j in joins]
    near_min = max(_NEAR_JOIN_LEN, math.ceil(min(lengths) * _NEAR_JOIN_MIN - 1e-9))
    near_max = math.floor(max(lengths) / _NEAR_JOIN_MIN + 1e-9)
    return frozenset(keys), frozenset(skeletons), near_min, near_max, joins


def name_similarity(
    q: PreparedName,
    c: PreparedName,
    weight: Callable[[str], float],
    person: bool,
    memo: dict[tuple[Any, ...], float] | None = None,
    vessel: bool = False,
    vocabulary: bool = True,
) -> NameScore:
    """Similarity in [0, 1] of two prepared names, with the aligned token pairs.
    ``weight(phon_token) -> float`` gives each token's informativeness.  ``memo`` keeps
    token-pair similarities across the candidates of one query (listed names share
    words: more than half the pairs of a query recur).  ``vessel``: a vessel's name
    against a listed vessel's (see ``VESSEL_SLIP_MIN_LEN``).  ``vocabulary``: the
    weights are those of whole lists, so a word they lack is unusual (False when two
    records are compared alone: every word of the query is then new)."""
    if not q.phon or not c.phon:
        return NameScore(0.0)
    if q.tokens == c.tokens:
        return NameScore(1.0, [(a, b, 1.0) for a, b in zip(q.tokens, c.tokens, strict=True)], "exact")
    # (one word against one word as written: two words joined into a compound are not)
    single_words = len(q.phon) == 1 and len(c.phon) == 1
    q, c = _merge_compounds(q, c, person)
    skeletons = q.script in _CROSS_SCRIPTS or c.script in _CROSS_SCRIPTS
    cand: list[tuple[float, int, int]] = []
    # (a word is known by its spelling, keys and script; the pair's similarity also
    # depends on whether persons' names are compared)
    c_words = [(c.tokens[j], c.phon[j], c.skel[j], c.script, person) for j in range(len(c.phon))]
    for i in range(len(q.phon)):
        q_word = (q.tokens[i], q.phon[i], q.skel[i], q.script)
        for j, c_word in enumerate(c_words):
            if memo is None:
                s = _pair_sim(q, c, i, j, skeletons, not person)
            else:
                key = (q_word, c_word)
                found = memo.get(key)
                if found is None:
                    found = memo[key] = _pair_sim(q, c, i, j, skeletons, not person)
                s = found
            if s >= _PAIR_MIN:
                cand.append((s, -i, -j))
    cand.sort(reverse=True)  # best first; ties: the earlier word (a repeated name: its first is the own name)
    used_q: set[int] = set()
    used_c: set[int] = set()
    misspellings = vocabulary and person and q.script == "Latin" == c.script
    align: dict[int, int] = {}
    pairs: list[tuple[str, str, float]] = []
    num = matched = 0.0
    for s, neg_i, neg_j in cand:
        i, j = -neg_i, -neg_j
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        align[i] = j
        wq, wc = weight(q.phon[i]), weight(c.phon[j])
        # a Latin query word no list has, only loosely like the listed word it aligns with
        # (a misspelling, not another spelling), is taken for that word: it weighs what
        # the listed word weighs, not the most a word can (a misspelt Ahmad is no rare word)
        w = 2 * (wc if misspellings and wq >= UNKNOWN_WEIGHT and s < _MISSPELT_MAX else max(wq, wc))
        num += w * s
        matched += w
        pairs.append((q.tokens[i], c.tokens[j], s))
    unmatched = 0.0
    syllabic = q.script in _SYLLABIC or c.script in _SYLLABIC
    # "abd" aligned together with the name after it on both sides is one name part
    # (Abd al-Baqi / ABDELBAKI), not two
    parts = len(pairs) - sum(1 for i, j in align.items()
                             if q.tokens[i] == ABD == c.tokens[j] and align.get(i + 1) == j + 1)
    if person and parts >= 2 and not syllabic:
        # a middle name or patronymic one list adds and the other drops costs little,
        # and a chain of them (Arabic nasab: bin Taher bin Faleh ...) at most one name:
        # given name and surname agree
        unmatched += _unaligned_person_cost(q.tokens, q.phon, used_q, weight)
        unmatched += _unaligned_person_cost(c.tokens, c.phon, used_c, weight)
    else:
        # a country in a body's name that the other name leaves out costs little (… GROUP
        # OF UZBEKISTAN); two different countries contradict (… OF PALESTINE / … OF ANGOLA)
        q_country = [i for i in range(len(q.phon)) if i not in used_q and _is_country(q.tokens[i])]
        c_country = [j for j in range(len(c.phon)) if j not in used_c and _is_country(c.tokens[j])]
        extra_country = bool(pairs) and not (q_country and c_country)
        for i, p in enumerate(q.phon):
            if i not in used_q:
                cost = _QUERY_EXTRA_COST if person and pairs and not syllabic else 1.0
                if not person and ((extra_country and i in q_country) or (pairs and q.tokens[i] in _REGION_WORDS)):
                    cost = _EXTRA_LISTED_WORD_COST
                unmatched += weight(p) * cost
        # every word of the query found in a longer listed name ("JSC Special Economic
        # Zone Alabuga" / "... Special Economic Zone of Industrial Production Alabuga"):
        # the listed extras cost less than words that contradict
        subset = parts >= 2 and len(used_q) == len(q.phon)
        for j, p in enumerate(c.phon):
            if j not in used_c:
                cost = (_EXTRA_LISTED_WORD_COST if subset or (extra_country and j in c_country)
                        or (pairs and not person and c.tokens[j] in _REGION_WORDS) else 1.0)
                unmatched += weight(p) * cost
    total = matched + unmatched
    score = min(num / total, 1.0) if total else 0.0
    slip_min = VESSEL_SLIP_MIN_LEN if vessel else _SLIP_MIN_LEN
    a, b = q.tokens[0], c.tokens[0]
    if a[:1] == b[:1]:  # (typing slips seldom hit the first letter: FedEx is not PEDEX)
        slip_min = min(slip_min, _LATER_SLIP_MIN_LEN)
    if single_words and score < 1.0 and not _one_slip(a, b, slip_min):
        # one word against one word: a near spelling is thin evidence (Allegion/Legion)
        score *= _SINGLE_WORD_FACTOR
    return NameScore(score, pairs)


def _one_slip(a: str, b: str, min_len: int) -> bool:
    """One typing slip (a letter added, dropped, changed, or two swapped) in a long word:
    GNORIZONT / GORIZONT, SOLINEVST / SOLINVEST."""
    return min(len(a), len(b)) >= min_len and OSA.distance(a, b) <= 1


def _unaligned_person_cost(tokens: tuple[str, ...], phon: tuple[str, ...], used: set[int],
                           weight: Callable[[str], float]) -> float:
    """What one side's unaligned person-name tokens cost, each its weight times a share:
    the name of an aligned Abd-compound ``_BOUND_NAME_COST`` (Abd al-Baqi is its
    identity), a name before or after the aligned ones ``_OUTER_NAME_COST``, a middle
    name ``_MIDDLE_NAME_COST``, the middle names together at most ``_MIDDLE_NAMES_CAP``."""
    first, last = min(used), max(used)
    outer = middle = 0.0
    for i, p in enumerate(phon):
        if i in used:
            continue
        if i > 0 and tokens[i - 1] == ABD:
            outer += weight(p) * _BOUND_NAME_COST
        elif first < i < last:
            middle += weight(p) * _MIDDLE_NAME_COST
        else:
            outer += weight(p) * _OUTER_NAME_COST
    return outer + min(middle, _MIDDLE_NAMES_CAP)


def schemas_compatible(query_schema: str | None, entity_schema: str) -> bool:
    if query_schema in (None, "", "Any", "Thing"):
        return True
    return entity_schema in _COMPATIBLE.get(query_schema, {query_schema})


NEAR_DATE_YEARS = 5
"""Listed birth dates this many years or fewer from the query's only half-conflict: lists
and documents of one person often disagree by a few years (estimated ages, another
source), while another person of the same name is as likely a generation apart."""


def date_agreement(query: str | None, listed: Sequence[tuple[str, bool]]) -> tuple[float, str]:
    """+1 when the query birth date agrees with one listed date at the coarser of the
    two precisions (a year off is tolerated for approximate dates), 0 when either side
    has no date (or only the day and month differ), -0.5 when the nearest listed year is
    at most ``NEAR_DATE_YEARS`` away, -1 when all are further.  Returns (agreement, detail)."""
    if not query or not listed:
        return 0.0, ""
    for value, circa in listed:
        n = min(len(query), len(value))
        if query[:n] == value[:n]:
            return 1.0, value
        if circa and abs(int(query[:4]) - int(value[:4])) <= 1:
            return 1.0, value
    # year agrees but month/day differ: lists and documents often disagree on day/month
    for value, _circa in listed:
        if query[:4] == value[:4]:
            return 0.0, value
    shown = ", ".join(v for v, _ in listed[:3])
    gap = min(abs(int(query[:4]) - int(value[:4])) for value, _ in listed)
    return (-0.5 if gap <= NEAR_DATE_YEARS else -1.0), shown
