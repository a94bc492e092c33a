"""Part-number families: a token such as ``STM32H750VBT6`` → its family, category and
maker, from the maker's published numbering scheme (``data/goods/parts.yaml``).

Patterns describe families (``STM32*``, ``XC7*``, ``ADIS16*``), so parts never seen
before are recognised; that is what lets the screen generalise beyond any list of
part numbers.  All families are compiled into one anchored alternation and tried
only on tokens holding both a letter and a digit, which keeps a line to a few
regex attempts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # the regex parser moved in 3.11; both expose the same parse()
    from re._parser import parse as _sre_parse  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover
    from sre_parse import parse as _sre_parse  # type: ignore[no-redef,unused-ignore]

_TOKEN = re.compile(r"[0-9A-ZА-Я][0-9A-ZА-Я\-./:+#]*")
_HAS_DIGIT = re.compile(r"\d")
_HAS_LETTER = re.compile(r"[A-ZА-Я]")


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    pattern: str
    category: str
    maker: str
    source: str


@dataclass(frozen=True, slots=True)
class PartHit:
    """A token recognised as a member of a part family."""

    part: str
    family: Family


_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


def first_chars(pattern: str) -> set[str]:
    """The characters a token matching ``pattern`` can start with (all of them when
    the pattern's start is not a plain literal, set or group of those)."""

    def first(items: list[Any]) -> set[str] | None:
        if not items:
            return None
        op, arg = items[0]
        name = str(op)
        if name == "LITERAL":
            return {chr(arg)}
        if name == "IN":
            chars: set[str] = set()
            for kind, val in arg:
                if str(kind) == "LITERAL":
                    chars.add(chr(val))
                elif str(kind) == "RANGE":
                    chars.update(chr(c) for c in range(val[0], val[1] + 1))
                elif str(kind) == "CATEGORY" and "DIGIT" in str(val):
                    chars.update("0123456789")
                else:
                    return None
            return chars
        if name == "SUBPATTERN":
            return first(list(arg[-1]))
        if name == "BRANCH":
            out: set[str] = set()
            for branch in arg[1]:
                sub = first(list(branch))
                if sub is None:
                    return None
                out |= sub
            return out
        return None

    found = first(list(_sre_parse(pattern)))
    return found if found is not None else set(_ALPHABET)


class PartMatcher:
    """Finds part numbers of known families in free text.  Families are bucketed by
    their possible first character, so a token is tried only against the few
    families that could start with it."""

    def __init__(self, families: list[Family]) -> None:
        self.families = families
        buckets: dict[str, list[int]] = {}
        for i, f in enumerate(families):
            for ch in first_chars(f.pattern):
                buckets.setdefault(ch.upper(), []).append(i)
        self._rx: dict[str, re.Pattern[str]] = {}
        for ch, idx in buckets.items():
            alternatives = "|".join(f"(?P<f{i}>{families[i].pattern})" for i in idx)
            self._rx[ch] = re.compile(rf"(?:{alternatives})(?![A-Z0-9])")

    def find(self, text: str) -> list[PartHit]:
        """Every part-number token of a known family in ``text``, in order."""
        hits: list[PartHit] = []
        for tok in _TOKEN.findall(text.upper()):
            tok = tok.rstrip(".-/:+#")
            if len(tok) < 3 or not _HAS_DIGIT.search(tok) or not _HAS_LETTER.search(tok):
                continue
            rx = self._rx.get(tok[0])
            m = rx.match(tok) if rx is not None else None
            if m is None or m.lastgroup is None:
                continue
            hits.append(PartHit(part=m.group(0), family=self.families[int(m.lastgroup[1:])]))
        return hits


def load_families(table: dict[str, Any]) -> list[Family]:
    """The ``families`` of ``parts.yaml``; a bad regex names its family."""
    out = []
    for i, row in enumerate(table.get("families", [])):
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise RuntimeError(f"parts.yaml families[{i}] ({row.get('family')}): bad pattern: {exc}") from exc
        out.append(Family(name=row["family"], pattern=row["pattern"], category=row["category"],
                          maker=row["maker"], source=row["source"]))
    return out
