"""``Screener``: the public Python entry point (see DESIGN.md, "Public contracts").

It holds one loaded :class:`Dataset` and hands each question to the room that owns it:
party names to ``matching``, goods to ``goods``, whole shipments to ``screening``.
The matcher's index is built on first use (or read from its on-disk cache).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uavscreen.model import Entity, Finding, MatchHit, Shipment, Verdict
from uavscreen.sources.base import Dataset

if TYPE_CHECKING:
    from uavscreen.matching.match import Matcher


class Screener:
    """Screens parties, goods and shipments against one loaded set of lists."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._matcher: Matcher | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def default(cls) -> Screener:
        """The lists installed under ``$UAVSCREEN_HOME`` by ``uavscreen lists update``,
        else the snapshots bundled in the package (works offline)."""
        from uavscreen.sources.bundle import load_default

        return cls(load_default())

    @classmethod
    def from_dir(cls, path: str | Path) -> Screener:
        """Every official list file found under ``path`` (newest snapshot per source)."""
        from uavscreen.sources.discover import load_dir

        return cls(load_dir(Path(path)))

    # ------------------------------------------------------------------ data
    def entities(self) -> Iterator[Entity]:
        return iter(self.dataset.entities)

    @property
    def lists(self) -> dict[str, str]:
        """Source → snapshot version of every list loaded."""
        return self.dataset.versions

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            from uavscreen.matching.match import Matcher

            self._matcher = Matcher.build(self.dataset)
        return self._matcher

    # ------------------------------------------------------------------ screening
    def match_party(
        self,
        name: str,
        schema: str | None = None,
        countries: Sequence[str] | None = None,
        birth_date: str | None = None,
        identifiers: Sequence[Any] | None = None,
        limit: int = 10,
    ) -> list[MatchHit]:
        """Listed entities ``name`` may be, best first, each scored and explained."""
        return self.matcher.match(
            name, schema=schema, countries=countries, birth_date=birth_date,
            identifiers=identifiers, limit=limit,
        )

    def screen_goods(
        self,
        description: str,
        hs_code: str | None = None,
        manufacturer: str | None = None,
        part_number: str | None = None,
    ) -> list[Finding]:
        """Findings for one invoice line (controlled item, misdeclared code …)."""
        from uavscreen.goods import screen_goods

        return screen_goods(description, hs_code=hs_code, manufacturer=manufacturer,
                            part_number=part_number)

    def screen(self, shipment: Shipment | dict[str, Any]) -> Verdict:
        """One verdict (CLEAR / REVIEW / BLOCK) with every finding for a shipment."""
        from uavscreen.screening import screen

        if not isinstance(shipment, Shipment):
            shipment = Shipment.model_validate(shipment)
        return screen(self, shipment)
