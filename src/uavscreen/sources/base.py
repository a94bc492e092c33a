"""What every list format module provides, and the errors they raise.

A *format module* (``ofac_csv``, ``ofac_xml``, ``un``, ``uk``, ``csl``, ``dpl``, ``eu``,
``ftm`` …) knows one official file format.  It recognises its files by name **and**
content (never by folder name) and streams every record as an :class:`Entity`.
Discovery (``discover.py``) groups the files of one folder into a :class:`Snapshot`
and asks the format to load it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from uavscreen.model import Entity


class SourceError(Exception):
    """A list file that cannot be read as what it claims to be.  Always says which file,
    where in it (line, record, XML element) and why, so a user can act on it."""

    def __init__(self, file: str | Path, location: str | None, reason: str) -> None:
        self.file = str(file)
        self.location = location
        self.reason = reason
        where = f"{self.file}" + (f", {location}" if location else "")
        super().__init__(f"{where}: {reason}")


@dataclass(slots=True)
class Snapshot:
    """One dated copy of one official list: the files that make it up.

    ``source`` is the entity id prefix (``ofac_sdn``, ``ofac_cons``, ``un_sc``,
    ``uk_ofsi``, ``us_csl``, ``bis_dpl``, ``eu_fsf``, ``opensanctions``); ``version`` is the
    snapshot date (``YYYY-MM-DD``, from inside the file when it carries one, else the
    folder or file date)."""

    source: str
    format: str
    version: str
    files: list[Path] = field(default_factory=list)


class Format(Protocol):
    """A format module, as discovery sees it."""

    NAME: str

    def claim(self, path: Path, head: bytes) -> str | None:
        """Return the source id if ``path`` (whose first bytes are ``head``) is a file
        of this format, else None."""

    def version(self, snapshot: Snapshot) -> str | None:
        """The snapshot date written inside the files, if any."""

    def load(self, snapshot: Snapshot) -> Iterator[Entity]:
        """Stream every record of the snapshot as an Entity (bounded memory)."""


@dataclass(slots=True)
class Dataset:
    """Every entity loaded from a set of snapshots, and which snapshots they came from.
    ``versions`` (source → snapshot date) is what a verdict cites as the lists used;
    ``same_as`` links the records of one party across lists so a hit can show them all."""

    entities: list[Entity]
    snapshots: list[Snapshot]
    #: entity id → ids of the other listings of the same party (see ``linking.py``).
    same_as: dict[str, list[str]] = field(default_factory=dict)

    @property
    def versions(self) -> dict[str, str]:
        return {s.source: s.version for s in self.snapshots}
