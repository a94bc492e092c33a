"""The multilingual lexicon: invoice words → tags, in one Aho-Corasick pass.

A tag (``mcu``, ``uav``, ``two_stroke`` …) is evidence, not a verdict; categories
combine tags (see ``categories.py``).  Terms come from ``data/goods/lexicon.yaml``
(with morphology: a trailing ``*`` accepts any word ending, so ``микроконтроллер*``
finds every case form) and from the manufacturer names of ``parts.yaml``.  Measurement
patterns (``12K`` tow, ``6S`` packs, ``KV100`` motors, ``640x512`` thermal formats)
are regexes in the same file because no word list can enumerate them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from uavscreen.goods.text import is_cjk, normalise

_TAIL_SPACE = re.compile(r" +")
_WORD_REST = re.compile(r"\w*")


@dataclass(frozen=True, slots=True)
class _Term:
    tag: str
    text: str               # the term as written in the table
    stem: bool              # accepts any word ending
    tail: re.Pattern[str] | None  # rest of a multi-word term after an inner '*'
    free_start: bool        # CJK: no word boundary needed
    free_end: bool
    maker: str | None = None


@dataclass(slots=True)
class Scan:
    """What the lexicon found in one text: tag → the words that set it, and the
    manufacturers named."""

    tags: dict[str, list[str]] = field(default_factory=dict)
    makers: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the normalised texts scanned

    def add(self, tag: str, word: str) -> None:
        words = self.tags.setdefault(tag, [])
        if word not in words:
            words.append(word)


def _compile_term(raw: str, tag: str, maker: str | None) -> tuple[str, _Term] | None:
    norm = normalise(raw)
    if not norm:
        return None
    head, star, rest = norm.partition("*")
    tail = None
    stem = bool(star) and not rest
    if rest:  # a '*' inside a multi-word term: verify the remainder by regex
        parts = [re.escape(p) for p in rest.split("*")]
        pattern = r"\w*".join(parts)
        pattern = _TAIL_SPACE.sub(" ", pattern).replace(r"\ ", " ").replace(" ", r"[\s\-]+")
        stem = rest.endswith("*")
        tail = re.compile(r"\w*" + pattern + (r"\w*" if stem else ""))
    head = head.rstrip() if not rest else head
    term = _Term(tag=tag, text=raw, stem=stem, tail=tail, free_start=is_cjk(head[0]),
                 free_end=is_cjk(norm.rstrip("*")[-1]), maker=maker)
    return head, term


class Lexicon:
    """Tags of a text, found with one automaton over every term of every language."""

    def __init__(self, terms: Iterable[tuple[str, str, str | None]],
                 patterns: dict[str, tuple[str, list[str]]] | None = None) -> None:
        """``terms``: (term, tag, manufacturer name or None); ``patterns``: tag →
        (regex over normalised text, tags that must be present for it to be tried)."""
        self._automaton = ahocorasick.Automaton()
        keyed: dict[str, list[_Term]] = {}
        for raw, tag, maker in terms:
            compiled = _compile_term(raw, tag, maker)
            if compiled is not None:
                keyed.setdefault(compiled[0], []).append(compiled[1])
        for key, entries in keyed.items():
            # Terms that must start a word are keyed with the space that precedes every
            # word of a normalised text, so the automaton only reports word starts.
            bounded = [t for t in entries if not t.free_start]
            free = [t for t in entries if t.free_start]
            if bounded:
                self._automaton.add_word(" " + key, (len(key), tuple(bounded)))
            if free:
                self._automaton.add_word(key, (len(key), tuple(free)))
        self._automaton.make_automaton()
        self.size = len(keyed)
        self._patterns = [(tag, re.compile(rx), frozenset(after)) for tag, (rx, after) in (patterns or {}).items()]

    def scan(self, text: str, into: Scan | None = None) -> Scan:
        """Every tag whose term occurs in ``text`` (normalised here) at word boundaries."""
        scan = into if into is not None else Scan()
        norm = " " + normalise(text)
        scan.texts.append(norm)
        n = len(norm)
        for end, (length, entries) in self._automaton.iter(norm):
            start = end - length + 1
            after = end + 1
            for t in entries:
                stop = after
                if t.tail is not None:
                    m = t.tail.match(norm, after)
                    if m is None:
                        continue
                    stop = m.end()
                elif t.stem:
                    stop = _WORD_REST.match(norm, stop).end()  # type: ignore[union-attr]
                # A normalised text has a space between CJK and other scripts, so a
                # plain isalnum() is the word-boundary test here.
                if not (t.stem or t.free_end) and stop < n and norm[stop].isalnum():
                    continue
                scan.add(t.tag, norm[start:stop])
                if t.maker and t.maker not in scan.makers:
                    scan.makers.append(t.maker)
        return scan

    def measure(self, scan: Scan, present: set[str]) -> None:
        """Add measurement tags (``12k``, ``6s``, ``kv100`` …) to ``scan``, trying each
        pattern only when a tag it qualifies is in ``present``."""
        for tag, rx, after in self._patterns:
            if after.isdisjoint(present):
                continue
            for norm in scan.texts:
                m = rx.search(norm)
                if m:
                    scan.add(tag, m.group(0))
                    present.add(tag)
                    break


def load_lexicon(lexicon: dict[str, object], manufacturers: list[dict[str, object]]) -> Lexicon:
    """Build the lexicon from the ``lexicon.yaml`` tags and ``parts.yaml`` makers."""
    terms: list[tuple[str, str, str | None]] = []
    tags = lexicon.get("tags", {})
    assert isinstance(tags, dict)
    for tag, by_lang in tags.items():
        for words in by_lang.values():
            terms.extend((str(w), tag, None) for w in words)
    for maker in manufacturers:
        name = str(maker["name"])
        aliases = maker.get("aliases", [])
        maker_tags = maker.get("tags", [])
        assert isinstance(aliases, list) and isinstance(maker_tags, list)
        for alias in aliases:
            terms.extend((str(alias), str(tag), name) for tag in maker_tags)
    patterns = lexicon.get("patterns", {})
    assert isinstance(patterns, dict)
    return Lexicon(terms, {str(k): (str(v["regex"]), [str(a) for a in v["after"]]) for k, v in patterns.items()})
