"""Pages: the facilitator's leads pipeline.

A lead is made from a match ("create lead from match") and moves suggested ->
contacted -> negotiating -> implemented (with the quantity actually exchanged and its
unit), or to rejected (with a reason); every move is a CSRF-checked form and is kept in
the lead's history. Accepted and rejected leads are the matching's feedback: the next
matching run reads them from storage, and after each such move the matcher kept for
one-stream matching is rebuilt in the background, so per-actor matches learn too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kreislauf.core.leads import ALLOWED_TRANSITIONS, Lead, LeadStatus, parse_status
from kreislauf.core.permissions import Principal, can_manage_leads, can_view_region
from kreislauf.core.region import Region
from kreislauf.errors import InputError, KreislaufError, NotFoundError
from kreislauf.web.access import no_region, region_for, repo_of
from kreislauf.web.context import render, tr
from kreislauf.web.jobs import runner_of
from kreislauf.web.security import AccessDeniedError, require_csrf, require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)
Who = Annotated[Principal, Depends(require_principal)]

ORDER = (
    LeadStatus.SUGGESTED,
    LeadStatus.CONTACTED,
    LeadStatus.NEGOTIATING,
    LeadStatus.IMPLEMENTED,
    LeadStatus.REJECTED,
)


def managed_region(request: Request, who: Principal, region_id: str) -> Region:
    if not can_view_region(who, region_id):
        raise no_region(region_id)
    if not can_manage_leads(who, region_id):
        raise AccessDeniedError("only the region's facilitators may do this")
    return region_for(request, who, region_id)


def lead_in(request: Request, region_id: str, lead_id: int) -> Lead:
    try:
        lead = repo_of(request).get_lead(lead_id)
    except NotFoundError:
        lead = None
    if lead is None or lead.region_id != region_id:
        raise NotFoundError("there is no lead {id} in this region", id=lead_id)
    return lead


def describe(region: Region, lead: Lead) -> dict[str, Any]:
    """The lead with its two sides named (facilitators see every firm)."""
    offer = region.streams_by_id.get(lead.offer_id)
    need = region.streams_by_id.get(lead.need_id)

    def side(stream: Any, fallback: str) -> dict[str, Any]:
        if stream is None:
            return {"title": fallback, "actor": None, "actor_id": None}
        actor = region.actors_by_id.get(stream.actor)
        return {
            "title": stream.title,
            "actor": actor.name if actor else stream.actor,
            "actor_id": stream.actor,
            "quantity": stream.quantity,
            "unit": stream.unit,
        }

    return {"lead": lead, "offer": side(offer, lead.offer_id), "need": side(need, lead.need_id)}


def refresh_feedback(request: Request, region_id: str) -> None:
    """Rebuild the region's kept matcher with the new feedback, in the background."""
    repo = repo_of(request)

    def work(progress: Any) -> dict[str, Any]:
        from kreislauf.matching_service import stored_matcher

        stored_matcher(repo, region_id, refresh=True)
        return {"refreshed": region_id}

    runner_of(request.app).submit("feedback", work, region_id=region_id)


@router.get("/regions/{region_id}/leads", response_class=HTMLResponse)
def leads_page(request: Request, region_id: str, who: Who) -> Response:
    region = managed_region(request, who, region_id)
    leads = repo_of(request).list_leads(region_id)
    columns = [
        (status, [describe(region, lead) for lead in leads if lead.status is status])
        for status in ORDER
    ]
    return render(request, "leads.html", {"region": region, "columns": columns})


@router.post(
    "/regions/{region_id}/leads", response_class=HTMLResponse, dependencies=[Depends(require_csrf)]
)
def create_lead(
    request: Request,
    region_id: str,
    who: Who,
    offer: Annotated[str, Form()],
    need: Annotated[str, Form()],
    via: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Create a lead from a match (or open the existing one for the same pair)."""
    managed_region(request, who, region_id)
    repo = repo_of(request)
    for lead in repo.list_leads(region_id):
        if lead.offer_id == offer and lead.need_id == need:
            return RedirectResponse(f"/regions/{region_id}/leads/{lead.id}", status_code=303)
    made = repo.record_lead(region_id, offer, need, LeadStatus.SUGGESTED, via=tuple(via or ()))
    return RedirectResponse(f"/regions/{region_id}/leads/{made.id}", status_code=303)


def lead_context(
    request: Request, region: Region, lead: Lead, errors: dict[str, str], form: dict[str, str]
) -> dict[str, Any]:
    return {
        "region": region,
        **describe(region, lead),
        "history": repo_of(request).lead_history(lead.id or 0),
        "next_statuses": [s for s in ORDER if s in ALLOWED_TRANSITIONS[lead.status]],
        "errors": errors,
        "form": form,
    }


@router.get("/regions/{region_id}/leads/{lead_id}", response_class=HTMLResponse)
def lead_page(request: Request, region_id: str, lead_id: int, who: Who) -> Response:
    region = managed_region(request, who, region_id)
    lead = lead_in(request, region_id, lead_id)
    return render(request, "lead.html", lead_context(request, region, lead, {}, {}))


def _quantity(text: str) -> float | None:
    text = text.strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise InputError('"{value}" is not a number', value=text) from None


@router.post(
    "/regions/{region_id}/leads/{lead_id}/status",
    response_class=HTMLResponse,
    dependencies=[Depends(require_csrf)],
)
def move_lead(
    request: Request,
    region_id: str,
    lead_id: int,
    who: Who,
    status: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    actual_quantity: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
) -> Response:
    """Move the lead; a wrong field comes back next to the field, in the user's language."""
    region = managed_region(request, who, region_id)
    lead = lead_in(request, region_id, lead_id)
    form = {"status": status, "reason": reason, "actual_quantity": actual_quantity, "unit": unit}
    errors: dict[str, str] = {}
    try:
        new = parse_status(status or "")
    except InputError as error:
        errors["status"] = error.render(lambda text: tr(request, text))
        new = None
    quantity: float | None = None
    try:
        quantity = _quantity(actual_quantity)
    except InputError as error:
        errors["actual_quantity"] = error.render(lambda text: tr(request, text))
    if new is not None and not errors:
        try:
            repo_of(request).set_lead_status(
                lead_id,
                new,
                reason=reason.strip() or None,
                actual_quantity=quantity,
                unit=unit.strip() or None,
            )
        except KreislaufError as error:
            errors[_field_of(error.message)] = error.render(lambda text: tr(request, text))
    if errors:
        return render(
            request, "lead.html", lead_context(request, region, lead, errors, form), status_code=422
        )
    if new in (LeadStatus.CONTACTED, LeadStatus.IMPLEMENTED, LeadStatus.REJECTED):
        refresh_feedback(request, region_id)
    return RedirectResponse(f"/regions/{region_id}/leads/{lead_id}", status_code=303)


def _field_of(template: str) -> str:
    """The form field an error of the lead rules belongs to."""
    if "reason" in template:
        return "reason"
    if "unit" in template and "quantity" not in template:
        return "unit"
    if "quantity" in template:
        return "actual_quantity"
    if "unit" in template:
        return "unit"
    return "status"


__all__ = ["router"]
