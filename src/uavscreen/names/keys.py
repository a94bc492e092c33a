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
from rapidfuzz import process
from rapidfuzz.distance import OSA

from uavscreen.data import DATA_DIR

# Ordered digraph folds; applied left to right on the lower-case token.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "s"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
    ("sh", "s"), ("ch", "c"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("ck", "k"), ("ts", "c"), ("tz", "c"), ("qu", "k"), ("ou", "u"),
    ("oo", "u"), ("ee", "i"), ("x", "ks"),
)
_LETTERS = str.maketrans({"y": "i", "w": "v", "q": "k", "x": "k", "z": "s", "c": "k"})
_VOWELS = re.compile(r"[aeiouy]")


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


def is_given_name(token: str) -> bool:
    """Whether ``token`` is a spelling of a given name of the bundled table."""
    return token in _given_name_variants()


# A Slavic patronymic's ending in the romanisations the lists use (Russian -ovich /
# -yevich / -ovna, Ukrainian -ovych / -ivna, Belarusian -avich / -auna ...), masculine
# then feminine; the given name it is formed on is before it.
_PATRONYMIC_ENDINGS = (
    ("m", re.compile(r"(?:ovich|evich|yevich|ievich|iyevich|avich|ovitch|evitch|ovych|evych|iyovych|itch|ich|ych)$")),
    ("f", re.compile(r"(?:ovna|evna|yevna|ievna|iyevna|avna|auna|euna|ivna|ichna|ychna)$")),
)


def has_patronymic_ending(token: str) -> bool:
    """Whether ``token`` ends as a Slavic patronymic does (GERASIMOVICH, VALERIEVNA)."""
    return any(ending.search(token) for _, ending in _PATRONYMIC_ENDINGS)


@lru_cache(maxsize=100_000)
def patronymic_family(token: str) -> tuple[str, frozenset[str]] | None:
    """The gender and the given-name families a Slavic patronymic may be formed on
    (ryhorovich and grigoryevich: m, {grigoriy}; oleksandrivna: f, {aleksandr}), or
    None when ``token`` is no patronymic of a known given name.  Lists romanise one
    patronymic in Russian, Ukrainian or Belarusian: the ending differs, and the given
    name in it differs as the given name alone does (Ryhor / Grigoriy)."""
    variants = _given_name_variants()
    for gender, ending in _PATRONYMIC_ENDINGS:
        m = ending.search(token)
        if m is None or m.start() < 3:
            continue
        families = set()
        for cut in range(m.start(), len(token) - 2):  # each way the ending may be read
            stem = token[:cut]
            for name in (stem, stem + "y", stem + "iy", stem + "i", stem + "a"):
                if name in variants:
                    families.add(variants[name])
        if not families:  # a slip in the given name (GROGORIEVICH): its one nearest name
            families.update(variants[n] for n in _misspelt_given_names(token[:m.start()]))
        return (gender, frozenset(families)) if families else None
    return None


_MISSPELT_NAME_MIN = 5  # letters of a given name that one slip leaves recognisable


def _misspelt_given_names(stem: str) -> list[str]:
    """The given names of the table one slip (OSA) from ``stem`` or its usual endings,
    when ``stem`` is long enough to tell; none when several families are as near."""
    if len(stem) < _MISSPELT_NAME_MIN:
        return []
    names = _given_names_by_initial().get(stem[0], ())
    found = {n for form in (stem, stem + "y", stem + "iy", stem + "i")
             for n, _, _ in process.extract(form, names, scorer=OSA.distance, score_cutoff=1, limit=None)}
    variants = _given_name_variants()
    return sorted(found) if len({variants[n] for n in found}) == 1 else []


@cache
def _given_names_by_initial() -> dict[str, list[str]]:
    """The table's spellings of _MISSPELT_NAME_MIN letters or more, by initial (a slip
    seldom hits the first letter)."""
    out: dict[str, list[str]] = {}
    for name in sorted(_given_name_variants()):
        if len(name) >= _MISSPELT_NAME_MIN:
            out.setdefault(name[0], []).append(name)
    return out


def _folded(token: str, folds: tuple[tuple[str, str], ...]) -> str:
    """The token's canonical variant with the letter groups of ``folds`` replaced."""
    t = canonical_given_name(token)
    for a, b in folds:
        if a in t:
            t = t.replace(a, b)
    return t


def undoubled(text: str) -> str:
    """``text`` with each run of one letter written once (mohammad: mohamad).  A loop,
    not a regular expression: a substitution with a back-reference costs several times
    as much, and every listed and queried word passes here."""
    out: list[str] = []
    previous = ""
    for ch in text:
        if ch != previous:
            out.append(ch)
            previous = ch
    return "".join(out)


@lru_cache(maxsize=300_000)
def phonetic_key(token: str) -> str:
    """Spelling-insensitive key of one lower-case ASCII token."""
    if token.isdigit():
        return token
    if len(token) >= 4 and token.startswith("ye") and token[2] not in "aeiouy":
        # Russian Е in front is written Ye or E (Yevgeny / Evgeny, YEVRAZ / EVRAZ)
        token = token[1:]
    t = _folded(token, _DIGRAPHS).translate(_LETTERS)
    t = undoubled(t)
    # -iy / -ii / -ij endings (Dmitriy, Dmitrii, Dmitrij) → -i
    if len(t) > 3 and t.endswith("i") and t[-2] == "i":
        t = t[:-1]
    # word-final -h after a vowel is not pronounced (Fatemeh / Fatima, Abdallah / Abdalla)
    if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
        t = t[:-1]
    return t


# Consonant classes shared by Arabic-script letters and their romanisations.  Arabic
# and Persian romanise the same letter differently (ض: Ramadan / Reza; ق: Qasem /
# Ghasem; ث: Uthman / Osman), so letters that trade places fall into one class.  Latin
# "ch" is ش in the French spellings of Maghrebi names (CHOUMAN / شومان, AKKACHA / عكاشة)
# and چ in Persian, Pashto and Urdu ones (ACHEKZAI / اچکزی): one class with "sh".
_LATIN_SKELETON_FOLDS: tuple[tuple[str, str], ...] = (
    ("x", "ks"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("kh", "x"), ("gh", "k"), ("sh", "s"),
    ("ch", "s"), ("zh", "j"), ("dj", "j"), ("th", "s"), ("dh", "d"), ("ph", "f"),
    ("ck", "k"),
)
_LATIN_CLASSES = str.maketrans({"p": "b", "z": "d", "q": "k", "g": "k", "c": "k", "j": "j"})
_ARABIC_CLASSES = {
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ش": "s",
    "ج": "j", "ژ": "j", "چ": "s", "ح": "h", "ه": "h", "ة": "h", "خ": "x", "د": "d", "ذ": "d",
    "ز": "d", "ض": "d", "ظ": "d", "ر": "r", "ق": "k", "غ": "k", "ک": "k", "ك": "k", "گ": "k",
    "ف": "f", "ل": "l", "م": "m", "ن": "n",
}
_NON_CONSONANT = re.compile(r"[^bcdfhjklmnrstx0-9]")


@lru_cache(maxsize=300_000)
def skeleton_key(token: str) -> str:
    """Consonant skeleton of a romanised token, in the classes of ``_ARABIC_CLASSES``."""
    if token.isdigit():
        return token
    t = _NON_CONSONANT.sub("", _folded(token, _LATIN_SKELETON_FOLDS).translate(_LATIN_CLASSES))
    return _trim_skeleton(t)


# The second parts of Arabic compound names that lists write joined to the first, as
# romanised from Arabic script or spelt in Latin letters: Allah, ad-Din (دين),
# ur-Rahman (رحمن, رحمان, Urdu Rehman), ul-Haq (حق)
BOUND_NAMES = frozenset({"allah", "dyn", "din", "deen", "rhmn", "rhman", "rahman", "rehman", "hq", "haq"})


def bound_skeletons(first: str, second: str) -> tuple[str, str]:
    """The skeletons a name and a bound second part (:data:`BOUND_NAMES`) joined are
    written with: the article's l assimilated to a sun letter (SADUDDIN: sd + dn → sdn)
    or written before a moon letter (ZIAULHAQ: d + hk → dlhk)."""
    return undoubled(first + second), undoubled(first + "l" + second)


_SUN_LETTERS = frozenset("tdrszn")


def glued_article(bound: str) -> str | None:
    """The article as Latin lists write it glued before a bound name (:data:`BOUND_NAMES`):
    *ul* before a moon letter (ZIAULHAQ), *u* and the sun letter it assimilates to
    (FAZLURRAHMAN, SALAHUDDIN); None for Allah, whose own a carries the article
    (SANAULLAH)."""
    if bound == "allah" or not bound.isascii():
        return None
    return "u" + (bound[0] if bound[0] in _SUN_LETTERS else "l")


def with_article(first: str, second: str) -> str | None:
    """A name and a bound second part spelt as one word with the article between, as
    Latin lists write them: ZIAULHAQ, SALAHUDDIN, FAZLURRAHMAN; None for Allah."""
    article = glued_article(second)
    return None if article is None else first + article + second


@lru_cache(maxsize=100_000)
def arabic_skeleton(word: str) -> str:
    """Consonant skeleton of a word in Arabic script (short vowels are not written;
    alif, waw, ya and hamza are dropped like the Latin vowels, w/v and y)."""
    return _trim_skeleton("".join(_ARABIC_CLASSES.get(ch, "") for ch in word))


def _trim_skeleton(t: str) -> str:
    t = undoubled(t)
    if len(t) > 1 and t.endswith("h"):
        t = t[:-1]
    return t


# Russian and Ukrainian adjectives in their romanised endings (BGN and the spellings
# clerks use): МОСКОВСКИЙ / Moskovskiy, ИНДУСТРИАЛЬНЫЙ / Industrialnyy, plural
# ИЖЕВСКИЕ / Izhevskiye.  Organisation
# names are listed in translation as often as in transliteration, and the stem of such
# an adjective is the English word (Moscow, Industrial, Ural, Kazan, National).
_SLAVIC_ADJECTIVE = re.compile(
    r"^([a-z]{3,}?[^aeiou])(esk|sk|ck|n|ov)(?:iy|iyy|ii|yy|yi|y|i|aya|aja|ia|ya|oye|oe|ogo|ykh|yh|ikh|ih|ey|ei|yj|ij|oy|oi|oj|iye|ie|yye|ye)$")


@lru_cache(maxsize=100_000)
def slavic_adjective_stem(token: str) -> str | None:
    """The stem of a romanised Russian or Ukrainian adjective (moskovskiy → moskov,
    industrialnyy → industrial, arkticheskiy → arktich), or None.  The stem ends in a
    consonant: Company and Germany are not adjectives."""
    m = _SLAVIC_ADJECTIVE.match(token)
    return m.group(1) if m else None


@lru_cache(maxsize=100_000)
def slavic_adjective_town(token: str) -> str | None:
    """The town a romanised Russian adjective in -sk- is formed on when the town's own
    name ends in -sk (izhevskiye → izhevsk, novosibirskogo → novosibirsk), or None."""
    m = _SLAVIC_ADJECTIVE.match(token)
    return m.group(1) + m.group(2) if m and m.group(2) in ("sk", "esk") else None


_GLUED_ARTICLE = re.compile(r"^(?:al|el)([b-df-hj-np-tv-z][a-z]{3,})$")


@lru_cache(maxsize=100_000)
def without_glued_article(token: str) -> str | None:
    """A romanised Arabic name with its article written joined (ALHAKIM, ELKADDAFI,
    ALGHAMDI) without it, or None.  The rest must start with a consonant, as after the
    article it does (Alexander, Elena stay whole)."""
    m = _GLUED_ARTICLE.match(token)
    return m.group(1) if m else None


def has_vowels(token: str) -> bool:
    return bool(_VOWELS.search(token))
