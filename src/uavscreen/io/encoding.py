"""Text encoding of an input file: BOMs, UTF-16 without BOM, UTF-8, and Windows-1251.

Orders exported from Russian-language accounting software are often Windows-1251, from Excel
often UTF-16; reading them as UTF-8 would either fail or silently garble every name, and a
garbled name never matches a list.  The encoding is decided from the first bytes; when it
cannot be decided the error says so and how to fix it (``--encoding``).
"""

from __future__ import annotations

import codecs

from uavscreen.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
SAMPLE = 1 << 16


_MIN_HIGH_BYTES = 8  # fewer non-ASCII bytes than this are stray bytes, not an encoding
_MAX_STRAY = 4


_CYRILLIC_VOWELS = frozenset("аеиоуыэюяёієїАЕИОУЫЭЮЯЁІЄЇ")
_MIN_VOWEL_SHARE = 0.27  # Russian names ≥ 0.32 per 20 names; Arabic in Windows-1256 ≤ 0.22
_MAX_MIXED_SHARE = 0.2   # Cyrillic letters inside Latin words: an accented Western text


def _looks_cp1251(sample: bytes) -> bool:
    """Mostly Cyrillic letters in the 0xC0-0xFF range of Windows-1251, no C1 control bytes,
    and read as Windows-1251 they look like Russian or Ukrainian: whole Cyrillic words
    (Latin-1 "Société" would read "Sociйtй") with a share of vowels no other single-byte
    script gives (Arabic in Windows-1256 reads as consonant clusters).  Measured on the
    bundled lists' names: a wrong guess would garble every name without a word of error."""
    high = [b for b in sample if b >= 0x80]
    if len(high) < _MIN_HIGH_BYTES:
        return False
    cyrillic = sum(1 for b in high if b >= 0xC0 or b in (0xA8, 0xB8, 0xAA, 0xBA, 0xAF, 0xBF, 0xB2, 0xB3))
    if cyrillic / len(high) <= 0.9 or 0x98 in high:
        return False
    text = sample.decode("cp1251", errors="replace")
    letters = [i for i, ch in enumerate(text) if "\u0400" <= ch <= "\u04ff"]
    if not letters:
        return False
    vowels = sum(1 for i in letters if text[i] in _CYRILLIC_VOWELS) / len(letters)
    mixed = sum(1 for i in letters if any(0 <= j < len(text) and text[j].isascii() and text[j].isalpha()
                                         for j in (i - 1, i + 1))) / len(letters)
    return vowels >= _MIN_VOWEL_SHARE and mixed < _MAX_MIXED_SHARE


def detect(sample: bytes, file: str, declared: str | None = None) -> str:
    """The encoding to read ``file`` with, from its first bytes (``sample``)."""
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(file, None, f"unknown encoding {declared!r}") from None
        return declared
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if len(sample) >= 4:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.3 and even_nul < 0.05:
            return "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a character cut by the sample's end
            return "utf-8"
        if _looks_cp1251(sample):
            return "cp1251"
        if sample.decode("utf-8", errors="replace").count("\ufffd") <= _MAX_STRAY:
            return "utf-8"  # UTF-8 with a few stray bytes: each is reported on its own line
        raise InputError(
            file, f"byte offset {exc.start}",
            f"not UTF-8 (byte 0x{sample[exc.start]:02x}) and not recognisably UTF-16 or Windows-1251; "
            "re-save the file as UTF-8 or name its encoding with --encoding",
        ) from None
