"""Stable identities for the two sides of an alert.

* ``entity_fingerprint``: a listed entry's content hash.  A false-positive decision holds
  only while the entry reads the same; when the list changes the entry (new alias, new
  date of birth), its fingerprint changes and the pair is screened afresh.
* ``PartyQuery.key``: the screened party, normalised (case, spacing, order of values) so
  that the same counterparty sent twice is one counterparty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from uavscreen.model import Entity
from uavscreen.store.canonical import digest

_VOLATILE = ("source_version",)


def entity_fingerprint(entity: Entity) -> str:
    data = entity.to_dict()
    for key in _VOLATILE:
        data.pop(key, None)
    return digest(data)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class PartyQuery:
    """What was asked about one party: the inputs ``Screener.match_party`` takes."""

    name: str
    schema: str = "Any"
    countries: tuple[str, ...] = ()
    birth_date: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = field(default=())

    @cached_property
    def key(self) -> str:
        """Computed once per query (it is needed several times while recording)."""
        return digest({
            "name": _norm(self.name),
            "aliases": sorted({_norm(a) for a in self.aliases}),
            "schema": self.schema,
            "countries": sorted({c.upper() for c in self.countries}),
            "birth_date": self.birth_date,
            "identifiers": sorted({(t.lower(), _norm(v)) for t, v in self.identifiers}),
        })

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases), "schema": self.schema,
                "countries": list(self.countries), "birth_date": self.birth_date,
                "identifiers": [{"type": t, "value": v} for t, v in self.identifiers]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartyQuery:
        return cls(name=d["name"], schema=d.get("schema") or "Any",
                   countries=tuple(d.get("countries") or ()), birth_date=d.get("birth_date"),
                   identifiers=tuple((i["type"], i["value"]) for i in d.get("identifiers") or ()),
                   aliases=tuple(d.get("aliases") or ()))
