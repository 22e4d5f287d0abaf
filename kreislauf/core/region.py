"""A region: its actors and their streams, the unit that is imported, stored and matched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kreislauf.core.actors import Actor
from kreislauf.core.streams import Direction, Stream


@dataclass(frozen=True)
class Region:
    """A region with its actors and streams.

    ``nuts`` is a NUTS-3 code ("DEA5A"), ``ags`` a German Kreisschlüssel ("05974").
    Ids are unique within a region; the importers check that before building one.
    """

    id: str
    name: str
    country: str = "DE"
    nuts: str | None = None
    ags: str | None = None
    actors: tuple[Actor, ...] = ()
    streams: tuple[Stream, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def streams_by_id(self) -> dict[str, Stream]:
        return {s.id: s for s in self.streams}

    @property
    def offers(self) -> tuple[Stream, ...]:
        return tuple(s for s in self.streams if s.direction is Direction.OFFER)

    @property
    def needs(self) -> tuple[Stream, ...]:
        return tuple(s for s in self.streams if s.direction is Direction.NEED)

    def actor_of(self, stream: Stream) -> Actor:
        return self.actors_by_id[stream.actor]

    def summary(self) -> dict[str, int]:
        """Counts a person wants first: actors, offers, needs."""
        return {
            "actors": len(self.actors),
            "offers": len(self.offers),
            "needs": len(self.needs),
        }


__all__ = ["Region"]
