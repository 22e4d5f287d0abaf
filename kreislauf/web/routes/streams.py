"""Pages: offers and needs -- list, detail, create, edit, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kreislauf.core.permissions import Principal, can_see_owner, visible_streams
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from kreislauf.errors import ValidationError
from kreislauf.web.access import (
    actor_for,
    editable_actor,
    introduced_for,
    region_for,
    repo_of,
    stream_for,
)
from kreislauf.web.context import language, render, translate
from kreislauf.web.forms import field_errors, stream_from_fields
from kreislauf.web.security import AccessDeniedError, require_csrf, require_principal
from kreislauf.web.views import sector_title, stream_public, waste_title

router = APIRouter(tags=["pages"], include_in_schema=False)

Who = Annotated[Principal, Depends(require_principal)]
PAGE_SIZE = 200
STREAM_FIELDS = (
    "id",
    "direction",
    "type",
    "title",
    "description",
    "ewc",
    "hazardous",
    "quantity",
    "unit",
    "temperature_c",
    "availability",
    "confidential",
)
UNITS = ("t/a", "t", "kg/a", "m3/a", "m3", "MWh/a", "kWh/a", "pieces", "pieces/a", "h/a", "m2")


@router.get("/regions/{region_id}/streams", response_class=HTMLResponse)
def streams_page(
    request: Request,
    region_id: str,
    who: Who,
    direction: str = "",
    q: str = "",
    page: int = 1,
) -> Response:
    region = region_for(request, who, region_id)
    introduced = introduced_for(request, who, region_id)
    chosen = direction if direction in ("offer", "need") else ""
    needle = q.strip().lower()
    selected = [
        s
        for s in region.streams
        if (not chosen or s.direction.value == chosen)
        and (not needle or needle in s.title.lower() or needle in (s.ewc or ""))
    ]
    page = max(1, page)
    views = visible_streams(
        who,
        region_id,
        selected[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        region.actors_by_id,
        introduced,
    )
    lang = language(request)
    shown = []
    for view in views:
        item = view.as_dict()
        item["region"] = region_id
        item["sector_title"] = sector_title(view.sector, lang)
        item["ewc_title"] = waste_title(view.ewc, lang)
        shown.append(item)
    return render(
        request,
        "streams.html",
        {
            "region": region,
            "streams": shown,
            "direction": chosen,
            "q": q,
            "page": page,
            "pages": max(1, -(-len(selected) // PAGE_SIZE)),
            "total": len(selected),
        },
    )


@router.get("/regions/{region_id}/streams/{stream_id}", response_class=HTMLResponse)
def stream_page(request: Request, region_id: str, stream_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    stream = stream_for(region, who, stream_id)
    introduced = introduced_for(request, who, region_id)
    view = stream_public(who, region, stream, introduced, language(request))
    return render(request, "stream.html", {"region": region, "stream": view})


def _choices(request: Request, enum: Any) -> list[tuple[str, str]]:
    t = translate(request)
    return [(e.value, t(e.value)) for e in enum]


def _form_page(
    request: Request,
    region: Region,
    actor_id: str,
    values: dict[str, Any],
    errors: dict[str, str],
    stream: Stream | None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "stream_form.html",
        {
            "region": region,
            "actor": actor_for(region, actor_id),
            "form": values,
            "errors": errors,
            "stream": stream,
            "types": _choices(request, StreamType),
            "availabilities": _choices(request, Availability),
            "directions": _choices(request, Direction),
            "units": UNITS,
        },
        status_code=status_code,
    )


def stream_form_values(stream: Stream | None, direction: str) -> dict[str, Any]:
    if stream is None:
        return {
            "direction": direction if direction in ("offer", "need") else "offer",
            "type": "material",
        }
    return {
        "id": stream.id,
        "direction": stream.direction.value,
        "type": stream.type.value,
        "title": stream.title,
        "description": stream.description,
        "ewc": stream.ewc,
        "hazardous": stream.hazardous,
        "quantity": stream.quantity,
        "unit": stream.unit,
        "temperature_c": stream.temperature_c,
        "availability": stream.availability.value if stream.availability else "",
        "confidential": stream.confidential,
    }


@router.get("/regions/{region_id}/actors/{actor_id}/streams/new", response_class=HTMLResponse)
def stream_new(
    request: Request, region_id: str, actor_id: str, who: Who, direction: str = "offer"
) -> Response:
    region = region_for(request, who, region_id)
    editable_actor(region, who, actor_id)
    return _form_page(request, region, actor_id, stream_form_values(None, direction), {}, None)


async def _posted(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: form.get(k) for k in STREAM_FIELDS if k in form}


def _save(
    request: Request,
    who: Principal,
    region_id: str,
    actor_id: str,
    fields: dict[str, Any],
    stream_id: str | None,
) -> Response:
    region = region_for(request, who, region_id)
    editable_actor(region, who, actor_id)
    existing = None
    if stream_id is not None:
        existing = stream_for(region, who, stream_id)
        if existing.actor != actor_id:
            raise AccessDeniedError("you may change only your own firm's entries")
    try:
        stream = stream_from_fields(fields, region=region, actor_id=actor_id, existing=existing)
    except ValidationError as exc:
        return _form_page(
            request, region, actor_id, fields, field_errors(exc, translate(request)), existing, 422
        )
    repo = repo_of(request)
    if existing is None:
        repo.add_stream(region_id, stream)
    else:
        repo.update_stream(region_id, stream)
    return RedirectResponse(f"/regions/{region_id}/streams/{stream.id}", status_code=303)


@router.post("/regions/{region_id}/actors/{actor_id}/streams", dependencies=[Depends(require_csrf)])
async def stream_create(request: Request, region_id: str, actor_id: str) -> Response:
    who = require_principal(request)
    fields = await _posted(request)
    return await run_in_threadpool(_save, request, who, region_id, actor_id, fields, None)


@router.get("/regions/{region_id}/streams/{stream_id}/edit", response_class=HTMLResponse)
def stream_edit(request: Request, region_id: str, stream_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    stream = stream_for(region, who, stream_id)
    editable_actor(region, who, stream.actor)
    return _form_page(request, region, stream.actor, stream_form_values(stream, ""), {}, stream)


@router.post("/regions/{region_id}/streams/{stream_id}/edit", dependencies=[Depends(require_csrf)])
async def stream_update(request: Request, region_id: str, stream_id: str) -> Response:
    who = require_principal(request)
    fields = await _posted(request)

    def work() -> Response:
        region = region_for(request, who, region_id)
        stream = stream_for(region, who, stream_id)
        if not can_see_owner(who, region_id, stream):
            raise AccessDeniedError("you may change only your own firm's entries")
        return _save(request, who, region_id, stream.actor, fields, stream_id)

    return await run_in_threadpool(work)


@router.post(
    "/regions/{region_id}/streams/{stream_id}/delete", dependencies=[Depends(require_csrf)]
)
def stream_delete(request: Request, region_id: str, stream_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    stream = stream_for(region, who, stream_id)
    editable_actor(region, who, stream.actor)
    repo_of(request).delete_stream(region_id, stream_id)
    return RedirectResponse(f"/regions/{region_id}/actors/{stream.actor}", status_code=303)
