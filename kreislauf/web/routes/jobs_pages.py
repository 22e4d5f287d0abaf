"""Background jobs: a progress fragment that htmx polls (``/jobs/{id}``) and the same
state as JSON (``/api/v1/jobs/{id}``). A job is visible to whoever may see its region."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from kreislauf.core.permissions import Principal, can_view_region
from kreislauf.errors import NotFoundError
from kreislauf.storage.job_store import Job
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.context import render, translate
from kreislauf.web.jobs import runner_of
from kreislauf.web.security import require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)
api_router = APIRouter(tags=["jobs"])
Who = Annotated[Principal, Depends(require_principal)]


def visible_job(request: Request, who: Principal, job_id: str) -> Job:
    try:
        job = runner_of(request.app).store.get(job_id)
    except NotFoundError:
        job = None
    if job is None or (job.region_id is not None and not can_view_region(who, job.region_id)):
        raise NotFoundError('there is no job "{id}"', id=job_id)
    return job


def job_error(request: Request, job: Job) -> str | None:
    if not job.error:
        return None
    text = translate(request)(str(job.error.get("template", "")))
    try:
        return text.format(**job.error.get("params", {}))
    except (KeyError, IndexError, ValueError):
        return text


@api_router.get("/jobs/{job_id}")
def job_api(request: Request, job_id: str, who: ApiWho) -> dict[str, Any]:
    """A background job's status, progress (done of total) and, once done, a summary."""
    return job_json(request, visible_job(request, who, job_id))


@api_router.post("/regions/{region_id}/matching-runs", status_code=202)
def start_matching(
    request: Request,
    region_id: str,
    who: ApiWho,
    top: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict[str, Any]:
    """Match the whole region in the background (facilitators); poll ``/jobs/{id}``.
    The result feeds the matches page and the map's flow lines."""
    from kreislauf.web.access import region_for, repo_of, require_region_editor
    from kreislauf.web.jobs import match_region_job

    require_region_editor(who, region_id)
    region_for(request, who, region_id)
    job = runner_of(request.app).submit(
        "match",
        match_region_job(repo_of(request), region_id, top),
        region_id=region_id,
        created_by=who.user_id,
    )
    return job_json(request, job)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_fragment(request: Request, job_id: str, who: Who) -> Response:
    """The job's progress; once it has finished, an htmx poll reloads the page."""
    job = visible_job(request, who, job_id)
    response = render(request, "_job.html", {"job": job, "job_error": job_error(request, job)})
    if job.finished and request.headers.get("hx-request"):
        response.headers["HX-Refresh"] = "true"
    return response


def job_json(request: Request, job: Job) -> dict[str, Any]:
    summary: Any = None
    if isinstance(job.result, dict) and "matches" in job.result:
        summary = {"matches": len(job.result["matches"])}
    return {
        "id": job.id,
        "kind": job.kind,
        "region": job.region_id,
        "status": job.status.value,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "result": summary,
        "error": job_error(request, job),
        "created_at": job.created_at.isoformat(),
        "updated_at": job.updated_at.isoformat(),
    }


__all__ = ["api_router", "router"]
