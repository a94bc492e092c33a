"""A name made ready for comparison: ASCII tokens, their phonetic and skeleton keys.

Both sides of a comparison (a listed name when the index is built, a query when it is
screened) go through :func:`prepare_name`, so they are normalised identically."""

from __future__ import annotations

from dataclasses import dataclass

from uavscreen.names.keys import phonetic_key, skeleton_key
from uavscreen.names.legal_forms import split_legal_forms
from uavscreen.names.script import detect_script
from uavscreen.names.translit import ascii_tokens

# Single-letter tokens and honorifics carry no identity of their own.
_DROP = frozenset({"mr", "mrs", "ms", "dr", "haji", "hajji", "sheikh", "shaykh", "al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es"})
_PERSON_SCHEMAS = frozenset({"Person"})


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

    @property
    def joined(self) -> str:
        return "".join(self.phon)


def prepare_name(name: str, schema: str | None = None, script: str | None = None) -> PreparedName:
    script = script or detect_script(name)
    tokens = ascii_tokens(name, script)
    forms: tuple[str, ...] = ()
    if schema not in _PERSON_SCHEMAS:
        tokens, forms = split_legal_forms(tokens)
    kept = tuple(t for t in tokens if t not in _DROP and not (len(t) == 1 and script != "Han"))
    if kept:
        tokens = kept
    return PreparedName(
        original=name,
        script=script,
        tokens=tokens,
        phon=tuple(phonetic_key(t) for t in tokens),
        skel=tuple(skeleton_key(t) for t in tokens),
        forms=forms,
    )
