"""HS / HTS / CN / TN VED commodity codes as written on invoices, parsed into one form.

Invoices write the same code many ways (``8542.31``, ``854231``, ``8542 31 90 00``,
``8542.31.0001``); list entries are HS-6 or HS-4.  Everything downstream compares
digit prefixes, so a code is reduced to its digits once, here, and anything that
cannot be a code is refused with a message that says why: a silently mangled code
would hide exactly the misdeclarations the goods screen exists to catch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from uavscreen.errors import UserError

# Separators people put between digit groups; anything else is an error, not noise.
_SEPARATORS = re.compile(r"[\s.\-/]+")
# A label some invoices put before the code ("HS 8542.31", "ТН ВЭД 8542310000", UK "ex 8542").
_LABEL = re.compile(r"^(?:hs|hts|htsus|cn|taric|tariff|schedule b|tn ?ved|тн ?вэд|gtip|code|ex)\b[\s:#.\-]*",
                    re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# Chapter 77 is reserved for future use in the Harmonized System; 98/99 are national
# chapters (US special classification provisions, EU/EAEU special codes), not goods.
_RESERVED_CHAPTERS = {"00", "77"}
_MAX_CHAPTER = 97


class InvalidHSCode(UserError):
    """A declared commodity code that cannot exist (letters, wrong length, no such
    chapter).  The invoice-screening layer turns it into a located input error."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"invalid HS code {code!r}: {reason}")


@dataclass(frozen=True, slots=True)
class HSCode:
    """A commodity code reduced to its digits (2 to 10), as declared.

    ``digits`` keeps national sub-headings (HTS 8-digit, Schedule B / TN VED 10-digit);
    ``hs6`` is ``None`` when only a chapter or heading was declared."""

    digits: str
    original: str

    @property
    def chapter(self) -> str:
        return self.digits[:2]

    @property
    def heading(self) -> str | None:
        return self.digits[:4] if len(self.digits) >= 4 else None

    @property
    def hs6(self) -> str | None:
        return self.digits[:6] if len(self.digits) >= 6 else None

    @property
    def level(self) -> str:
        """``chapter``, ``heading``, ``subheading`` (HS-6) or ``national`` (7-10 digits)."""
        n = len(self.digits)
        return "chapter" if n == 2 else "heading" if n < 6 else "subheading" if n == 6 else "national"

    def falls_under(self, prefix: str) -> bool:
        """True when this code lies inside the (2-10 digit) code ``prefix``."""
        return self.digits.startswith(prefix)

    def dotted(self) -> str:
        """The usual written form: ``8542.31`` / ``8542.31.90.00``."""
        return dotted(self.digits)

    def __str__(self) -> str:
        return self.digits


@lru_cache(maxsize=4096)
def dotted(digits: str) -> str:
    """``854231`` → ``8542.31``; ``8542319000`` → ``8542.31.90.00``; shorter codes as is."""
    if len(digits) <= 4:
        return digits
    rest = digits[6:]
    groups = [digits[:4], digits[4:6]] + [rest[i:i + 2] for i in range(0, len(rest), 2)]
    return ".".join(g for g in groups if g)


@lru_cache(maxsize=65_536)
def parse_hs(code: str) -> HSCode:
    """Parse a declared code.  Accepts a leading label (``HS``, ``HTS``, ``CN``,
    ``ТН ВЭД``, ``ex`` …), dots, spaces, hyphens and slashes between digit groups, and
    2, 4, 6, 8, 10 digits (or 7/9, as some national tariffs pad differently).  Raises
    :class:`InvalidHSCode` with the reason otherwise."""
    if not isinstance(code, str):
        raise InvalidHSCode(str(code), "a commodity code must be given as text")
    text = _LABEL.sub("", code.strip())
    if not text:
        raise InvalidHSCode(code, "the code is empty")
    digits = _SEPARATORS.sub("", text)
    if not digits.isascii() or not digits.isdigit():
        bad = next((c for c in digits if not (c.isascii() and c.isdigit())), "?")
        raise InvalidHSCode(code, f"only digits and the separators '.', ' ', '-', '/' are allowed, found {bad!r}")
    groups = _DIGITS.findall(text)
    if len(groups[0]) not in (2, 4, 6, 7, 8, 9, 10) and len(groups) > 1:
        raise InvalidHSCode(code, f"the first digit group {groups[0]!r} is neither a chapter (2 digits) nor a heading (4)")
    n = len(digits)
    if n < 2 or n == 3 or n == 5 or n > 10:
        raise InvalidHSCode(code, f"{n} digits; a code has 2 (chapter), 4 (heading), 6 (HS subheading) "
                                  "or 7 to 10 (national tariff line) digits")
    chapter = digits[:2]
    if chapter in _RESERVED_CHAPTERS or int(chapter) > _MAX_CHAPTER:
        raise InvalidHSCode(code, f"chapter {chapter} does not exist in the Harmonized System (01-97, 77 reserved)")
    if n >= 4 and digits[2:4] == "00":
        raise InvalidHSCode(code, f"heading {digits[:4]} does not exist (headings are numbered from {chapter}01)")
    return HSCode(digits=digits, original=code)
