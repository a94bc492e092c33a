"""Korean (Hangul) names romanised the ways the lists write them.

ICU's Hangul-Latin follows the Revised Romanization letter by letter and glues a name's
syllables into one word (김영복 → *gim-yeongbog*), while the lists mostly write North
Korean parties in McCune–Reischauer without its diacritics, a syllable per word (KIM YONG
BOK, NO KWANG CHOL, CHOE Ryong Hae), or in the North's own spelling with J for ㅈ (KIM
Jong Un, JANG Song Thaek), and South Koreans in the Revised Romanization (SHIN GEUM
CHEOL).  A Hangul syllable is one initial, one vowel and an optional final consonant
(Unicode composes them arithmetically), so each style is three small tables:

* ``mr``: McCune–Reischauer without breves or apostrophes: ㅓ and ㅗ are both *o*, ㅡ and
  ㅜ both *u*; ㄱ ㄷ ㅂ ㅈ are *k t p ch* at the start of a word and *g d b j* inside it
  after a vowel or ㄴ ㄹ ㅁ ㅇ (KWANG CHOL, YONG BOK, CHOSON).
* ``dprk``: the same with ㅈ written *j* everywhere (JONG UN, JANG, JOSON).
* ``rr``: the Revised Romanization (GEUM CHEOL, JEONG).

Every syllable becomes a word: lists write given names a syllable at a time (KWANG CHOL,
KWANG-CHOL) or joined (KWANGCHOL), and the matcher joins two adjacent words when the
other name has them as one.
"""

from __future__ import annotations

from typing import Final

_FIRST, _LAST = 0xAC00, 0xD7A3  # the composed Hangul syllables
_MEDIALS, _FINALS = 21, 28

# initial consonants in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_MR_INITIAL: Final = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch",
                      "k", "t", "p", "h")
_MR_VOICED: Final = {0: "g", 3: "d", 7: "b", 12: "j"}  # ㄱ ㄷ ㅂ ㅈ inside a word, after a voiced sound
_RR_INITIAL: Final = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
                      "k", "t", "p", "h")
# vowels: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
_MR_VOWEL: Final = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
                    "we", "wi", "yu", "u", "ui", "i")
_RR_VOWEL: Final = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
                    "we", "wi", "yu", "eu", "ui", "i")
# finals: (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ, as
# pronounced at the end of a syllable (both styles)
_FINAL: Final = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
                 "t", "t", "ng", "t", "t", "k", "t", "p", "t")
_VOICING_FINALS: Final = frozenset({0, 4, 5, 6, 8, 16, 21})  # none (a vowel), ㄴ ㄵ ㄶ, ㄹ, ㅁ, ㅇ
_AFTER_L_OR_N: Final = frozenset({4, 8})  # ㄹ after ㄴ or ㄹ is read l (MR: Chŏlla, Illi)

READINGS: Final = {"Hangul": "mr", "HangulDprk": "dprk", "HangulRr": "rr"}
"""Script name (the detected script, and two pseudo-scripts for the other readings of a
query) → romanisation style."""
STYLES: Final = tuple(READINGS.values())


def is_hangul(ch: str) -> bool:
    return _FIRST <= ord(ch) <= _LAST


# Family names of two syllables; every other family name is one syllable.
_TWO_SYLLABLE_SURNAMES: Final = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"})


# How South Koreans spell the common family names in passports, which the lists copy
# (LEE CHANG HO for 리창호, SHIN GEUM CHEOL): used by the ``rr`` style for a person's
# family name, where the Revised Romanization would give i, sin, bak, choe.
_PASSPORT_SURNAMES: Final = {
    "김": "kim", "이": "lee", "리": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang",
    "조": "cho", "윤": "yoon", "장": "jang", "임": "lim", "림": "lim", "한": "han", "오": "oh",
    "서": "seo", "신": "shin", "권": "kwon", "황": "hwang", "안": "ahn", "송": "song", "류": "ryu",
    "유": "yoo", "전": "jeon", "홍": "hong", "고": "ko", "문": "moon", "양": "yang", "손": "son",
    "배": "bae", "백": "baek", "허": "heo", "노": "roh", "로": "roh", "남": "nam", "심": "shim",
    "하": "ha", "곽": "kwak", "성": "sung", "차": "cha", "주": "joo", "우": "woo", "구": "koo",
    "민": "min", "진": "jin", "지": "ji", "엄": "um", "채": "chae", "원": "won", "천": "chun",
}


def romanise(text: str, style: str = "mr", person: bool = False) -> str:
    """``text`` with every Hangul syllable romanised in ``style`` (``STYLES``) as a word
    of its own; other characters are kept.  For a ``person``, a name written as one word
    (김정은) is the family name and the given name: the given name's first consonant is
    read as a word's first (KIM JONG UN, NO KWANG CHOL, not NO GWANG CHOL)."""
    if style not in STYLES:
        raise ValueError(f"unknown Korean romanisation style {style!r}; expected one of {', '.join(STYLES)}")
    surname_start, surname_end = _surname(text) if person else (-1, -1)
    out: list[str] = []
    prev_final: int | None = None  # final of the previous syllable of the same word
    for pos, ch in enumerate(text):
        if not is_hangul(ch):
            out.append(ch)
            prev_final = None
            continue
        if pos and is_hangul(text[pos - 1]):
            out.append(" ")
        if pos == surname_end:
            prev_final = None
        if person and style == "rr" and pos == surname_start and ch in _PASSPORT_SURNAMES:
            out.append(_PASSPORT_SURNAMES[ch])
            prev_final = None
            continue
        n = ord(ch) - _FIRST
        initial, medial, final = n // (_MEDIALS * _FINALS), (n // _FINALS) % _MEDIALS, n % _FINALS
        out.append(_initial(initial, prev_final, style))
        out.append((_RR_VOWEL if style == "rr" else _MR_VOWEL)[medial])
        out.append(_FINAL[final])
        prev_final = final
    return "".join(out)


def _surname(text: str) -> tuple[int, int]:
    """Where a person's family name starts, and where the given name starts when the
    first word holds both (-1 when it does not)."""
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    run = 0
    while run < len(stripped) and is_hangul(stripped[run]):
        run += 1
    surname = 2 if stripped[:2] in _TWO_SYLLABLE_SURNAMES else 1
    return start, (start + surname if run > surname else -1)


def _initial(initial: int, prev_final: int | None, style: str) -> str:
    """The initial consonant, by where it stands in its word (``prev_final``: the final
    of the syllable before it, None at the start of a word)."""
    if initial == 5 and prev_final in _AFTER_L_OR_N:
        return "l"
    if style == "rr":
        return _RR_INITIAL[initial]
    if style == "dprk" and initial == 12:
        return "j"
    if prev_final is not None and prev_final in _VOICING_FINALS and initial in _MR_VOICED:
        return _MR_VOICED[initial]
    return _MR_INITIAL[initial]
