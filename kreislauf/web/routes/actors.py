"""Pages: actors of a region -- list, detail, create, edit, delete; introductions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kreislauf.core.actors import Actor, ActorKind
from kreislauf.core.permissions import (
    CONTACT_FIELDS,
    Principal,
    can_edit_region,
    can_request_contact,
    streams_listed_with_actor,
)
from kreislauf.core.region import Region
from kreislauf.errors import ValidationError
from kreislauf.web import municipalities
from kreislauf.web.access import (
    actor_for,
    editable_actor,
    introduced_for,
    region_for,
    repo_of,
    require_region_editor,
)
from kreislauf.web.context import language, render, translate
from kreislauf.web.forms import actor_from_fields, field_errors
from kreislauf.web.security import AccessDeniedError, accounts_of, require_csrf, require_principal
from kreislauf.web.views import actor_public, counterpart_label, stream_public

router = APIRouter(tags=["pages"], include_in_schema=False)

PAGE_SIZE = 100
ACTOR_FIELDS = (
    "id",
    "name",
    "kind",
    "nace",
    "employees",
    "lat",
    "lon",
    "municipality",
    "licences",
    "description",
    *CONTACT_FIELDS,
)

Who = Annotated[Principal, Depends(require_principal)]


def kinds(request: Request) -> list[tuple[str, str]]:
    t = translate(request)
    return [(k.value, t(k.value)) for k in ActorKind]


def actor_form_values(actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"kind": "company"}
    values: dict[str, Any] = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "nace": actor.nace,
        "employees": actor.employees,
        "lat": actor.lat,
        "lon": actor.lon,
        "municipality": actor.municipality,
        "licences": ", ".join(actor.licences),
        "description": actor.description,
    }
    values.update({k: actor.extra.get(k) for k in CONTACT_FIELDS})
    return values


async def posted_fields(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: form.get(k) for k in ACTOR_FIELDS if k in form}


@router.get("/regions/{region_id}/actors", response_class=HTMLResponse)
def actors_page(request: Request, region_id: str, who: Who, q: str = "", page: int = 1) -> Response:
    region = region_for(request, who, region_id)
    needle = q.strip().lower()
    found = [
        a
        for a in region.actors
        if not needle
        or needle in a.name.lower()
        or needle in (a.municipality or "").lower()
        or (a.nace or "").startswith(needle)
    ]
    page = max(1, page)
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    counts: dict[str, list[int]] = {}
    for s in region.streams:
        if not s.confidential or can_edit_region(who, region_id) or who.owns(region_id, s.actor):
            pair = counts.setdefault(s.actor, [0, 0])
            pair[0 if s.is_offer else 1] += 1
    return render(
        request,
        "actors.html",
        {
            "region": region,
            "actors": [actor_public(who, region, a, language=language(request)) for a in shown],
            "counts": counts,
            "q": q,
            "page": page,
            "pages": max(1, -(-len(found) // PAGE_SIZE)),
            "total": len(found),
            "can_create": can_edit_region(who, region_id),
        },
    )


def _form_page(
    request: Request,
    region: Region,
    values: dict[str, Any],
    errors: dict[str, str],
    actor: Actor | None,
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "actor_form.html",
        {
            "region": region,
            "form": values,
            "errors": errors,
            "actor": actor,
            "kinds": kinds(request),
        },
        status_code=status_code,
    )


@router.get("/regions/{region_id}/actors/new", response_class=HTMLResponse)
def actor_new(request: Request, region_id: str, who: Who) -> Response:
    require_region_editor(who, region_id)
    region = region_for(request, who, region_id)
    return _form_page(request, region, actor_form_values(None), {}, None)


@router.post("/regions/{region_id}/actors", dependencies=[Depends(require_csrf)])
async def actor_create(request: Request, region_id: str) -> Response:
    who = require_principal(request)
    require_region_editor(who, region_id)
    fields = await posted_fields(request)
    return await _save(request, who, region_id, fields, None)


async def _save(
    request: Request, who: Principal, region_id: str, fields: dict[str, Any], actor_id: str | None
) -> Response:
    from starlette.concurrency import run_in_threadpool

    def work() -> Response:
        region = region_for(request, who, region_id)
        existing = editable_actor(region, who, actor_id) if actor_id else None
        try:
            actor = actor_from_fields(
                fields,
                region=region,
                existing=existing,
                locate=municipalities.locate,
                suggest_place=municipalities.suggest,
            )
        except ValidationError as exc:
            return _form_page(
                request, region, fields, field_errors(exc, translate(request)), existing, 422
            )
        repo = repo_of(request)
        if existing is None:
            repo.add_actor(region_id, actor)
        else:
            repo.update_actor(region_id, actor)
        return RedirectResponse(f"/regions/{region_id}/actors/{actor.id}", status_code=303)

    return await run_in_threadpool(work)


@router.get("/regions/{region_id}/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, region_id: str, actor_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    actor = actor_for(region, actor_id)
    introduced = introduced_for(request, who, region_id)
    lang = language(request)
    listed = streams_listed_with_actor(who, region_id, actor_id, region.streams, introduced)
    requests: list[Any] = []
    own = who.owns(region_id, actor_id)
    if own:
        requests = accounts_of(request).contact_requests(region_id, actor_id)
    return render(
        request,
        "actor.html",
        {
            "region": region,
            "actor": actor_public(who, region, actor, introduced, lang),
            "streams": [stream_public(who, region, s, introduced, lang) for s in listed],
            "own": own,
            "requests": requests,
            "names": {r.id: counterpart_label(region, r, actor_id, lang) for r in requests},
            "can_ask": can_request_contact(who, region_id)
            and not own
            and actor_id not in introduced,
            "can_delete": can_edit_region(who, region_id),
        },
    )


@router.get("/regions/{region_id}/actors/{actor_id}/edit", response_class=HTMLResponse)
def actor_edit(request: Request, region_id: str, actor_id: str, who: Who) -> Response:
    region = region_for(request, who, region_id)
    actor = editable_actor(region, who, actor_id)
    return _form_page(request, region, actor_form_values(actor), {}, actor)


@router.post("/regions/{region_id}/actors/{actor_id}/edit", dependencies=[Depends(require_csrf)])
async def actor_update(request: Request, region_id: str, actor_id: str) -> Response:
    who = require_principal(request)
    fields = await posted_fields(request)
    return await _save(request, who, region_id, fields, actor_id)


@router.post("/regions/{region_id}/actors/{actor_id}/delete", dependencies=[Depends(require_csrf)])
def actor_delete(request: Request, region_id: str, actor_id: str, who: Who) -> Response:
    require_region_editor(who, region_id)
    repo_of(request).delete_actor(region_id, actor_id, with_streams=True)
    return RedirectResponse(f"/regions/{region_id}/actors", status_code=303)


@router.post("/regions/{region_id}/actors/{actor_id}/contact", dependencies=[Depends(require_csrf)])
def actor_ask_contact(
    request: Request,
    region_id: str,
    actor_id: str,
    who: Who,
    message: Annotated[str, Form()] = "",
) -> Response:
    """A member asks to be introduced to this firm (the other side must accept)."""
    region = region_for(request, who, region_id)
    actor_for(region, actor_id)
    if not can_request_contact(who, region_id) or who.actor_id is None:
        raise AccessDeniedError("only members of a firm may ask for an introduction")
    accounts_of(request).request_contact(
        region_id,
        who.actor_id,
        actor_id,
        message=message.strip()[:2000] or None,
        requested_by=who.user_id,
    )
    return RedirectResponse(f"/regions/{region_id}/actors/{actor_id}", status_code=303)


@router.post(
    "/regions/{region_id}/contact-requests/{request_id}",
    dependencies=[Depends(require_csrf)],
)
def contact_decide(
    request: Request,
    region_id: str,
    request_id: int,
    who: Who,
    decision: Annotated[str, Form()] = "",
) -> Response:
    """The asked firm accepts or declines an introduction."""
    region_for(request, who, region_id)
    if who.actor_region != region_id or who.actor_id is None:
        raise AccessDeniedError("only members of a firm may ask for an introduction")
    accounts_of(request).decide_contact(request_id, who.actor_id, accept=decision == "accept")
    return RedirectResponse(f"/regions/{region_id}/actors/{who.actor_id}", status_code=303)
