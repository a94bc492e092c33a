"""A name made ready for comparison: ASCII tokens, their phonetic and skeleton keys.

Both sides of a comparison (a listed name when the index is built, a query when it is
screened) go through :func:`prepare_name`, so they are normalised identically."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TypeVar

from rapidfuzz.distance import OSA

from uavscreen.names.keys import (
    BOUND_NAMES,
    arabic_skeleton,
    canonical_given_name,
    glued_article,
    phonetic_key,
    skeleton_key,
)
from uavscreen.names.korean import READINGS as KOREAN_READINGS
from uavscreen.names.korean import romanise as romanise_korean
from uavscreen.names.legal_forms import legal_form_positions
from uavscreen.names.org_words import english_words, han_in_english
from uavscreen.names.script import detect_script
from uavscreen.names.translit import ARABIC_ARTICLE, RUSSIAN_READING, ascii_tokens, needs_russian_reading

# Articles and honorifics carry no identity of their own.
_LATIN_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})
_DROP = _LATIN_HONORIFICS | frozenset({"haji", "hajji", "sheikh", "shaykh", "al", "el", "ul", "ad",
                                      "ar", "as", "ash", "at", "az", "ed", "er", "es", "ال"})
# The article after a name's case ending, assimilated or not: Fazl ur Rahman, Salah ud
# Din, Nur uz Zaman (in a person's name only: US is the United States)
_ASSIMILATED_ARTICLES = frozenset({"ud", "ur", "us", "uz"})
# The words left out, by (person, Arabic script): Latin honorifics only in Latin letters
# (عمر romanises as "mr", and it is Umar)
_DROPPED = {(person, arabic): (_DROP - _LATIN_HONORIFICS if arabic else _DROP) | (
    _ASSIMILATED_ARTICLES if person else frozenset()) for person in (False, True) for arabic in (False, True)}
# A slip in a long honorific leaves it an honorific (HAHJJI, SHEIKKH); short ones are one
# letter from names (Haji: Hadi, Naji), so only these, and only in a word of 6 letters or more.
_LONG_HONORIFICS = ("hajji", "sheikh", "shaykh")
_MISSPELT_HONORIFIC_MIN = 6
# "Servant of" + a name of God is one name written many ways: عبد الرحمن, عبدالرحمن,
# Abd al-Rahman, Abdul Rahman, Abdulrahman, Abdel-Rahman, Abdurrahman.  Every form is
# brought to the same two tokens, "abd" and the name without its article, so the
# parts align whichever way a list writes them (Abdullah stays one word).
_ARABIC_ABDALLAH = re.compile(r"عبد\s*الله(?!\w)")
_ARABIC_ABD = re.compile(r"عبد\s*(?:ال)?(?=\w{2,})")
# The article after Abd is written l, or assimilated to the r of the name (ABDURRAHMAN:
# abdur + rahman) or left out (ABDURASHID: abdu + rashid, not abdur + ashid), never cut
# from its l (ABDULHAI is abdul + hai, not abdu + lhai); three-letter names: Ali, Hai, Haq
_LATIN_ABD = re.compile(
    r"^(?:abdoul|abdul|abdel|abdal|abdol|abdur(?=r)|abdar(?=r)|abder(?=r)|abdil|abdou|abdu(?!l)|abde(?=r)|abda(?=r))"
    r"([a-z]{4,}|ali|hai|hay|haq)$")
_GOD = re.compile(r"^(?:l?lah|l?la|llahi?|lahi|l?laye)$")  # Abdillah, Abdulla, Abdoulaye: Abdullah, one word
_SLAVIC_SURNAME = re.compile(r"(?:ov|ev|ova|eva|in|ina)$")  # Abdullayev, Abdulov: a surname, not two words
_ARABIC_WORD = re.compile(r"[\w\u0600-\u06FF]+")
# "for the" (لل) and "and the" (وال) written joined to an organisation's word, which the
# lists write as the word with its article (مكتب حنيفة للصرافة, … والمسلمين / WA AL-MUSLIMIN)
_ARABIC_LIL = re.compile(r"(?<!\w)لل(?=\w{3,})")
_ARABIC_WA_AL = re.compile(r"(?<!\w)وال(?=\w{3,})")
# "U.S.", "I.R.G.C.", "P.J.S" → one token: dotted initials are an abbreviation, not initials.
# "Co-" joined to a word is a prefix (Co-Diagnostics, Co-operative), not the legal form "Co."
_CO_PREFIX = re.compile(r"\b(co)-(?!(?:ltd|limited|llc|inc)\b)(?=[^\W\d_])", re.IGNORECASE)
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}(?:[^\W\d_]\b)?")
# ... and one that a missing space glued to the word before it: "FUTURE BANKB.S.C." is
# FUTURE BANK B.S.C. (the run of dotted letters must end the word)
_GLUED_DOTTED = re.compile(r"(?<=[^\W\d_]{3})(?=(?:[^\W\d_]\.){2,}(?!\w))")


@dataclass(slots=True, frozen=True)
class PreparedName:
    """``tokens`` ASCII words (legal forms removed for organisations), ``phon`` and
    ``skel`` their keys, ``script`` the original script, ``forms`` removed legal forms."""

    original: str
    script: str
    tokens: tuple[str, ...]
    phon: tuple[str, ...]
    skel: tuple[str, ...]
    forms: tuple[str, ...]


def _words(name: str, script: str, person: bool) -> list[tuple[str, str]]:
    """(ASCII token, consonant skeleton) per word of the name."""
    if script == "Arabic":
        out = []
        name = _ARABIC_ABD.sub("عبد ", _ARABIC_ABDALLAH.sub(" abdallah ", _joined_arabic_words(name)))
        if not person:  # (a person's name may begin so: والتر is Walter)
            name = _ARABIC_WA_AL.sub("و ال", _ARABIC_LIL.sub("ال", name))
        found = _ARABIC_WORD.findall(ARABIC_ARTICLE.sub("ال ", name))
        for n, word in enumerate(found):
            if word.endswith("ة") and len(word) > 1:
                construct = not person and n + 1 < len(found) and found[n - 1:n] != ["ال"]
                word = _ta_marbuta(word, construct)
            if word in _ARABIC_PARTICLES:
                particle = _ARABIC_PARTICLES[word]
                out.append((particle, skeleton_key(particle)))
                continue
            toks = ascii_tokens(word, script)
            if toks:
                out.append(("".join(toks), arabic_skeleton(word) if not word.isascii() else skeleton_key(toks[0])))
        return out
    if script in KOREAN_READINGS:  # (syllable by syllable, in the reading's style)
        name, script = romanise_korean(name, KOREAN_READINGS[script], person), "Latin"
    name = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", _GLUED_DOTTED.sub(" ", name))
    name = _CO_PREFIX.sub(r"\1", name)
    tokens = [t for tok in ascii_tokens(name, script) for t in _abd_parts(tok)]
    if person:
        tokens = _without_glued_articles(tokens)
    return [(t, skeleton_key(t)) for t in tokens]


def _without_glued_articles(tokens: list[str]) -> list[str]:
    """A name with the article of the bound name after it glued on (ZIAUL HAQ, HABIBUR
    RAHMAN, FAZLUR REHMAN, SALAHUD DIN: South Asian spellings) without it, as ZIA UL HAQ
    and FAZL-UR REHMAN are read (the separate article is left out)."""
    out = list(tokens)
    for i in range(len(out) - 1):
        article = glued_article(out[i + 1]) if out[i + 1] in BOUND_NAMES else None
        if article is not None and out[i].endswith(article) and len(out[i]) >= len(article) + 3:
            out[i] = out[i][:-len(article)]
    return out


# Urdu and Pashto letter forms read as the Arabic/Persian letter they stand for: the
# final heh of اللہ is that of الله (inside a word Urdu ہ often marks aspiration, which
# romanisations place anywhere or leave out: چوہدری, Chaudhry / Chaudry); a zero-width
# non-joiner separates the parts of one Persian word (محمدی‌نژاد).
_ARABIC_LETTER_FORMS = str.maketrans({"ۃ": "ة", "ے": "ی", "ۓ": "ی", "ى": "ي", "\u200c": ""})
_URDU_FINAL_HEH = re.compile(r"ہ(?!\w)")
# A surname and a Persian suffix are one word in Latin letters but often two in Arabic
# script (ارلنی زاده, Arlanizadeh; زارع پور, Zarepour).
_JOINED_SUFFIX = re.compile(r"(?<!\S)(\w+)\s+(زاده|پور|نژاد)(?!\w)")
# ... and a name + Allah one word in Arabic script as often as two (خيرالله, خير الله:
# Khairullah; روح‌الله: Ruhollah): as two, which the scorer joins as the lists do
# (Abdallah, عبدالله, stays one word)
_GLUED_ALLAH = re.compile(r"(?<=\w\w)(?<!عبد)الله(?!\w)")


def _joined_arabic_words(name: str) -> str:
    name = _URDU_FINAL_HEH.sub("ه", name.translate(_ARABIC_LETTER_FORMS))
    return _GLUED_ALLAH.sub(" الله", _JOINED_SUFFIX.sub(r"\1\2", name))


def _ta_marbuta(word: str, construct: bool) -> str:
    """A word ending in ة as the lists romanise it: "-at" before the noun it is joined
    to, which a noun without its own article is (جبهة النصرة, Jabhat al-Nusrah; هيئة
    تحرير الشام, Hay'at Tahrir al-Sham), "-a(h)" elsewhere (الجماعة الإسلامية, al-Jama'a
    al-Islamiya).  Persons' names have no such compounds: ساجدة خير الله is Sajida."""
    return word[:-1] + ("ت" if construct else "ا")


ABD = "abd"
"""The first part of an Abd-compound: bound to the name after it, not a name of its own."""
ALLAH = "allah"
"""الله as a word of its own (ثناء الله): lists join it to the name before (Sanaullah)."""

# Fixed words of Arabic names, read as the lists romanise them (ICU spells them out
# letter by letter: ابو → "abw", الله → "allh"); the honorifics Haji and Shaykh are then
# dropped like their Latin spellings.
_ARABIC_PARTICLES = {"عبد": ABD, "الله": ALLAH, "بن": "bin", "ابن": "ibn", "بنت": "bint",
                     "ابو": "abu", "أبو": "abu", "ابي": "abi", "أبي": "abi",
                     "حاجی": "haji", "حاجي": "haji", "حاج": "haji", "شیخ": "shaykh", "شيخ": "shaykh"}


def _misspelt_abd(token: str, canonical: str) -> bool:
    """Whether ``token`` (no given name of the table: ``canonical`` is itself) is ABDUL or
    ABDEL with one slip after the d (ABDNL, ABDLU, ABDYL): the most frequent word of
    listed Arabic names is the one most often mistyped."""
    return (len(token) == 5 and token.startswith("abd") and canonical == token
            and min(OSA.distance(token, "abdul"), OSA.distance(token, "abdel")) <= 1)


def _abd_parts(token: str) -> tuple[str, ...]:
    """A romanised token as its Abd-compound parts: abdulrahman → (abd, rahman),
    abdel → (abd,); any other token unchanged."""
    canonical = canonical_given_name(token)
    if canonical == ABD or _misspelt_abd(token, canonical):  # abdul, abdel, abdou … (the given-name table's "abd" family)
        return (ABD,)
    m = _LATIN_ABD.match(token)
    if (m is None or canonical != token or _SLAVIC_SURNAME.search(token)
            or _GOD.match(m.group(1))):
        return (token,)
    name = m.group(1)
    # (the article assimilated and doubled: ABDUSSALAM, ABDUZZAHIR)
    return (ABD, name[1:] if len(name) > 4 and name[0] == name[1] else name)


_SURNAME_FIRST = re.compile(r"^([^,]+),\s*([^,]+)$")


def _given_names_first(name: str) -> str:
    """"SURNAME, Given Names" (OFAC's and OFSI's order) as "Given Names SURNAME", so the
    words of a person's name stand in one order whichever list wrote them (an
    Abd-compound split by the comma, "BAKI, Abdul", is Abdul Baki again)."""
    m = _SURNAME_FIRST.match(name)
    return f"{m.group(2)} {m.group(1)}" if m else name


ACRONYM_OPTIONAL = frozenset({"of", "the", "and", "for", "in", "de", "al", "el", "ul", "ash", "as", "ad", "ar"})
"""Linking words an acronym may leave out: "Harakat ul-Mujahidin" is HUM, "Hay'at Tahrir
al-Sham" HTS, "Popular Front for the Liberation of Palestine" PFLP."""


def _without_own_acronym(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An organisation's name without its own acronym written beside it
    ("HARAKAT UL-MUJAHIDIN / HUM", "HTS HAY'AT TAHRIR AL-SHAM"): the acronym adds no
    identity, and a list that leaves it out would otherwise disagree by a word."""
    if len(words) < 3:
        return words
    tokens = [t for t, _ in words]
    for pos in (len(tokens) - 1, 0):
        acro = tokens[pos]
        rest = tokens[:pos] + tokens[pos + 1:]
        if 3 <= len(acro) <= 6 and acro.isalpha() and _spells(acro, rest):
            return words[:pos] + words[pos + 1:]
    return words


def _spells(acro: str, words: list[str]) -> bool:
    """Whether the initials of ``words``, each optional word used or skipped, are ``acro``.
    (Dynamic programming over the letters spelt so far: linear, whatever the name.)"""
    reach = {0}  # how many letters of ``acro`` the words so far can have spelt
    for word in words:
        nxt = {k + 1 for k in reach if k < len(acro) and word[0] == acro[k]}
        if word in ACRONYM_OPTIONAL:
            nxt |= reach
        if not nxt:
            return False
        reach = nxt
    return len(acro) in reach


# Ranks and titles written before a person's name ("Brigadier General Amir Ali HAJIZADEH",
# "Maj. Gen. Hossein SALAMI", "Eng. Mohammad ESLAMI", "Maulavi Adam KHAN"); only in front,
# and only while two words of the name are left: MAJOR is a surname, SARDAR KHAN a name.
_LEADING_TITLES = frozenset({
    "gen", "general", "brig", "brigadier", "maj", "major", "lt", "lieutenant", "col", "colonel",
    "capt", "captain", "cmdr", "commander", "adm", "admiral", "rear", "vice", "sgt", "sergeant",
    "eng", "engr", "engineer", "prof", "professor", "sardar", "sarlashkar", "sartip",
    "maulavi", "mawlawi", "mawlavi", "maulvi", "mullah", "mulla", "mufti", "ayatollah", "hojatoleslam",
})


# What a ship's name is prefixed with in shipping documents: motor vessel, motor tanker,
# motor ship, steamship, motor yacht, fishing, research and sailing vessel (M/V splits
# into single letters, which are dropped anyway; MV and M.T. do not).
_VESSEL_PREFIXES = frozenset({"mv", "mt", "ms", "ss", "my", "fv", "rv", "sv", "mts", "tss"})


def _without_leading_titles(words: list[tuple[str, str]], titles: frozenset[str],
                            keep: int) -> list[tuple[str, str]]:
    """``words`` without the ``titles`` in front, while more than ``keep`` words are left."""
    start = 0
    while len(words) - start > keep and words[start][0] in titles:
        start += 1
    return words[start:]


# Invisible characters inside a word that are not a word break: a soft hyphen (a
# hyphenation point that word processors and PDFs keep: KHORA\u00adSAN), a word joiner, a
# zero-width joiner, a byte-order mark.
_INVISIBLE_IN_WORDS = str.maketrans(dict.fromkeys("\u00ad\u2060\u200d\ufeff", ""))


def compatible_letters(name: str) -> str:
    """``name`` with the presentation forms of letters as the letters (NFKC): text taken
    from a PDF holds Arabic letters in their joined shapes (ﻫﺎﻟﺔ ﺳﺮﺣﺎﻥ is هالة سرحان),
    whose romanisation and consonant skeleton were lost; East Asian documents write
    Latin names in full-width letters (Ｍｏｈａｍｍａｄ); ligatures (ﷲ, ﬁ) are spelt out.
    Invisible characters inside words are left out (``_INVISIBLE_IN_WORDS``)."""
    if name.isascii():
        return name
    return unicodedata.normalize("NFKC", name).translate(_INVISIBLE_IN_WORDS)


def _misspelt_honorific(token: str) -> bool:
    return len(token) >= _MISSPELT_HONORIFIC_MIN and any(OSA.distance(token, h) <= 1 for h in _LONG_HONORIFICS)


def prepare_name(name: str, schema: str | None = None, script: str | None = None) -> PreparedName:
    text = compatible_letters(name)
    script = script or detect_script(text)
    person = schema == "Person"
    words = _words(_given_names_first(text) if person else text, script, person)
    forms: tuple[str, ...] = ()
    if schema != "Person":
        words = _without_own_acronym(words)
        without, forms = _without_legal_forms(words, [t for t, _ in words])
        if forms:
            words = _without_own_acronym(without)
    drop = _DROPPED[person, script == "Arabic"]
    kept = [w for w in words if w[0] not in drop and (len(w[0]) > 1 or script == "Han")
            and not (person and _misspelt_honorific(w[0]))]
    if kept:
        words = kept
    if person and script == "Latin":
        words = _without_leading_titles(words, _LEADING_TITLES, 2)
    elif schema == "Vessel":
        words = _without_leading_titles(words, _VESSEL_PREFIXES, 1)
    return PreparedName(
        original=name,
        script=script,
        tokens=tuple(t for t, _ in words),
        phon=tuple(phonetic_key(t) for t, _ in words),
        skel=tuple(s for _, s in words),
        forms=forms,
    )


_PARENTHESES = re.compile(r"\s*\([^()]*\)")
# "X a.k.a. Y", "X T/A Y" (trading as), "X f.k.a. Y", "X d/b/a Y": payment messages and
# shipping documents give a party's other names in one field
_ALIAS_MARKER = re.compile(
    r"(?:^|\s|,)(?:a\.k\.a\.?|aka|f\.k\.a\.?|fka|n\.k\.a\.?|d/b/a|d\.b\.a\.?|dba|t/a|"
    r"also known as|formerly known as|formerly|trading as|doing business as)(?=\s|:|$)", re.IGNORECASE)


def without_parentheses(name: str) -> str | None:
    """The name without what it holds in parentheses, when that leaves a name (else
    None): lists append acronyms, countries and notes that another writing leaves out
    ("KHATAM AL-ANBIYA CONSTRUCTION HEADQUARTERS (KAA)", "VTB BANK, PJSC (UKRAINE)",
    "PISHGAM ELECTRONIC SAFEH (UAE)")."""
    stripped = " ".join(_PARENTHESES.sub(" ", name).split())
    return stripped if stripped and stripped != name and any(ch.isalpha() for ch in stripped) else None


def prepare_query(name: str, schema: str | None = None) -> list[PreparedName]:
    """A query name and its other readings: Ukrainian or Belarusian Cyrillic is also read
    with the Russian table, since lists romanise such names either way; an
    organisation's name with Russian, Ukrainian, Persian, Arabic or Chinese generic words
    is also read with them in English, since lists translate such names as often as they
    romanise them (``names/org_words.py``); a Korean name is also read in the North's
    spelling and in the Revised Romanization (``names/korean.py``); a name with a part in
    parentheses is also read without it, as listed names are indexed, and a field that
    gives several names ("X a.k.a. Y", "X T/A Y") is also read name by name."""
    first = prepare_name(name, schema)
    readings = [first]

    def read(other_name: str, script: str) -> None:
        """Add ``other_name`` read as ``script`` (a pseudo-script for another table),
        unless a reading already there has its words (as spelt: the Korean styles'
        CHONG and JONG share a key, and short words are compared as spelt)."""
        other = prepare_name(other_name, schema, script)
        if other.phon and all(other.tokens != r.tokens for r in readings):
            readings.append(replace(other, original=first.original, script=first.script))

    bare = without_parentheses(name)
    parts = [p for p in _ALIAS_MARKER.split(name) if any(ch.isalpha() for ch in p)]
    for other_name in ([bare] if bare is not None else []) + (parts if len(parts) > 1 else []):
        # (without parentheses, as a listed name is also indexed; each of several names)
        read(other_name.strip(" ,;:"), first.script)
    if first.script == "Cyrillic" and needs_russian_reading(name):
        read(name, RUSSIAN_READING)
    if first.script == "Hangul":  # the North's spelling and the Revised Romanization too
        for reading in KOREAN_READINGS:
            if reading != first.script:
                read(name, reading)
    if schema != "Person" and first.script == "Latin":
        for other_name in _phrases_renamed(first.tokens):
            read(other_name, first.script)
    if schema != "Person":
        readings += [t for t in map(_translated, readings) if t is not None]
        chinese = han_in_english(name) if first.script == "Han" else None
        if chinese is not None:
            readings.append(replace(prepare_name(chinese, schema, "Han"), original=first.original))
    return readings


# Phrases of a body's name that lists also write another way: a country ("… of North
# Korea" is "… of the DPRK" on the UN list), a trade (OFSI's KOREA HYOKSIN EXPORT AND
# IMPORT CORPORATION is OFAC's KOREA HYOKSIN TRADING CORPORATION: 무역, 进出口).
_OTHER_PHRASES = (("north korea", "dprk"), ("democratic peoples republic of korea", "dprk"),
                  ("dprk", "north korea"),
                  ("export and import", "trading"), ("import and export", "trading"))


def _phrases_renamed(tokens: tuple[str, ...]) -> list[str]:
    """The name (its words) with a phrase of ``_OTHER_PHRASES`` written the other way,
    one reading per phrase it holds."""
    text = " " + " ".join(tokens) + " "
    out = []
    for phrase, other in _OTHER_PHRASES:
        if f" {phrase} " in text:
            out.append(text.replace(f" {phrase} ", f" {other} ").strip())
    return out


def _translated(p: PreparedName) -> PreparedName | None:
    """``p`` with its generic words in English, or None when it has none."""
    tokens: list[str] = []
    phon: list[str] = []
    skel: list[str] = []
    for t, ph, sk in zip(p.tokens, p.phon, p.skel, strict=True):
        en = english_words(t, p.script)
        if en is None or en == (t,):
            tokens.append(t)
            phon.append(ph)
            skel.append(sk)
        else:
            tokens += en
            phon += [phonetic_key(w) for w in en]
            skel += [skeleton_key(w) for w in en]
    if tokens == list(p.tokens):
        return None
    # a generic word may be a legal form in English (компания → company), and the listed
    # English name has it taken off
    words, forms = _without_legal_forms(list(zip(tokens, phon, skel, strict=True)), tokens)
    return replace(p, tokens=tuple(w[0] for w in words), phon=tuple(w[1] for w in words),
                   skel=tuple(w[2] for w in words), forms=p.forms + forms)


_W = TypeVar("_W")


def _without_legal_forms(words: list[_W], tokens: list[str]) -> tuple[list[_W], tuple[str, ...]]:
    """``words`` (one per token of ``tokens``) without those of a legal-form phrase, and
    the tokens taken off."""
    pos = legal_form_positions(tokens)
    if not pos:
        return words, ()
    return [w for i, w in enumerate(words) if i not in pos], tuple(tokens[i] for i in sorted(pos))
