"""A small knowledge base and region builders for the matching tests (no package data)."""

from __future__ import annotations

from typing import Any

from kreislauf.core.actors import Actor
from kreislauf.core.knowledge import KnowledgeBase, build_knowledge_base
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType


def _c(ident: str, de: list[str], en: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "type": extra.pop("type", "material"),
        "terms": {"de": de, "en": en},
        **extra,
    }


DOCUMENT: dict[str, Any] = {
    "source": "test knowledge base",
    "concepts": [
        _c(
            "spent_grain",
            ["Treber", "Biertreber"],
            ["spent grain"],
            family="food_waste",
            ewc=["02 07 02"],
        ),
        _c(
            "sawdust",
            ["Sägespäne", "Späne", "Sägemehl"],
            ["sawdust"],
            family="wood",
            ewc=["03 01 05"],
        ),
        _c("wood_pellets", ["Holzpellets", "Pellets"], ["wood pellets"], family="wood"),
        _c(
            "waste_heat", ["Abwärme", "Wärme"], ["waste heat", "heat"], type="energy", family="heat"
        ),
        _c(
            "waste_paint",
            ["Altlack", "Altlacke", "Farbreste"],
            ["waste paint"],
            family="solvents",
            ewc=["08 01 11*"],
            hazardous=True,
        ),
        _c("fly_ash", ["Flugasche"], ["fly ash"], family="ash_slag", ewc=["10 01 02"]),
        _c("forklift", ["Gabelstapler"], ["forklift"], type="equipment"),
    ],
    "uses": [
        {"id": "animal_feed", "terms": {"de": ["Futter", "Futtermittel"], "en": ["feed"]}},
        {
            "id": "process_heat",
            "terms": {"de": ["Prozesswärme", "Heizung"], "en": ["process heat", "heating"]},
        },
        {"id": "fuel", "terms": {"de": ["Brennstoff"], "en": ["fuel"]}},
        {"id": "raw_material", "terms": {"de": ["Rohstoff"], "en": ["raw material"]}},
        {
            "id": "disposal_treatment",
            "terms": {"de": ["thermische Behandlung"], "en": ["thermal treatment"]},
        },
    ],
    "receivers": [
        {
            "id": "cattle_farm",
            "nace": ["01.41"],
            "terms": {"de": ["Milchviehbetrieb"], "en": ["dairy farm"]},
        },
        {
            "id": "pellet_plant",
            "nace": ["16.29"],
            "terms": {"de": ["Pelletwerk"], "en": ["pellet plant"]},
        },
        {
            "id": "greenhouse",
            "nace": ["01.13"],
            "terms": {"de": ["Gewächshaus"], "en": ["greenhouse"]},
        },
        {
            "id": "cement_plant",
            "nace": ["23.51"],
            "terms": {"de": ["Zementwerk"], "en": ["cement plant"]},
        },
        {
            "id": "hazardous_treatment",
            "nace": ["38.22"],
            "terms": {"de": ["Sonderabfallbehandlung"], "en": ["hazardous waste treatment"]},
        },
    ],
    "pathways": [
        {
            "id": "grain_to_feed",
            "from": ["spent_grain"],
            "uses": ["animal_feed"],
            "receivers": ["cattle_farm"],
            "process": {"de": "Verfütterung an Rinder", "en": "fed to cattle"},
            "strength": 0.9,
            "avoided_route": "anaerobic_digestion",
            "substitutes": "animal_feed",
            "ratio": 0.25,
        },
        {
            "id": "sawdust_to_pellet_fuel",
            "from": ["sawdust"],
            "to": ["wood_pellets"],
            "uses": ["fuel"],
            "via": ["pellet_plant"],
            "produces": ["wood_pellets"],
            "process": {"de": "Pelletierung", "en": "pelletised"},
            "strength": 0.8,
        },
        {
            "id": "heat_to_greenhouse",
            "from": ["waste_heat"],
            "uses": ["process_heat"],
            "receivers": ["greenhouse"],
            "process": {"de": "Beheizung von Gewächshäusern", "en": "heats greenhouses"},
            "strength": 0.8,
            "min_temperature_c": 30,
        },
        {
            "id": "paint_to_treatment",
            "from": ["waste_paint"],
            "uses": ["disposal_treatment"],
            "receivers": ["hazardous_treatment"],
            "process": {"de": "thermische Behandlung", "en": "thermal treatment"},
            "strength": 0.9,
        },
        {
            "id": "fly_ash_to_cement",
            "from": ["fly_ash"],
            "uses": ["raw_material"],
            "receivers": ["cement_plant"],
            "process": {"de": "Zumahlstoff im Zement", "en": "cement constituent"},
            "strength": 0.9,
        },
    ],
}


def small_kb() -> KnowledgeBase:
    return build_knowledge_base([("test.yaml", DOCUMENT)])


def actor(
    ident: str,
    nace: str | None = None,
    *,
    lat: float | None = 51.5,
    lon: float | None = 7.5,
    licences: tuple[str, ...] = (),
) -> Actor:
    return Actor(ident, f"Firma {ident}", nace=nace, lat=lat, lon=lon, licences=licences)


def offer(ident: str, who: str, title: str, **extra: Any) -> Stream:
    return Stream(ident, who, Direction.OFFER, title, **extra)


def need(ident: str, who: str, title: str, **extra: Any) -> Stream:
    return Stream(ident, who, Direction.NEED, title, **extra)


def region(actors: list[Actor], streams: list[Stream]) -> Region:
    return Region("test", "Test", actors=tuple(actors), streams=tuple(streams))


__all__ = ["Availability", "StreamType", "actor", "need", "offer", "region", "small_kb"]
