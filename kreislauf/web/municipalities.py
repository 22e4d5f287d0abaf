"""German municipalities with their centres, from ``kreislauf/data/municipalities.csv``.

The table gives an actor a location from its municipality alone, with no online
geocoder. Names are matched without case, accents of spelling ("Frankenberg/Sa." and
"Frankenberg"), or a leading "Stadt"/"Gemeinde".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality: ``district_ags`` is the Kreisschlüssel of its district."""

    name: str
    lat: float
    lon: float
    district_ags: str
    district: str
    kind: str


def name_key(name: str) -> str:
    """The form two spellings of one place share."""
    text = name.strip().lower().replace("ß", "ss")
    text = re.sub(r"^(stadt|gemeinde|markt|hansestadt)\s+", "", text)
    text = re.sub(r"\s*/\s*(sa|erzgeb|vogtl|oberlausitz)\.?$", "", text)
    text = re.sub(r"\s*\(.*\)$", "", text)
    text = re.sub(r"^(lutherstadt|universitätsstadt|kreisstadt)\s+", "", text)
    return re.sub(r"[\s\-]+", " ", text).strip()


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """Every municipality of the table, in its order."""
    text = (resources.files("kreislauf") / "data" / "municipalities.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(
        Municipality(
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            district_ags=row["district_ags"],
            district=row["district"],
            kind=row["kind"],
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Municipality]:
    table: dict[str, Municipality] = {}
    for place in municipalities():
        table.setdefault(name_key(place.name), place)
    return table


def find(name: str) -> Municipality | None:
    """The municipality of that name (spelling variants allowed), else None."""
    return _by_key().get(name_key(name))


def locate(name: str) -> tuple[float, float] | None:
    found = find(name)
    return (found.lat, found.lon) if found else None


def suggest(name: str) -> str | None:
    """The nearest name in the table, where one is close."""
    names = [m.name for m in municipalities()]
    best = process.extractOne(name, names, scorer=fuzz.WRatio, score_cutoff=85)
    return str(best[0]) if best else None


def search(text: str, limit: int = 10) -> list[Municipality]:
    """Municipalities whose names start with or resemble ``text``, best first."""
    key = name_key(text)
    if not key:
        return []
    places = municipalities()
    starts = [m for m in places if name_key(m.name).startswith(key)]
    if len(starts) >= limit:
        return sorted(starts, key=lambda m: m.name)[:limit]
    ranked = process.extract(
        key, [name_key(m.name) for m in places], scorer=fuzz.WRatio, limit=limit, score_cutoff=70
    )
    seen = {id(m) for m in starts}
    result = sorted(starts, key=lambda m: m.name)
    for _, _, index in ranked:
        if id(places[index]) not in seen:
            result.append(places[index])
            seen.add(id(places[index]))
    return result[:limit]


__all__ = ["Municipality", "find", "locate", "municipalities", "name_key", "search", "suggest"]
