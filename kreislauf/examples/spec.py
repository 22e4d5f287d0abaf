"""The small vocabulary the demo region is written in: actors and their offers and needs.

The sector modules write plain data with :func:`actor`, :func:`offer` and :func:`need`;
:func:`build_actor` turns one written actor into core objects, placing its marker a small,
deterministic distance (from a SHA-256 of its id, never from ``hash()`` or the clock) away
from its town's centre.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

from kreislauf.core import Actor, ActorKind, Availability, Direction, Stream, StreamType
from kreislauf.examples.places import PLACES

CONT = Availability.CONTINUOUS
SEAS = Availability.SEASONAL
ONCE = Availability.ONE_OFF

MATERIAL = StreamType.MATERIAL
ENERGY = StreamType.ENERGY
WATER = StreamType.WATER
EQUIPMENT = StreamType.EQUIPMENT
SERVICE = StreamType.SERVICE
KNOWLEDGE = StreamType.KNOWLEDGE
CAPACITY = StreamType.CAPACITY
DATA = StreamType.DATA

KM_PER_DEGREE = 111.195


@dataclass(frozen=True, slots=True)
class StreamSpec:
    """One offer or need as written in a sector module."""

    direction: Direction
    title: str
    quantity: float | None = None
    unit: str | None = None
    type: StreamType = StreamType.MATERIAL
    ewc: str | None = None
    description: str | None = None
    temperature_c: float | None = None
    availability: Availability | None = None
    confidential: bool = False


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """One actor as written in a sector module; ``place`` is a key of :data:`PLACES`."""

    id: str
    name: str
    nace: str
    employees: int | None
    place: str
    streams: tuple[StreamSpec, ...]
    kind: ActorKind = ActorKind.COMPANY
    licences: tuple[str, ...] = ()
    description: str | None = None


def _stream(
    direction: Direction,
    title: str,
    quantity: float | None,
    unit: str | None,
    *,
    type: StreamType,
    ewc: str | None,
    desc: str | None,
    temp: float | None,
    avail: Availability | None,
    confidential: bool,
) -> StreamSpec:
    return StreamSpec(
        direction=direction,
        title=title,
        quantity=quantity,
        unit=unit,
        type=type,
        ewc=ewc,
        description=desc,
        temperature_c=temp,
        availability=avail,
        confidential=confidential,
    )


def offer(
    title: str,
    quantity: float | None = None,
    unit: str | None = None,
    *,
    type: StreamType = StreamType.MATERIAL,
    ewc: str | None = None,
    desc: str | None = None,
    temp: float | None = None,
    avail: Availability | None = None,
    confidential: bool = False,
) -> StreamSpec:
    """Something the actor has to give."""
    return _stream(
        Direction.OFFER,
        title,
        quantity,
        unit,
        type=type,
        ewc=ewc,
        desc=desc,
        temp=temp,
        avail=avail,
        confidential=confidential,
    )


def need(
    title: str,
    quantity: float | None = None,
    unit: str | None = None,
    *,
    type: StreamType = StreamType.MATERIAL,
    ewc: str | None = None,
    desc: str | None = None,
    temp: float | None = None,
    avail: Availability | None = None,
    confidential: bool = False,
) -> StreamSpec:
    """Something the actor wants."""
    return _stream(
        Direction.NEED,
        title,
        quantity,
        unit,
        type=type,
        ewc=ewc,
        desc=desc,
        temp=temp,
        avail=avail,
        confidential=confidential,
    )


def actor(
    id: str,
    name: str,
    nace: str,
    employees: int | None,
    place: str,
    *streams: StreamSpec,
    kind: ActorKind = ActorKind.COMPANY,
    licences: tuple[str, ...] = (),
    desc: str | None = None,
) -> ActorSpec:
    """An actor with its offers and needs, in the order written."""
    return ActorSpec(
        id=id,
        name=name,
        nace=nace,
        employees=employees,
        place=place,
        streams=tuple(streams),
        kind=kind,
        licences=licences,
        description=desc,
    )


def marker_offset(key: str, spread_km: float) -> tuple[float, float]:
    """A deterministic displacement (north_km, east_km) of at most ``spread_km``.

    Derived from SHA-256 of ``key`` so that it is the same on every machine and run and
    does not move when other actors are added.
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    v = int.from_bytes(digest[8:16], "big") / 2**64
    radius = spread_km * (0.15 + 0.85 * math.sqrt(u))
    angle = 2 * math.pi * v
    return radius * math.cos(angle), radius * math.sin(angle)


def build_actor(spec: ActorSpec) -> tuple[Actor, tuple[Stream, ...]]:
    """The core :class:`Actor` and its :class:`Stream` objects for one written actor.

    Stream ids are the actor's id with ``-o1``, ``-o2`` ... for offers and ``-n1`` ... for
    needs, in the order written.
    """
    place = PLACES[spec.place]
    north, east = marker_offset(spec.id, place.spread_km)
    lat = place.lat + north / KM_PER_DEGREE
    lon = place.lon + east / (KM_PER_DEGREE * math.cos(math.radians(place.lat)))
    built = Actor(
        id=spec.id,
        name=spec.name,
        kind=spec.kind,
        nace=spec.nace,
        employees=spec.employees,
        lat=round(lat, 5),
        lon=round(lon, 5),
        municipality=place.name,
        licences=spec.licences,
        description=spec.description,
    )
    counters = {Direction.OFFER: 0, Direction.NEED: 0}
    streams = []
    for s in spec.streams:
        counters[s.direction] += 1
        letter = "o" if s.direction is Direction.OFFER else "n"
        streams.append(
            Stream(
                id=f"{spec.id}-{letter}{counters[s.direction]}",
                actor=spec.id,
                direction=s.direction,
                title=s.title,
                type=s.type,
                description=s.description,
                ewc=s.ewc,
                hazardous=bool(s.ewc and s.ewc.endswith("*")),
                quantity=None if s.quantity is None else float(s.quantity),
                unit=s.unit,
                temperature_c=None if s.temperature_c is None else float(s.temperature_c),
                availability=s.availability,
                confidential=s.confidential,
            )
        )
    return built, tuple(streams)


__all__ = [
    "CAPACITY",
    "CONT",
    "DATA",
    "ENERGY",
    "EQUIPMENT",
    "KNOWLEDGE",
    "MATERIAL",
    "ONCE",
    "SEAS",
    "SERVICE",
    "WATER",
    "ActorSpec",
    "StreamSpec",
    "actor",
    "build_actor",
    "marker_offset",
    "need",
    "offer",
]
