"""API: regions."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kreislauf.core.permissions import can_create_region, can_edit_region, can_view_region
from kreislauf.core.region import Region
from kreislauf.errors import ConflictError, ValidationError
from kreislauf.web.access import region_for, repo_of
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.routes.regions import create_region, region_problems
from kreislauf.web.schemas import ERRORS, RegionCreate, RegionPublic, RegionSummary
from kreislauf.web.security import AccessDeniedError

router = APIRouter(tags=["regions"], responses=ERRORS)


def region_public(region: Region, can_edit: bool) -> RegionPublic:
    counts = region.summary()
    return RegionPublic(
        id=region.id,
        name=region.name,
        country=region.country,
        nuts=region.nuts,
        ags=region.ags,
        confidential_streams=sum(1 for s in region.streams if s.confidential),
        can_edit=can_edit,
        **counts,
    )


@router.get("/regions", response_model=list[RegionSummary])
def list_regions(request: Request, who: ApiWho) -> list[RegionSummary]:
    """The regions the caller may see."""
    return [
        RegionSummary(id=s.id, name=s.name, actors=s.actors, offers=s.offers, needs=s.needs)
        for s in repo_of(request).list_regions()
        if can_view_region(who, s.id)
    ]


@router.post("/regions", response_model=RegionPublic, status_code=201)
def add_region(request: Request, body: RegionCreate, who: ApiWho) -> RegionPublic:
    """Create an empty region (facilitators and admins)."""
    if not can_create_region(who):
        raise AccessDeniedError("only facilitators and admins may create regions")
    taken = repo_of(request).has_region(body.id)
    problems = region_problems(body.id, body.name, taken)
    if taken:
        raise ConflictError('a region "{id}" exists already', id=body.id)
    if problems:
        raise ValidationError(problems)
    region = create_region(
        request, who, body.id, body.name, country=body.country, nuts=body.nuts, ags=body.ags
    )
    return region_public(region, True)


@router.get("/regions/{region_id}", response_model=RegionPublic)
async def get_region(request: Request, region_id: str, who: ApiWho) -> RegionPublic:
    region = region_for(request, who, region_id)
    return region_public(region, can_edit_region(who, region_id))
