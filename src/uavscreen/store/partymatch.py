"""Running a stored or received party query through the matcher.

A yente query may carry several names (``name`` plus aliases); ``Screener.match_party``
takes one.  Every name is matched and the hits merged per listed entity, keeping the
best-scoring name, so the live API and re-screening agree on what a party matches.
"""

from __future__ import annotations

from uavscreen.model import Identifier, MatchHit
from uavscreen.screener import Screener
from uavscreen.store.fingerprint import PartyQuery


def match_query(screener: Screener, party: PartyQuery, limit: int = 10) -> list[MatchHit]:
    identifiers = [Identifier(type=t, value=v) for t, v in party.identifiers]
    schema = None if party.schema in ("Any", "Thing", "") else party.schema
    best: dict[str, MatchHit] = {}
    for name in dict.fromkeys((party.name, *party.aliases)):
        if not name.strip():
            continue
        for hit in screener.match_party(name, schema=schema, countries=list(party.countries) or None,
                                        birth_date=party.birth_date, identifiers=identifiers or None,
                                        limit=limit):
            seen = best.get(hit.entity.id)
            if seen is None or hit.score > seen.score:
                best[hit.entity.id] = hit
    return sorted(best.values(), key=lambda h: h.score, reverse=True)[:limit]
