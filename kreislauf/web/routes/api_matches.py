"""API: matches of a region or of one offer or need, and introductions by double
opt-in (a firm asks, the other accepts, only then names and contacts are shown)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kreislauf.core.permissions import Principal, can_request_contact
from kreislauf.storage.accounts import ContactRequest
from kreislauf.web.access import actor_for, region_for
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.schemas import (
    ERRORS,
    ContactDecision,
    ContactRequestCreate,
    ContactRequestPublic,
)
from kreislauf.web.security import AccessDeniedError, accounts_of

router = APIRouter(tags=["matches and introductions"], responses=ERRORS)


def request_public(r: ContactRequest) -> ContactRequestPublic:
    return ContactRequestPublic(
        id=r.id,
        region=r.region_id,
        from_actor=r.from_actor,
        to_actor=r.to_actor,
        offer=r.offer_id,
        need=r.need_id,
        message=r.message,
        status=r.status.value,
        created_at=r.created_at,
        decided_at=r.decided_at,
    )


def own_firm(who: Principal, region_id: str) -> str:
    if not can_request_contact(who, region_id) or who.actor_id is None:
        raise AccessDeniedError("only members of a firm may ask for an introduction")
    return who.actor_id


@router.get("/regions/{region_id}/contact-requests", response_model=list[ContactRequestPublic])
def list_contact_requests(
    request: Request, region_id: str, who: ApiWho
) -> list[ContactRequestPublic]:
    """Introductions the caller's firm asked for or was asked for."""
    region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    return [request_public(r) for r in accounts_of(request).contact_requests(region_id, firm)]


@router.post(
    "/regions/{region_id}/contact-requests",
    response_model=ContactRequestPublic,
    status_code=201,
)
def ask_for_contact(
    request: Request, region_id: str, body: ContactRequestCreate, who: ApiWho
) -> ContactRequestPublic:
    """The caller's firm asks to be introduced to another firm (on a match: give the
    offer and need). The firm behind a confidential stream is addressed by the stream."""
    region = region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    target = body.to_actor
    actor_for(region, target)
    made = accounts_of(request).request_contact(
        region_id,
        firm,
        target,
        offer_id=body.offer,
        need_id=body.need,
        message=body.message,
        requested_by=who.user_id,
    )
    return request_public(made)


@router.post(
    "/regions/{region_id}/contact-requests/{request_id}",
    response_model=ContactRequestPublic,
)
def answer_contact(
    request: Request, region_id: str, request_id: int, body: ContactDecision, who: ApiWho
) -> ContactRequestPublic:
    """The asked firm accepts or declines."""
    region_for(request, who, region_id)
    firm = own_firm(who, region_id)
    return request_public(accounts_of(request).decide_contact(request_id, firm, accept=body.accept))
