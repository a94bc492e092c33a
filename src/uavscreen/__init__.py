"""uavscreen: export-compliance screening of parties, goods and routes against the
official sanctions and restricted-party lists, focused on Iran's UAV programme and its
supply of Russia.  Start with :class:`Screener`."""

from uavscreen import native

native.check()  # (before a compiled module is imported: none may be older than its source)

from uavscreen.model import Entity, Finding, MatchHit, Shipment, Verdict  # noqa: E402
from uavscreen.screener import Screener  # noqa: E402

__version__ = "0.1.0"
__all__ = ["Entity", "Finding", "MatchHit", "Screener", "Shipment", "Verdict", "__version__"]
