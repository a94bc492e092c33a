"""One shipment as read from a file, with the located errors that keep it from screening."""

from __future__ import annotations

from dataclasses import dataclass, field

from uavscreen.errors import InputError
from uavscreen.model import Shipment


@dataclass(slots=True)
class Record:
    """``shipment`` is None when ``errors`` made it unusable; ``location`` is where it began
    (``line 12``, ``rows 4-6``)."""

    location: str
    shipment: Shipment | None
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.shipment is not None and not self.errors
