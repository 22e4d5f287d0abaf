"""Stored regions kept in memory between requests, checked against the database on
every use.

Loading a region of a few thousand actors and streams costs tens of milliseconds; the
pages and the API need it on nearly every request. The repository stamps a region's
``updated_at`` on every change (actors, streams, imports), so one indexed lookup of that
stamp tells whether the copy in memory is still the stored region -- in this process or
after a change made by another worker or the CLI.
"""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import select

from kreislauf.core.region import Region
from kreislauf.storage.database import read_transaction
from kreislauf.storage.repository import Repository
from kreislauf.storage.tables import RegionRow

_regions = RegionRow.__table__


class RegionCache:
    """``get(region_id)``: the stored region (None where there is none), loaded again only
    when its stamp changed."""

    def __init__(self, repo: Repository, size: int = 16) -> None:
        self.repo = repo
        self.size = size
        self._lock = threading.Lock()
        self._items: dict[str, tuple[datetime, Region]] = {}

    def stamp(self, region_id: str) -> datetime | None:
        with read_transaction(self.repo.engine) as connection:
            value = connection.scalar(
                select(_regions.c.updated_at).where(_regions.c.id == region_id)
            )
        return value  # type: ignore[no-any-return]

    def get(self, region_id: str) -> Region | None:
        found = self.current(region_id)
        return None if found is None else found[1]

    def current(self, region_id: str) -> tuple[datetime, Region] | None:
        """The stored region with its stamp (None where there is none): the stamp names
        this state of the region (for caches of what is built from it)."""
        stamp = self.stamp(region_id)
        if stamp is None:
            return None
        with self._lock:
            cached = self._items.get(region_id)
        if cached is not None and cached[0] == stamp:
            return cached
        region = self.repo.load_region(region_id)
        with self._lock:
            if len(self._items) >= self.size and region_id not in self._items:
                self._items.pop(next(iter(self._items)))
            self._items[region_id] = (stamp, region)
        return stamp, region

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


__all__ = ["RegionCache"]
