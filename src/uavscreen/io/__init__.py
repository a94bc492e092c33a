"""Reading shipments from files: JSON, JSON lines and CSV (one row per item).

Each reader streams its file (bounded memory, whatever the size) and yields one
:class:`~uavscreen.io.records.Record` per shipment: the validated ``Shipment``, or the located
errors that stop it from being screened.  A bad record never stops the batch; it is reported
with file, line/row, column and reason.
"""

from __future__ import annotations

from uavscreen.io.read import read_shipments
from uavscreen.io.records import Record

__all__ = ["Record", "read_shipments"]
