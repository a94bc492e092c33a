"""One loaded :class:`Screener` per process, whichever engine asks for it.

Loading the lists and the name index takes seconds; a batch process (a local worker, a Spark
Python worker that serves many partitions) must pay that once, not per chunk or partition.
The index is read from the on-disk cache under ``$UAVSCREEN_HOME/cache`` when it is there, so
the first load in a parent writes the cache and every worker after it only reads it.
"""

from __future__ import annotations

from pathlib import Path

from uavscreen.heap import freeze_long_lived
from uavscreen.screener import Screener

_LOADED: dict[str, Screener] = {}


def load_screener(lists: str | Path | None = None) -> Screener:
    """The screener for ``lists`` (a folder of official files; None = installed/bundled),
    with its matcher built, loaded once per process."""
    key = str(Path(lists).resolve()) if lists else ""
    screener = _LOADED.get(key)
    if screener is None:
        screener = Screener.from_dir(lists) if lists else Screener.default()
        _ = screener.matcher  # build or read the name index now, not inside the first chunk
        _LOADED[key] = screener
        freeze_long_lived()
    return screener


def screener_fingerprint(screener: Screener) -> dict[str, object]:
    """What the results depend on besides the input: list versions and content, matcher version.
    A resumed run refuses to mix results from two different list sets."""
    from uavscreen.matching.index import dataset_key
    from uavscreen.matching.match import MATCHER_VERSION

    return {"lists": dict(sorted(screener.lists.items())), "dataset": dataset_key(screener.dataset),
            "matcher": MATCHER_VERSION}
