"""API: actors of a region."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from kreislauf.web import municipalities
from kreislauf.web.access import (
    actor_for,
    cached_answer,
    editable_actor,
    introduced_for,
    region_for,
    region_state,
    repo_of,
    require_region_editor,
)
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import language
from kreislauf.web.forms import actor_from_fields
from kreislauf.web.response_cache import validated_json
from kreislauf.web.routes.actors import actor_form_values
from kreislauf.web.schemas import ERRORS, ActorCreate, ActorPublic, ActorUpdate
from kreislauf.web.views import actor_public

router = APIRouter(tags=["actors"], responses=ERRORS)


@router.get("/regions/{region_id}/actors", response_model=list[ActorPublic])
async def list_actors(
    request: Request, region_id: str, who: ApiWho, q: str = "", limit: int = 1000, offset: int = 0
) -> Response:
    """The region's actors (contact data only where the caller may see it)."""
    stamp, region = region_state(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    needle = q.strip().lower()
    lang = language(request)
    limit = max(1, min(limit, 10_000))
    start = max(0, offset)

    def build() -> bytes:
        found = [a for a in region.actors if not needle or needle in a.name.lower()]
        return validated_json(
            list[ActorPublic],
            [actor_public(who, region, a, introduced, lang) for a in found[start : start + limit]],
        )

    key = ("actors", region_id, stamp, who, introduced, lang, needle, limit, start)
    return cached_answer(request, key, build)


@router.post("/regions/{region_id}/actors", response_model=ActorPublic, status_code=201)
def add_actor(request: Request, region_id: str, body: ActorCreate, who: ApiWho) -> dict[str, Any]:
    """Add an actor (the region's facilitators and admins)."""
    require_region_editor(who, region_id)
    region = region_for(request, who, region_id)
    actor = actor_from_fields(
        body.model_dump(exclude_unset=True),
        region=region,
        locate=municipalities.locate,
        suggest_place=municipalities.suggest,
    )
    repo_of(request).add_actor(region_id, actor)
    return actor_public(who, region, actor, language=language(request))


@router.get("/regions/{region_id}/actors/{actor_id}", response_model=ActorPublic)
async def get_actor(request: Request, region_id: str, actor_id: str, who: ApiWho) -> dict[str, Any]:
    region = region_for(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    return actor_public(who, region, actor_for(region, actor_id), introduced, language(request))


@router.patch("/regions/{region_id}/actors/{actor_id}", response_model=ActorPublic)
def update_actor(
    request: Request, region_id: str, actor_id: str, body: ActorUpdate, who: ApiWho
) -> dict[str, Any]:
    """Change an actor: its own members, the region's facilitators, admins."""
    region = region_for(request, who, region_id)
    existing = editable_actor(region, who, actor_id)
    fields = actor_form_values(existing)
    changes = body.model_dump(exclude_unset=True)
    fields.update(changes)
    if ("lat" not in changes and "lon" not in changes) and "municipality" in changes:
        fields["lat"] = fields["lon"] = None  # a new municipality, new coordinates
    actor = actor_from_fields(
        fields,
        region=region,
        existing=existing,
        locate=municipalities.locate,
        suggest_place=municipalities.suggest,
    )
    repo_of(request).update_actor(region_id, actor)
    return actor_public(who, region, actor, language=language(request))


@router.delete("/regions/{region_id}/actors/{actor_id}", status_code=204)
def delete_actor(request: Request, region_id: str, actor_id: str, who: ApiWho) -> Response:
    """Delete an actor with its offers and needs (facilitators and admins)."""
    require_region_editor(who, region_id)
    repo_of(request).delete_actor(region_id, actor_id, with_streams=True)
    return Response(status_code=204)
