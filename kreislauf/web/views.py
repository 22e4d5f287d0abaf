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


def counterpart_hidden(region: Region, request: Any, own_actor: str) -> bool:
    """True where a contact request must not name the other firm to ``own_actor`` yet:
    it is not accepted and it concerns a confidential offer or need of that firm (naming
    the firm would tie it to the stream)."""
    from kreislauf.storage.accounts import ContactStatus

    if request.status is ContactStatus.ACCEPTED:
        return False
    other = request.to_actor if request.from_actor == own_actor else request.from_actor
    for stream_id in (request.offer_id, request.need_id):
        stream = region.streams_by_id.get(stream_id) if stream_id else None
        if stream is not None and stream.actor == other and stream.confidential:
            return True
    return False


def counterpart_label(region: Region, request: Any, own_actor: str, language: str) -> str | None:
    """The other firm of a contact request as ``own_actor`` may see it: its name, or
    None where it must stay hidden (see :func:`counterpart_hidden`)."""
    other = request.to_actor if request.from_actor == own_actor else request.from_actor
    if counterpart_hidden(region, request, own_actor):
        return None
    actor = region.actors_by_id.get(other)
    return actor.name if actor else other


__all__ = [
    "actor_public",
    "counterpart_hidden",
    "counterpart_label",
    "sector_title",
    "stream_public",
    "waste_title",
]
