"""Party matching: candidate retrieval (``index``), scoring (``score``) and the public
engine (``match``).  ``compare`` scores one query against one candidate, both given
as FollowTheMoney-style dicts, with the same score and features as a search hit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from uavscreen.matching.score import MATCH_THRESHOLD

__all__ = ["MATCH_THRESHOLD", "compare"]


def compare(query: Mapping[str, Any], candidate: Mapping[str, Any]) -> tuple[float, bool, dict[str, float]]:
    """(score, match, features) of ``query`` against ``candidate``."""
    from uavscreen.matching.pairwise import compare_entities

    hit = compare_entities(query, candidate)
    return hit.score, hit.match, hit.features
