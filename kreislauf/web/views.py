"""What one user sees of actors and streams: the same dictionaries feed the pages and
the JSON API, so both follow the same permission rules."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kreislauf.core.actors import Actor
from kreislauf.core.permissions import (
    Principal,
    can_edit_actor,
    non_contact_extra,
    public_contact,
    stream_view,
)
from kreislauf.core.region import Region
from kreislauf.core.streams import Stream


@lru_cache(maxsize=4096)
def sector_title(code: str | None, language: str) -> str | None:
    """The sector's title in ``language`` (None where the code is unknown or absent)."""
    if not code:
        return None
    from kreislauf.catalogues import sector_catalogue

    catalogue = sector_catalogue()
    found = catalogue.get(code)
    if found is None:
        return None
    return found.title("en" if language == "en" else "de")


@lru_cache(maxsize=4096)
def waste_title(code: str | None, language: str) -> str | None:
    if not code:
        return None
    from kreislauf.catalogues import waste_catalogue

    found = waste_catalogue().get(code)
    if found is None:
        return None
    return found.title("en" if language == "en" else "de")


def actor_public(
    who: Principal,
    region: Region,
    actor: Actor,
    introduced: Iterable[str] = (),
    language: str = "de",
) -> dict[str, Any]:
    """An actor as ``who`` sees it: contact data only where allowed."""
    known = frozenset(introduced)
    return {
        "id": actor.id,
        "region": region.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "nace": actor.nace,
        "sector": sector_title(actor.nace, language),
        "employees": actor.employees,
        "lat": actor.lat,
        "lon": actor.lon,
        "municipality": actor.municipality,
        "licences": list(actor.licences),
        "description": actor.description,
        "extra": non_contact_extra(actor),
        "contact": public_contact(who, region.id, actor, known),
        "editable": can_edit_actor(who, region.id, actor.id),
    }


def stream_public(
    who: Principal,
    region: Region,
    stream: Stream,
    introduced: Iterable[str] = (),
    language: str = "de",
) -> dict[str, Any]:
    """A stream as ``who`` sees it: anonymised as sector and municipality where its owner
    must stay hidden."""
    actor = region.actors_by_id[stream.actor]
    view = stream_view(who, region.id, stream, actor, frozenset(introduced)).as_dict()
    view["sector_title"] = sector_title(view["sector"], language)
    view["ewc_title"] = waste_title(stream.ewc, language)
    view["availability"] = stream.availability.value if stream.availability else None
    view["temperature_c"] = stream.temperature_c
    view["region"] = region.id
    return view


__all__ = ["actor_public", "sector_title", "stream_public", "waste_title"]
