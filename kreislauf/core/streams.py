"""Streams: what an actor offers (has to give) or needs (wants)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kreislauf.core.units import Quantity, parse_unit


class Direction(StrEnum):
    OFFER = "offer"
    NEED = "need"


class StreamType(StrEnum):
    MATERIAL = "material"
    ENERGY = "energy"
    WATER = "water"
    EQUIPMENT = "equipment"
    SERVICE = "service"
    KNOWLEDGE = "knowledge"
    CAPACITY = "capacity"
    DATA = "data"


class Availability(StrEnum):
    CONTINUOUS = "continuous"
    SEASONAL = "seasonal"
    ONE_OFF = "one-off"


@dataclass(frozen=True, slots=True)
class Stream:
    """An offer or a need of one actor.

    ``ewc`` is the normalised six-digit waste code ("02 07 02", "13 02 05*");
    ``hazardous`` is true where the code carries the star or the user said so;
    ``quantity`` with ``unit`` (a canonical symbol of :mod:`kreislauf.core.units`).
    """

    id: str
    actor: str
    direction: Direction
    title: str
    type: StreamType = StreamType.MATERIAL
    description: str | None = None
    ewc: str | None = None
    hazardous: bool = False
    quantity: float | None = None
    unit: str | None = None
    temperature_c: float | None = None
    availability: Availability | None = None
    confidential: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_offer(self) -> bool:
        return self.direction is Direction.OFFER

    @property
    def amount(self) -> Quantity | None:
        """The quantity with its unit, where both are given."""
        if self.quantity is None or self.unit is None:
            return None
        return Quantity(self.quantity, parse_unit(self.unit, strict=False))

    @property
    def text(self) -> str:
        """Title and description: the free text the matching reads."""
        if self.description:
            return f"{self.title}. {self.description}"
        return self.title


__all__ = ["Availability", "Direction", "Stream", "StreamType"]
