"""Keeping the cyclic garbage collector off the loaded lists.

A loaded screener is about a million long-lived Python objects (entities, names, index
rows).  CPython's cyclic collector walks every tracked object on each full (generation 2)
collection; a busy service allocating per request triggers one every second or so, and
each walk of the lists took 0.4-0.8 s, stalling every request of that process.  Measured
on the API with one worker: 16 full collections in 14 s, 4.5 s of CPU and the whole
latency tail.  ``gc.freeze`` moves everything alive into a permanent generation the
collector never walks; reference counting still frees what is dropped later.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect once, then exempt every surviving object from future cyclic collections.

    Call right after the long-lived data (screener, index) is loaded or swapped: objects
    frozen earlier are unfrozen first, so a replaced screener's cycles can still be freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
