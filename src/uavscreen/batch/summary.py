"""The summary of a batch run, written beside the output as ``<out>.summary.json``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class ChunkStats:
    """Counts for one chunk (or a whole run, when added up)."""

    records: int = 0
    rejects: int = 0
    hits: int = 0
    records_with_hits: int = 0

    def add(self, other: ChunkStats) -> None:
        self.records += other.records
        self.rejects += other.rejects
        self.hits += other.hits
        self.records_with_hits += other.records_with_hits


@dataclass(slots=True)
class Summary:
    input: str
    output: str
    rejects_file: str
    engine: str
    workers: int
    stats: ChunkStats
    seconds: float
    resumed_chunks: int = 0
    lists: dict[str, str] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.stats.records / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(d.pop("stats"))
        d["screened"] = self.stats.records - self.stats.rejects
        d["records_per_second"] = round(self.rate, 1)
        d["seconds"] = round(self.seconds, 2)
        return d


def rejects_path_for(out: Any) -> Any:
    """``<out>.rejects.csv`` beside the output (same type as ``out``: a Path)."""
    return out.with_name(out.name + ".rejects.csv")


def summary_path_for(out: Any) -> Any:
    return out.with_name(out.name + ".summary.json")
