"""What the repository reports about stored regions: summaries and the import log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

#: ``progress(done, total)``: called while a region is stored (the CLI's progress bar).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RegionSummary:
    """A stored region in a line: id, name and counts."""

    id: str
    name: str
    country: str
    actors: int
    offers: int
    needs: int
    updated_at: datetime

    @property
    def streams(self) -> int:
        return self.offers + self.needs


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One entry of the import log: who stored, replaced or deleted a region, when,
    from which source, with how many actors and streams, in how many seconds."""

    id: int
    region_id: str
    action: str
    at: datetime
    by: str | None
    source: str | None
    actors: int
    streams: int
    seconds: float | None


__all__ = ["ImportRecord", "Progress", "RegionSummary"]
