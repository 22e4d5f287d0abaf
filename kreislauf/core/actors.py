"""Actors: the companies, research institutes, municipalities and associations of a region."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ActorKind(StrEnum):
    COMPANY = "company"
    RESEARCH = "research"
    PUBLIC = "public"
    ASSOCIATION = "association"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Location:
    """A point in WGS84 degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of a region.

    ``nace`` is a NACE Rev. 2 / WZ 2008 code at any level ("10.51", "10.5", "10", "C");
    ``licences`` are the normalised waste codes ("13 02 05*") the actor may accept or
    treat; ``extra`` keeps fields beyond the region-file contract so that nothing a user
    sent is lost on the way through the database.
    """

    id: str
    name: str
    kind: ActorKind = ActorKind.COMPANY
    nace: str | None = None
    employees: int | None = None
    lat: float | None = None
    lon: float | None = None
    municipality: str | None = None
    licences: tuple[str, ...] = ()
    description: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def location(self) -> Location | None:
        if self.lat is None or self.lon is None:
            return None
        return Location(self.lat, self.lon)

    def holds_licence(self, code: str) -> bool:
        """True where ``code`` (normalised, "13 02 05*") is among the actor's licences.

        The hazardous star is ignored in the comparison: a licence for "13 02 05" covers
        "13 02 05*".
        """
        bare = code.rstrip("*").strip()
        return any(lic.rstrip("*").strip() == bare for lic in self.licences)


__all__ = ["Actor", "ActorKind", "Location"]
