"""API: the leads pipeline (facilitators and admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kreislauf.core.leads import Lead, parse_status
from kreislauf.core.permissions import Principal, can_manage_leads
from kreislauf.errors import NotFoundError
from kreislauf.web.access import no_region, repo_of
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.schemas import ERRORS, LeadCreate, LeadPublic, LeadUpdate
from kreislauf.web.security import AccessDeniedError

router = APIRouter(tags=["leads"], responses=ERRORS)


def lead_public(lead: Lead) -> LeadPublic:
    assert lead.id is not None
    return LeadPublic(
        id=lead.id,
        region=lead.region_id,
        offer=lead.offer_id,
        need=lead.need_id,
        status=lead.status.value,
        reason=lead.reason,
        actual_quantity=lead.actual_quantity,
        unit=lead.unit,
        via=list(lead.via),
        created_at=lead.created_at,
        updated_at=lead.updated_at,
    )


def require_lead_manager(request: Request, who: Principal, region_id: str) -> None:
    if not can_manage_leads(who, region_id):
        from kreislauf.core.permissions import can_view_region

        if not can_view_region(who, region_id):
            raise no_region(region_id)
        raise AccessDeniedError("only the region's facilitators may do this")
    if not repo_of(request).has_region(region_id):
        raise no_region(region_id)


@router.get("/regions/{region_id}/leads", response_model=list[LeadPublic])
async def list_leads(
    request: Request, region_id: str, who: ApiWho, status: str | None = None
) -> list[LeadPublic]:
    require_lead_manager(request, who, region_id)
    chosen = parse_status(status) if status else None
    return [lead_public(lead) for lead in repo_of(request).list_leads(region_id, chosen)]


@router.post("/regions/{region_id}/leads", response_model=LeadPublic, status_code=201)
def add_lead(request: Request, region_id: str, body: LeadCreate, who: ApiWho) -> LeadPublic:
    """Record a lead for a pair of offer and need (usually a match)."""
    require_lead_manager(request, who, region_id)
    lead = repo_of(request).record_lead(
        region_id, body.offer, body.need, body.status, reason=body.reason, via=body.via
    )
    return lead_public(lead)


def _lead_in(request: Request, region_id: str, lead_id: int) -> Lead:
    lead = repo_of(request).get_lead(lead_id)
    if lead.region_id != region_id:
        raise NotFoundError("there is no lead {id} in this region", id=lead_id)
    return lead


@router.get("/regions/{region_id}/leads/{lead_id}", response_model=LeadPublic)
def get_lead(request: Request, region_id: str, lead_id: int, who: ApiWho) -> LeadPublic:
    require_lead_manager(request, who, region_id)
    return lead_public(_lead_in(request, region_id, lead_id))


@router.patch("/regions/{region_id}/leads/{lead_id}", response_model=LeadPublic)
def move_lead(
    request: Request, region_id: str, lead_id: int, body: LeadUpdate, who: ApiWho
) -> LeadPublic:
    """Move a lead: suggested -> contacted -> negotiating -> implemented (with the actual
    quantity and unit), or rejected (with a reason)."""
    require_lead_manager(request, who, region_id)
    _lead_in(request, region_id, lead_id)
    lead = repo_of(request).set_lead_status(
        lead_id,
        body.status,
        reason=body.reason,
        actual_quantity=body.actual_quantity,
        unit=body.unit,
    )
    return lead_public(lead)
