"""Sanctioned and occupied regions, and embargoed countries, recognised from addresses.

A consignee in Simferopol is in Crimea whatever country code the order carries (``UA``, ``RU``
or none), so the address text is read against the bundled ``regions`` table: region names and
localities of Crimea, Sevastopol, the so-called DNR/LNR and the occupied parts of Zaporizhzhia
and Kherson oblasts, plus city and country names of Iran, North Korea and Cuba.  Names that are
also places elsewhere (Tokmak, Primorsk, Shiraz …) only count with their region named (or, for
a city of an embargoed country, that country declared).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from uavscreen.data import control_table
from uavscreen.geo.textfold import Gazetteer, fold


@dataclass(frozen=True, slots=True)
class Region:
    """A sanctioned or occupied area: ISO 3166-2 code, name, category and legal basis."""

    code: str
    name: str
    category: str
    basis: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class _Place:
    region: Region | None
    country: str
    ambiguous: bool
    exclude_with: tuple[str, ...]
    is_region_name: bool


_OBLAST_WORDS = ("oblast", "obl", "region", "province", "oblasti", "district", "raion", "rayon",
                 "область", "обл", "області", "район")
_OBLAST_FOLDED = tuple(fold(w) for w in _OBLAST_WORDS)


def _only_as_oblast(folded: str, name: str) -> bool:
    """True when every occurrence of ``name`` in the folded text is followed by an oblast word."""
    key = f" {fold(name)} "
    start = folded.find(key)
    while start >= 0:
        rest = folded[start + len(key):]
        if not any(rest.startswith(f"{w} ") or rest == w for w in _OBLAST_FOLDED):
            return False
        start = folded.find(key, start + 1)
    return True


@dataclass(frozen=True, slots=True)
class RegionHit:
    """Where an address lies: the region (or only the country), and the words that said so."""

    country: str
    region: Region | None
    matched: str

    @property
    def category(self) -> str:
        return self.region.category if self.region else "country"


def _place_rows(rows: list[Any]) -> list[tuple[list[str], bool, tuple[str, ...]]]:
    out = []
    for row in rows:
        if isinstance(row, dict):
            out.append((list(row["names"]), bool(row.get("ambiguous")), tuple(row.get("exclude_with", []))))
        else:
            out.append((list(row), False, ()))
    return out


@dataclass(slots=True)
class _Tables:
    gazetteer: Gazetteer[_Place]
    context: dict[str, Gazetteer[bool]]


@cache
def _tables() -> _Tables:
    table = control_table("regions")
    entries: list[tuple[str, _Place]] = []
    context: dict[str, Gazetteer[bool]] = {}
    for r in table["regions"]:
        region = Region(r["code"], r["name"], r["category"], tuple(r.get("basis", [])), r["source"])
        for name in r.get("region_names", []):
            entries.append((name, _Place(region, "UA", False, (), True)))
        context[region.code] = Gazetteer((n, True) for n in [*r.get("region_names", []), *r.get("region_context", [])])
        for names, ambiguous, exclude in _place_rows(r.get("places", [])):
            for name in names:
                entries.append((name, _Place(region, "UA", ambiguous, exclude, False)))
    for c in table["country_places"]:
        country = c["country"]
        for name in c.get("country_names", []):
            entries.append((name, _Place(None, country, False, (), True)))
        context[country] = Gazetteer((n, True) for n in c.get("country_names", []))
        for names, ambiguous, exclude in _place_rows(c.get("places", [])):
            for name in names:
                entries.append((name, _Place(None, country, ambiguous, exclude, False)))
    return _Tables(Gazetteer(entries), context)


def locate(address: str | None, country: str | None = None) -> list[RegionHit]:
    """Sanctioned regions and embargoed countries that ``address`` places the party in.

    ``country`` is the declared ISO code; it only decides whether an ambiguous name counts."""
    if not address:
        return []
    return list(_locate(address, country))


@lru_cache(maxsize=16384)
def _locate(address: str, country: str | None) -> tuple[RegionHit, ...]:
    tables = _tables()
    folded = f" {fold(address)} "
    hits: dict[tuple[str, str], RegionHit] = {}
    for hit in tables.gazetteer.find(address):
        place = hit.value
        if any(f" {fold(w)} " in folded for w in place.exclude_with):
            continue
        if not place.is_region_name and _only_as_oblast(folded, hit.name):
            continue  # "Donetsk oblast" names the oblast (partly free), not the occupied city
        key = place.region.code if place.region else place.country
        if place.ambiguous:
            # A region's ambiguous locality needs its region named (Tokmak, Zaporizhzhia oblast);
            # a country's ambiguous city needs the country named or declared (Shiraz, IR).
            named = any(True for _ in tables.context[key].find(address))
            if not named and (place.region is not None or country != place.country):
                continue
        code = place.region.code if place.region else place.country
        hits.setdefault((place.country, code), RegionHit(place.country, place.region, hit.name))
    return tuple(hits.values())


def sanctioned_regions(address: str | None, country: str | None = None) -> list[RegionHit]:
    """Only the region hits (Crimea, Sevastopol, DNR, LNR, occupied Zaporizhzhia/Kherson)."""
    return [h for h in locate(address, country) if h.region is not None]


def countries_in(address: str | None, country: str | None = None) -> set[str]:
    """Embargoed countries (``IR``, ``KP``, ``CU``) an address names by city or country name."""
    return {h.country for h in locate(address, country) if h.region is None}
