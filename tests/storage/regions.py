"""Regions for storage tests: a small hand-written one, a generated one of any size and
a hypothesis strategy."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from kreislauf.core import Actor, ActorKind, Availability, Direction, Region, Stream, StreamType


def small_region(region_id: str = "soest", name: str = "Kreis Soest") -> Region:
    actors = (
        Actor(
            "brauerei",
            "Brauerei Müller GmbH",
            nace="11.05",
            employees=85,
            lat=51.67,
            lon=8.34,
            municipality="Lippstadt",
            description="Familienbrauerei seit 1897",
            extra={"website": "https://example.org", "tags": ["bier", "malz"]},
        ),
        Actor(
            "hof",
            "Hof Schulte",
            kind=ActorKind.OTHER,
            nace="01.41",
            licences=("02 01 06", "13 02 05*"),
        ),
        Actor("uni", "Fachhochschule Südwestfalen", kind=ActorKind.RESEARCH),
    )
    streams = (
        Stream(
            "o1",
            "brauerei",
            Direction.OFFER,
            "Biertreber, frisch",
            description="Nass, 20 % TS, täglich",
            ewc="02 07 02",
            quantity=1200.0,
            unit="t/a",
            availability=Availability.CONTINUOUS,
            extra={"Ansprechpartner": "Frau Özdemir"},
        ),
        Stream(
            "o2",
            "brauerei",
            Direction.OFFER,
            "Abwärme Sudhaus",
            type=StreamType.ENERGY,
            quantity=850.5,
            unit="MWh/a",
            temperature_c=65.0,
            confidential=True,
        ),
        Stream(
            "n1",
            "hof",
            Direction.NEED,
            "Futtermittel für Rinder",
            quantity=900,
            unit="t/a",
        ),
        Stream(
            "o3",
            "hof",
            Direction.OFFER,
            "Altöl",
            ewc="13 02 05*",
            hazardous=True,
            quantity=0.4,
            unit="t",
            availability=Availability.ONE_OFF,
        ),
        Stream("n2", "uni", Direction.NEED, "Laborflächen", type=StreamType.CAPACITY),
    )
    return Region(
        region_id,
        name,
        nuts="DEA5A",
        ags="05974",
        actors=actors,
        streams=streams,
        extra={"source": "test"},
    )


_WORDS = ("Treber", "Späne", "Abwärme", "Folie", "Glas", "Schlacke", "Kompost", "Altholz")


def generated_region(region_id: str, n_actors: int, n_streams: int, seed: int = 1) -> Region:
    """A deterministic region of any size (for the all-or-nothing and timing tests)."""
    rng = random.Random(seed)
    units = ("t/a", "t", "m3/a", "MWh/a", None)
    actors = tuple(
        Actor(
            f"a{i}",
            f"Firma {i} GmbH",
            nace=f"{rng.randint(10, 33)}.{rng.randint(1, 9)}",
            employees=rng.randint(1, 2000),
            lat=51 + rng.random(),
            lon=7 + rng.random(),
            municipality="Soest",
            licences=("02 07 02",) if i % 10 == 0 else (),
            extra={"rank": i} if i % 7 == 0 else {},
        )
        for i in range(n_actors)
    )
    streams = []
    for i in range(n_streams):
        unit = units[i % len(units)]
        streams.append(
            Stream(
                f"s{i}",
                f"a{rng.randrange(n_actors)}",
                Direction.OFFER if i % 2 == 0 else Direction.NEED,
                f"{rng.choice(_WORDS)} {i}",
                description=f"Beschreibung {i}: {rng.choice(_WORDS)} und {rng.choice(_WORDS)}",
                ewc="02 07 02" if i % 3 == 0 else None,
                quantity=round(rng.uniform(0.1, 5000), 3) if unit else None,
                unit=unit,
            )
        )
    return Region(region_id, f"Region {region_id}", actors=actors, streams=tuple(streams))


# -- hypothesis ------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_äöüß", min_size=1, max_size=12)
_finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
_json: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _finite | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_extra = st.dictionaries(_text, _json, max_size=3)


@st.composite
def regions(draw: st.DrawFn, region_id: str | None = None) -> Region:
    actor_ids = draw(st.lists(_ids, min_size=1, max_size=6, unique=True))
    actors = tuple(
        Actor(
            actor_id,
            draw(_text),
            kind=draw(st.sampled_from(ActorKind)),
            nace=draw(st.none() | st.sampled_from(["10.51", "C", "38", "38.2"])),
            employees=draw(st.none() | st.integers(0, 10**9)),
            lat=draw(st.none() | st.floats(-90, 90)),
            lon=draw(st.none() | st.floats(-180, 180)),
            municipality=draw(st.none() | _text),
            licences=tuple(draw(st.lists(st.sampled_from(["02 07 02", "13 02 05*"]), max_size=2))),
            description=draw(st.none() | _text),
            extra=draw(_extra),
        )
        for actor_id in actor_ids
    )
    stream_ids = draw(st.lists(_ids, max_size=8, unique=True))
    streams = tuple(
        Stream(
            stream_id,
            draw(st.sampled_from(actor_ids)),
            draw(st.sampled_from(Direction)),
            draw(_text),
            type=draw(st.sampled_from(StreamType)),
            description=draw(st.none() | _text),
            ewc=draw(st.none() | st.sampled_from(["02 07 02", "13 02 05*"])),
            hazardous=draw(st.booleans()),
            quantity=draw(st.none() | _finite),
            unit=draw(st.none() | st.sampled_from(["t/a", "m3", "MWh/a"])),
            temperature_c=draw(st.none() | st.floats(-50, 1500)),
            availability=draw(st.none() | st.sampled_from(Availability)),
            confidential=draw(st.booleans()),
            extra=draw(_extra),
        )
        for stream_id in stream_ids
    )
    return Region(
        region_id or draw(_ids),
        draw(_text),
        country=draw(st.sampled_from(["DE", "AT", "NL"])),
        nuts=draw(st.none() | st.just("DEA5A")),
        ags=draw(st.none() | st.just("05974")),
        actors=actors,
        streams=streams,
        extra=draw(_extra),
    )
