"""The controlled-item lists (EAR Supp. 7 to part 746, CHPL with tiers, EU and UK Iran
UAV annexes, FinCEN/BIS alert, June 2023 advisory), indexed by code prefix.

They come from the bundled ``hs_lists`` control table, so every citation a finding
carries (list, entry, tier, legal basis) is the curated text with its own source.
A code is on an entry when it falls under it (``8542.31.0001`` under ``854231``;
anything in heading ``8411`` under the EU's ``8411``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ListEntry:
    list_id: str
    list_name: str
    legal_citation: str
    hs: str
    description: str
    tier: str | None
    confirmed: bool
    source: str | None

    def citation(self) -> str:
        """One line a report can print: list, entry, tier, legal basis."""
        code = self.hs if len(self.hs) < 6 else f"{self.hs[:4]}.{self.hs[4:]}"
        tier = f", CHPL tier {self.tier}" if self.tier else ""
        unconfirmed = " (entry not confirmed against the primary source)" if not self.confirmed else ""
        return f"{self.list_name} — entry {code} {self.description}{tier}; {self.legal_citation}{unconfirmed}"


class ControlLists:
    """Lookup of list entries by HS code prefix."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.entries: list[ListEntry] = []
        self.names: dict[str, str] = {}
        for lst in table["lists"]:
            self.names[lst["id"]] = lst["name"]
            for e in lst.get("entries") or []:
                tier = e.get("chpl_tier") or e.get("tier")
                self.entries.append(ListEntry(
                    list_id=lst["id"], list_name=lst["name"], legal_citation=lst.get("legal_citation", ""),
                    hs=str(e["hs"]), description=e.get("description", ""),
                    tier=str(tier) if tier is not None else None,
                    confirmed=bool(e.get("confirmed", False)), source=e.get("source"),
                ))
        self._by_prefix: dict[str, list[ListEntry]] = {}
        for entry in self.entries:
            self._by_prefix.setdefault(entry.hs, []).append(entry)
        self._lengths = sorted({len(p) for p in self._by_prefix})
        self._cache: dict[str, tuple[list[ListEntry], list[str]]] = {}

    def lookup(self, digits: str) -> list[ListEntry]:
        """Entries that the code ``digits`` falls under."""
        return self._lookup(digits)[0]

    def citations(self, digits: str) -> list[str]:
        """The citation line of every entry ``digits`` falls under (a fresh list)."""
        return list(self._lookup(digits)[1])

    def _lookup(self, digits: str) -> tuple[list[ListEntry], list[str]]:
        hit = self._cache.get(digits)
        if hit is None:
            found: list[ListEntry] = []
            for n in self._lengths:
                if n <= len(digits):
                    found.extend(self._by_prefix.get(digits[:n], ()))
            hit = (found, [e.citation() for e in found])
            if len(self._cache) < 100_000:
                self._cache[digits] = hit
        return hit

    @staticmethod
    def chpl_tier(entries: list[ListEntry]) -> str | None:
        return next((e.tier for e in entries if e.list_id == "chpl"), None)
