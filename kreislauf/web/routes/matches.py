"""Pages: matches of a region (from a background matching run), of one actor (live), and
one match with its reasons and impact.

Everything shown goes through the API's :func:`matches_public`, so the pages follow the
same rules: members see only their own firm's matches, and a confidential offer or need
appears as sector and municipality, its firm's name taken out of the reasons.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kreislauf.core.permissions import Principal, can_edit_region, can_manage_leads
from kreislauf.errors import NotFoundError
from kreislauf.storage.job_store import JobStatus
from kreislauf.web.access import (
    actor_for,
    region_for,
    repo_of,
    require_region_editor,
    stream_for,
)
from kreislauf.web.context import render
from kreislauf.web.jobs import latest_job, match_region_job, matches_of, runner_of
from kreislauf.web.routes.api_matches import matches_public
from kreislauf.web.security import require_csrf, require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)
Who = Annotated[Principal, Depends(require_principal)]

PAGE_SIZE = 50


@router.get("/regions/{region_id}/matches", response_class=HTMLResponse)
def region_matches_page(request: Request, region_id: str, who: Who) -> Response:
    """The region's matches from its latest matching run, ranked by score."""
    region = region_for(request, who, region_id)
    runner = runner_of(request.app)
    job = latest_job(runner, region_id, "match")
    done = latest_job(runner, region_id, "match", JobStatus.DONE)
    shown: list[dict[str, Any]] = []
    if done is not None:
        found = sorted(matches_of(runner, done), key=lambda m: (m.rank, -m.score))
        shown = matches_public(request, who, region_id, found)  # type: ignore[arg-type]
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(page, pages)
    return render(
        request,
        "matches.html",
        {
            "region": region,
            "job": job,
            "finished_at": done.updated_at if done else None,
            "matches": shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
            "total": len(shown),
            "page": page,
            "pages": pages,
            "can_run": can_edit_region(who, region_id),
            "can_lead": can_manage_leads(who, region_id),
        },
    )


@router.post(
    "/regions/{region_id}/matches/run",
    response_class=HTMLResponse,
    dependencies=[Depends(require_csrf)],
)
def run_matching(request: Request, region_id: str, who: Who) -> Response:
    """Start matching the region in the background; the page shows its progress."""
    require_region_editor(who, region_id)
    region_for(request, who, region_id)
    runner = runner_of(request.app)
    runner.submit(
        "match",
        match_region_job(repo_of(request), region_id),
        region_id=region_id,
        created_by=who.user_id,
    )
    return RedirectResponse(f"/regions/{region_id}/matches", status_code=303)


@router.get("/regions/{region_id}/actors/{actor_id}/matches", response_class=HTMLResponse)
def actor_matches_page(request: Request, region_id: str, actor_id: str, who: Who) -> Response:
    """Every offer and need of one actor with its best partners (matched now)."""
    from kreislauf.matching_service import match_one_stream

    region = region_for(request, who, region_id)
    actor = actor_for(region, actor_id)
    repo = repo_of(request)
    groups = []
    for stream in region.streams:
        if stream.actor != actor.id:
            continue
        found = match_one_stream(repo, region_id, stream, top_k=5)
        shown = matches_public(request, who, region_id, found)
        if not shown:
            continue
        groups.append({"stream": stream, "matches": shown})
    return render(
        request,
        "actor_matches.html",
        {
            "region": region,
            "actor": actor,
            "groups": groups,
            "can_lead": can_manage_leads(who, region_id),
        },
    )


@router.get("/regions/{region_id}/matches/{offer_id}/{need_id}", response_class=HTMLResponse)
def match_page(request: Request, region_id: str, offer_id: str, need_id: str, who: Who) -> Response:
    """One match: both sides, its reasons in the user's language, distance and impact."""
    from kreislauf.matching_service import match_one_stream

    region = region_for(request, who, region_id)
    offer = stream_for(region, who, offer_id)
    stream_for(region, who, need_id)
    found = [
        m
        for m in match_one_stream(repo_of(request), region_id, offer, top_k=50)
        if m.need == need_id
    ]
    shown = matches_public(request, who, region_id, found)
    if not shown:
        raise NotFoundError("no match between these two entries")
    existing = None
    if can_manage_leads(who, region_id):
        existing = next(
            (
                lead
                for lead in repo_of(request).list_leads(region_id)
                if lead.offer_id == offer_id and lead.need_id == need_id
            ),
            None,
        )
    return render(
        request,
        "match.html",
        {
            "region": region,
            "m": shown[0],
            "can_lead": can_manage_leads(who, region_id),
            "lead": existing,
        },
    )


__all__ = ["router"]
