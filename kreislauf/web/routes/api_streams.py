"""API: offers and needs of a region."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response

from kreislauf.core.permissions import can_see_owner, visible_streams
from kreislauf.web.access import (
    cached_answer,
    editable_actor,
    introduced_for,
    region_for,
    region_state,
    repo_of,
    stream_for,
)
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import language
from kreislauf.web.forms import stream_from_fields
from kreislauf.web.response_cache import to_json
from kreislauf.web.routes.streams import stream_form_values
from kreislauf.web.schemas import ERRORS, StreamCreate, StreamPublic, StreamUpdate
from kreislauf.web.views import sector_title, stream_public, waste_title

router = APIRouter(tags=["streams"], responses=ERRORS)


@router.get("/regions/{region_id}/streams", response_model=list[StreamPublic])
async def list_streams(
    request: Request,
    region_id: str,
    who: ApiWho,
    direction: Literal["offer", "need"] | None = None,
    actor: str | None = None,
    limit: int = 5000,
    offset: int = 0,
) -> Any:
    """Offers and needs; a confidential one is anonymised (sector and municipality) for
    callers who may not know its firm."""
    stamp, region = region_state(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    lang = language(request)
    limit = max(1, min(limit, 20_000))
    start = max(0, offset)

    def build() -> bytes:
        chosen = [
            s
            for s in region.streams
            if (direction is None or s.direction.value == direction)
            and (
                actor is None or (s.actor == actor and can_see_owner(who, region_id, s, introduced))
            )
        ]
        page = chosen[start : start + limit]
        views = visible_streams(who, region_id, page, region.actors_by_id, introduced)
        result = []
        for view in views:
            item = view.as_dict()
            item.update(
                region=region_id,
                sector_title=sector_title(view.sector, lang),
                ewc_title=waste_title(view.ewc, lang),
            )
            stream = region.streams_by_id[view.id]
            item["availability"] = stream.availability.value if stream.availability else None
            item["temperature_c"] = stream.temperature_c
            result.append(item)
        return to_json(result)  # built field by field above; skips re-validating each item

    key = ("streams", region_id, stamp, who, introduced, lang, direction, actor, limit, start)
    return cached_answer(request, key, build)


@router.post("/regions/{region_id}/streams", response_model=StreamPublic, status_code=201)
def add_stream(request: Request, region_id: str, body: StreamCreate, who: ApiWho) -> dict[str, Any]:
    """Add an offer or need to an actor the caller may edit."""
    region = region_for(request, who, region_id)
    editable_actor(region, who, body.actor)
    stream = stream_from_fields(
        body.model_dump(exclude_unset=True), region=region, actor_id=body.actor
    )
    repo_of(request).add_stream(region_id, stream)
    return stream_public(who, region, stream, language=language(request))


@router.get("/regions/{region_id}/streams/{stream_id}", response_model=StreamPublic)
async def get_stream(
    request: Request, region_id: str, stream_id: str, who: ApiWho
) -> dict[str, Any]:
    region = region_for(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    stream = stream_for(region, who, stream_id)
    return stream_public(who, region, stream, introduced, language(request))


@router.patch("/regions/{region_id}/streams/{stream_id}", response_model=StreamPublic)
def update_stream(
    request: Request, region_id: str, stream_id: str, body: StreamUpdate, who: ApiWho
) -> dict[str, Any]:
    region = region_for(request, who, region_id)
    existing = stream_for(region, who, stream_id)
    editable_actor(region, who, existing.actor)
    fields = stream_form_values(existing, "")
    fields.update(body.model_dump(exclude_unset=True))
    stream = stream_from_fields(fields, region=region, actor_id=existing.actor, existing=existing)
    repo_of(request).update_stream(region_id, stream)
    return stream_public(who, region, stream, language=language(request))


@router.delete("/regions/{region_id}/streams/{stream_id}", status_code=204)
def delete_stream(request: Request, region_id: str, stream_id: str, who: ApiWho) -> Response:
    region = region_for(request, who, region_id)
    stream = stream_for(region, who, stream_id)
    editable_actor(region, who, stream.actor)
    repo_of(request).delete_stream(region_id, stream_id)
    return Response(status_code=204)
