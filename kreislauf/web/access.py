"""Loading what a user asked for, with the permission checks on the way.

A region the user may not see answers exactly like a region that does not exist (404),
so guessed URLs tell nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime

from fastapi import Request, Response

from kreislauf.core.actors import Actor
from kreislauf.core.permissions import (
    Principal,
    can_edit_actor,
    can_edit_region,
    can_see_owner,
    can_view_region,
)
from kreislauf.core.region import Region
from kreislauf.core.streams import Stream
from kreislauf.errors import NotFoundError
from kreislauf.storage.repository import Repository
from kreislauf.web.region_cache import RegionCache
from kreislauf.web.response_cache import ResponseCache
from kreislauf.web.security import AccessDeniedError, accounts_of


def repo_of(request: Request) -> Repository:
    return request.app.state.repo  # type: ignore[no-any-return]


def no_region(region_id: str) -> NotFoundError:
    return NotFoundError('there is no region "{region}"', region=region_id)


def region_for(request: Request, who: Principal, region_id: str) -> Region:
    """The stored region, where ``who`` may see it; else 404."""
    if not can_view_region(who, region_id):
        raise no_region(region_id)
    cache: RegionCache = request.app.state.regions
    region = cache.get(region_id)
    if region is None:
        raise no_region(region_id)
    return region


def region_state(request: Request, who: Principal, region_id: str) -> tuple[datetime, Region]:
    """The stored region with its stamp, where ``who`` may see it; else 404."""
    if not can_view_region(who, region_id):
        raise no_region(region_id)
    cache: RegionCache = request.app.state.regions
    found = cache.current(region_id)
    if found is None:
        raise no_region(region_id)
    return found


def cached_answer(request: Request, key: Hashable, build: Callable[[], bytes]) -> Response:
    """A JSON response kept in the app's :class:`ResponseCache` under ``key`` (which
    must hold the region's stamp, the viewer and everything else the answer depends on)."""
    cache: ResponseCache = request.app.state.responses
    return cache.answer(key, build)


def require_region_editor(who: Principal, region_id: str) -> None:
    if not can_view_region(who, region_id):
        raise no_region(region_id)
    if not can_edit_region(who, region_id):
        raise AccessDeniedError("only the region's facilitators may do this")


def introduced_for(request: Request, who: Principal, region_id: str) -> frozenset[str]:
    """The firms the asking member's firm has been introduced to (empty for others)."""
    if who.actor_region != region_id:
        return frozenset()
    return accounts_of(request).introduced(region_id, who.actor_id)


def actor_for(region: Region, actor_id: str) -> Actor:
    actor = region.actors_by_id.get(actor_id)
    if actor is None:
        raise NotFoundError('there is no actor "{id}" in this region', id=actor_id)
    return actor


def editable_actor(region: Region, who: Principal, actor_id: str) -> Actor:
    actor = actor_for(region, actor_id)
    if not can_edit_actor(who, region.id, actor_id):
        raise AccessDeniedError("you may change only your own firm's entries")
    return actor


def stream_for(region: Region, who: Principal, stream_id: str) -> Stream:
    """A stream of the region that ``who`` may see (every stream of a visible region is
    visible; a confidential one only anonymised, which the view decides)."""
    stream = region.streams_by_id.get(stream_id)
    if stream is None or not can_view_region(who, region.id):
        raise NotFoundError('there is no offer or need "{id}" in this region', id=stream_id)
    return stream


def owner_shown(who: Principal, region: Region, stream: Stream, introduced: frozenset[str]) -> bool:
    return can_see_owner(who, region.id, stream, introduced)


__all__ = [
    "actor_for",
    "cached_answer",
    "editable_actor",
    "introduced_for",
    "no_region",
    "owner_shown",
    "region_for",
    "region_state",
    "repo_of",
    "require_region_editor",
    "stream_for",
]
