"""Pages: the list of regions and a region's overview."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kreislauf.core.permissions import (
    Principal,
    Role,
    can_create_region,
    can_edit_region,
    can_view_region,
)
from kreislauf.core.region import Region
from kreislauf.errors import Problem
from kreislauf.web.access import region_for, repo_of
from kreislauf.web.context import render, tr
from kreislauf.web.security import AccessDeniedError, accounts_of, require_csrf, require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)

REGION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


def visible_summaries(request: Request, who: Principal) -> list[object]:
    return [s for s in repo_of(request).list_regions() if can_view_region(who, s.id)]


def region_problems(region_id: str, name: str, taken: bool) -> list[Problem]:
    problems: list[Problem] = []
    if not REGION_ID.match(region_id):
        problems.append(
            Problem(
                "id",
                "use 1 to 100 lower-case letters, digits, - or _, starting with a letter or digit",
            )
        )
    elif taken:
        problems.append(Problem("id", 'a region "{id}" exists already', {"id": region_id}))
    if not name.strip():
        problems.append(Problem("name", "a name is required"))
    return problems


def create_region(
    request: Request,
    who: Principal,
    region_id: str,
    name: str,
    *,
    country: str = "DE",
    nuts: str | None = None,
    ags: str | None = None,
) -> Region:
    """Store a new empty region; a facilitator becomes one of its facilitators."""
    repo = repo_of(request)
    region = Region(id=region_id, name=name.strip(), country=country, nuts=nuts, ags=ags)
    repo.save_region(region)
    if who.role is Role.FACILITATOR:
        accounts_of(request).add_membership(who.user_id, region_id)
    return region


@router.get("/regions", response_class=HTMLResponse)
def regions_page(
    request: Request, who: Annotated[Principal, Depends(require_principal)]
) -> Response:
    return render(
        request,
        "regions.html",
        {
            "regions": visible_summaries(request, who),
            "can_create": can_create_region(who),
            "errors": {},
            "form": {"id": "", "name": ""},
        },
    )


@router.post("/regions", response_class=HTMLResponse, dependencies=[Depends(require_csrf)])
def regions_create(
    request: Request,
    who: Annotated[Principal, Depends(require_principal)],
    id: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
) -> Response:
    if not can_create_region(who):
        raise AccessDeniedError("only facilitators and admins may create regions")
    region_id = id.strip()
    problems = region_problems(region_id, name, repo_of(request).has_region(region_id))
    if problems:
        return render(
            request,
            "regions.html",
            {
                "regions": visible_summaries(request, who),
                "can_create": True,
                "errors": {p.path: tr(request, p.message, **p.params) for p in problems},
                "form": {"id": region_id, "name": name},
            },
            status_code=422,
        )
    create_region(request, who, region_id, name)
    return RedirectResponse(f"/regions/{region_id}", status_code=303)


@router.get("/regions/{region_id}", response_class=HTMLResponse)
def region_page(
    request: Request, region_id: str, who: Annotated[Principal, Depends(require_principal)]
) -> Response:
    region = region_for(request, who, region_id)
    sectors: dict[str, int] = {}
    for actor in region.actors:
        key = (actor.nace or "").split(".")[0] or "?"
        sectors[key] = sectors.get(key, 0) + 1
    return render(
        request,
        "region.html",
        {
            "region": region,
            "counts": region.summary(),
            "confidential": sum(1 for s in region.streams if s.confidential),
            "divisions": sorted(sectors.items(), key=lambda kv: (-kv[1], kv[0]))[:10],
            "can_edit": can_edit_region(who, region_id),
            "messages": [tr(request, "The file was imported.")]
            if request.query_params.get("imported")
            else [],
        },
    )
