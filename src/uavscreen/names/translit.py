"""Script-aware transliteration of names to lower-case ASCII.

Lists write the same party in many scripts and romanisation standards.  We bring every
name to one comparable form with ICU's transforms, picking the standard the lists
themselves mostly follow: BGN/PCGN for Russian and Ukrainian Cyrillic (OFAC and UK
spell ``Дмитрий`` as *Dmitriy*), ICU's Arabic-Latin for Arabic and Persian (short vowels
are not written, so matching also uses a consonant skeleton, see ``keys.py``), Han-Latin
(pinyin) for Chinese; Korean in the McCune–Reischauer spelling the lists use
(``korean.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

from uavscreen.names.korean import romanise as romanise_korean
from uavscreen.names.script import char_script, detect_script

_TRANSFORMS = {
    # (BGN/PCGN, then Latin-ASCII apart: the hard sign's mark is dropped in between)
    "Cyrillic": "Russian-Latin/BGN",
    "CyrillicUk": "Ukrainian-Latin/BGN",
    "CyrillicBe": "Belarusian-Latin/BGN",
    "CyrillicSr": "Serbian-Latin/BGN",
    "CyrillicMk": "Macedonian-Latin/BGN",
    "CyrillicKk": "Kazakh-Latin/BGN",
    "ASCII": "Latin-ASCII",
    "Arabic": "Arabic-Latin; Latin-ASCII",
    "Han": "Han-Latin; Latin-ASCII",
    "Greek": "Greek-Latin/UNGEGN; Latin-ASCII",
    "Other": "Any-Latin; Latin-ASCII",
    "Latin": "Latin-ASCII",
}
_BGN = frozenset({"Cyrillic", "CyrillicUk", "CyrillicBe", "CyrillicSr", "CyrillicMk", "CyrillicKk"})
_HEBREW_FE = re.compile("(?<=[\u05d0-\u05ea])\u05e4|\u05e3")  # פ inside a word, ף
_DOUBLE_QUOTES = re.compile('["\u201c\u201d\u201e]')
RUSSIAN_READING = "CyrillicRu"
"""Pseudo-script: read Ukrainian, Belarusian, Serbian, Macedonian or Kazakh Cyrillic
with the Russian table, as lists often romanise those names the Russian way
(ГУБАРЄВА: Ukrainian *Hubarieva*, listed as *Gubareva*)."""

# The letters that tell which Cyrillic alphabet a name is written in, so that it is read
# by that language's BGN/PCGN table: the Russian one has no ў, љ or ә and dropped them,
# cutting the word (ЦВИЈАНОВИЋ read "tsvi anovi").  Checked in this order: Macedonian
# shares ј љ њ џ with Serbian, Kazakh its і with Ukrainian and Belarusian.
_ALPHABETS = (
    ("CyrillicBe", frozenset("ўЎ")),
    ("CyrillicMk", frozenset("ѓЃќЌѕЅ")),
    ("CyrillicSr", frozenset("ђЂћЋљЉњЊџЏјЈ")),
    ("CyrillicKk", frozenset("әӘғҒқҚңҢөӨұҰүҮһҺ")),
    ("CyrillicUk", frozenset("іІїЇєЄґҐ")),
)
# Belarusian without ў: its і beside ы or э, which Ukrainian has not (ДЗМІТРЫЙ, АНДРЭЙ)
_NOT_UKRAINIAN = frozenset("ыЫэЭ")
_UKRAINIAN_ONLY = frozenset("їЇєЄґҐ")
_NON_RUSSIAN = frozenset(ch for _, letters in _ALPHABETS for ch in letters)

# Those letters → the Russian letter(s) a Russian spelling of the name uses.
_TO_RUSSIAN_LETTERS = str.maketrans({
    **dict(zip("іІїЇєЄґҐўЎ", "иИиИеЕгГвВ", strict=True)),
    **dict(zip("әӘғҒқҚңҢөӨұҰүҮһҺ", "аАгГкКнНоОуУуУхХ", strict=True)),
    **dict(zip("ѓЃќЌѕЅјЈћЋ", "гГкКзЗйЙчЧ", strict=True)),
    "ђ": "дж", "Ђ": "Дж", "џ": "дж", "Џ": "Дж", "љ": "ль", "Љ": "Ль", "њ": "нь", "Њ": "Нь",
})


def needs_russian_reading(text: str) -> bool:
    """Whether a Cyrillic name is in another alphabet than Russian's (see
    :data:`RUSSIAN_READING`)."""
    return any(ch in _NON_RUSSIAN for ch in _cyrillic_homoglyphs(text))


def cyrillic_alphabet(text: str) -> str:
    """The transform key of the Cyrillic alphabet ``text`` is written in: "Cyrillic"
    (Russian), or Belarusian, Macedonian, Serbian, Kazakh or Ukrainian by their own
    letters."""
    chars = set(text)
    for key, letters in _ALPHABETS:
        if not chars.isdisjoint(letters):
            if key == "CyrillicUk" and chars.isdisjoint(_UKRAINIAN_ONLY) and not chars.isdisjoint(_NOT_UKRAINIAN):
                return "CyrillicBe"
            return key
    return "Cyrillic"
# The Arabic article written joined to the noun (الحاكم) is split off so "al-Hakim",
# "Al Hakim" and "Hakim" line up token by token; Allah (الله) is not an article + noun.
ARABIC_ARTICLE = re.compile(r"(?<![\w])ال(?!له)(?=\w{2,})")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’`ʼʻʿʾ\u02bc\u2018\u2019\u02b9\u02ba]")


# Latin letters that look like Cyrillic ones, typed into a Cyrillic word ("Cергій" with
# a Latin C): read as the Cyrillic letter they stand for.
_LATIN_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxyi", "АаВСсЕеНКМОоРрТХхуі")
_CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u04FF]\w*")


def _cyrillic_homoglyphs(text: str) -> str:
    return _CYRILLIC_WORD.sub(lambda m: m.group(0).translate(_LATIN_LOOKALIKES), text)


@lru_cache(maxsize=32)
def _transliterator(key: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(_TRANSFORMS[key])


def transliterate(text: str, script: str | None = None) -> str:
    """``text`` in ASCII Latin letters (case kept), by the standard for its script."""
    if text.isascii():
        return text
    script = script or detect_script(text)
    if script in ("Cyrillic", RUSSIAN_READING):
        text = _cyrillic_homoglyphs(text)
    if script == RUSSIAN_READING:
        key = "Cyrillic"
        text = text.translate(_TO_RUSSIAN_LETTERS)
    elif script == "Cyrillic":
        key = cyrillic_alphabet(text)
    elif script == "Arabic":
        text = ARABIC_ARTICLE.sub("ال ", text)
        key = "Arabic"
    elif script == "Hebrew":
        # פ is p at the start of a word and f inside one (ICU reads p everywhere); a
        # foreign name's f in front stays p (פדרמן is FEDERMAN: not read alike)
        text = _HEBREW_FE.sub("f", text)
        key = "Other"
    elif script == "Hangul":  # (ICU's Hangul-Latin glues a name's syllables: names/korean.py)
        return romanise_korean(text)
    elif script == "Latin" and any(char_script(ch) not in (None, "Latin") for ch in text):
        key = "Other"  # a few words in another script ("ООО Mega"): romanise them too
    else:
        key = script if script in _TRANSFORMS else "Other"
    if key in _BGN:
        # BGN/PCGN writes the hard sign ъ as a double prime inside the word (ОБЪЕДИНЕНИЕ →
        # obʺyedineniye), which Latin-ASCII turns into a quotation mark that splits the
        # word in two; a quotation mark of the name itself still separates words
        text = _DOUBLE_QUOTES.sub(" ", text)
        out = _transliterator(key).transliterate(unicodedata.normalize("NFC", text))
        out = _transliterator("ASCII").transliterate(out.replace("\u02ba", ""))
        if not out.isascii():  # (a letter of another alphabet mixed in: still romanised, not dropped)
            out = _transliterator("Other").transliterate(out)
    else:
        out = _transliterator(key).transliterate(unicodedata.normalize("NFC", text))
    if key == "Han":
        # pinyin syllables come out space-separated; they are joined again by matching
        return out
    # BGN/PCGN marks ТС (t·s, not Ц ts) and ШЧ with a middle dot inside the word
    # (ОТВЕТСТВЕННОСТЬ → otvet·stvennost'): one word, as the lists write it
    return out.replace("\u00b7", "")


@lru_cache(maxsize=200_000)
def ascii_tokens(text: str, script: str | None = None) -> tuple[str, ...]:
    """Lower-case ASCII word tokens of a name: apostrophes dropped (O'Brien → obrien,
    Vasil'yevich → vasilyevich), every other punctuation a separator (hyphen_space)."""
    latin = transliterate(text, script).lower()
    latin = _APOSTROPHES.sub("", latin)
    return tuple(t for t in _NON_ALNUM.split(latin) if t)


def warm_up() -> None:
    """Create every transliterator now (ICU takes ~0.2 s for the first Han one), so
    no query pays for it."""
    for key in _TRANSFORMS:
        _transliterator(key)
