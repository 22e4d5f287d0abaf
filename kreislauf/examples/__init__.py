"""The demo region: Landkreis Mittelsachsen (Saxony), written as code.

One demo region feeds the README, the docs, the tests and the web app's demo. The towns
and their coordinates are real (:mod:`kreislauf.examples.places`); every firm, institute and
association is fictional (any likeness to a real firm's name is unintended), as are their
offers and needs, written in German the way firms write them. The region is deterministic: every call returns an equal region, independent of
hash seeds, time or random state.

>>> region = mittelsachsen()
>>> region.id, region.nuts, region.ags
('mittelsachsen', 'DED43', '14522')
"""

from __future__ import annotations

from kreislauf.core import Actor, Region, Stream
from kreislauf.examples import (
    agriculture,
    construction,
    energy,
    food,
    industry,
    metal,
    public,
    small,
    waste,
    wood,
)
from kreislauf.examples.places import PLACES, Place
from kreislauf.examples.spec import ActorSpec, build_actor

#: The sector families of the demo region and the NACE/WZ divisions that make them up.
SECTOR_FAMILIES: dict[str, tuple[str, ...]] = {
    "agriculture": ("01", "02", "03"),
    "food": ("10", "11", "55", "56"),
    "wood": ("16", "31", "32"),
    "metal": ("24", "25", "28", "45", "46"),
    "minerals": ("08", "23"),
    "construction": ("39", "41", "42", "43", "77"),
    "plastics": ("22",),
    "paper": ("17", "18"),
    "textiles": ("13", "14", "96"),
    "energy": ("35", "63"),
    "waste": ("38",),
    "research": ("72",),
    "public": ("37", "84", "85", "86", "87"),
    "associations": ("94",),
    "services": ("47", "49", "52", "71", "81", "88", "90", "91", "93"),
}


def sector_family(nace: str) -> str | None:
    """The sector family of the demo region a NACE/WZ code belongs to, or None."""
    division = nace[:2]
    for family, divisions in SECTOR_FAMILIES.items():
        if division in divisions:
            return family
    return None


def actor_specs() -> tuple[ActorSpec, ...]:
    """Every actor of the demo region as written, sector by sector."""
    return (
        *agriculture.ACTORS,
        *food.ACTORS,
        *wood.ACTORS,
        *metal.ACTORS,
        *construction.ACTORS,
        *industry.ACTORS,
        *energy.ACTORS,
        *waste.ACTORS,
        *public.ACTORS,
        *small.ACTORS,
    )


def mittelsachsen() -> Region:
    """The demo region Landkreis Mittelsachsen with its actors and their streams."""
    actors: list[Actor] = []
    streams: list[Stream] = []
    for spec in actor_specs():
        built, own = build_actor(spec)
        actors.append(built)
        streams.extend(own)
    return Region(
        id="mittelsachsen",
        name="Landkreis Mittelsachsen",
        country="DE",
        nuts="DED43",
        ags="14522",
        actors=tuple(actors),
        streams=tuple(streams),
    )


__all__ = ["PLACES", "SECTOR_FAMILIES", "Place", "actor_specs", "mittelsachsen", "sector_family"]
