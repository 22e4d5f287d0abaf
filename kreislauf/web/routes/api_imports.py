"""API: imports (upload, dry run, all-or-nothing) and exports of a region."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kreislauf.web import uploads
from kreislauf.web.access import region_for, require_region_editor
from kreislauf.web.api_deps import ApiWho
from kreislauf.web.routes.imports import export_file, settings_of
from kreislauf.web.schemas import ERRORS, ImportResult

router = APIRouter(tags=["imports and exports"], responses=ERRORS)


@router.post("/regions/{region_id}/imports", response_model=ImportResult)
async def import_file(
    request: Request,
    region_id: str,
    who: ApiWho,
    file: Annotated[
        UploadFile, File(description="Region file (.json) or spreadsheet (.xlsx, .csv)")
    ],
    mode: Literal["merge", "replace"] = "merge",
    dry_run: bool = False,
) -> ImportResult:
    """Validate a file and store it into the region, all or nothing. ``dry_run`` only
    validates and tells what would change; problems come back as 422 with their
    row and column."""
    require_region_editor(who, region_id)
    settings = settings_of(request)
    suffix = uploads.check_name(file.filename)
    data = await file.read(settings.max_import_bytes + 1)
    if len(data) > settings.max_import_bytes:
        raise uploads.too_large(len(data), settings)
    token = uploads.stash(data, suffix, settings)

    def work() -> ImportResult:
        try:
            region = region_for(request, who, region_id)
            incoming = uploads.read_upload(uploads.stashed(token, settings), region_id, settings)
            preview = uploads.combine(region, incoming, mode)
            uploads.check_combined(preview.result)
            if not dry_run:
                uploads.store(preview, settings)
        finally:
            uploads.discard(token, settings)
        return ImportResult(
            region=region_id,
            stored=not dry_run,
            mode=mode,
            new_actors=preview.new_actors,
            changed_actors=preview.changed_actors,
            new_streams=preview.new_streams,
            changed_streams=preview.changed_streams,
            removed_actors=preview.removed_actors,
            removed_streams=preview.removed_streams,
        )

    return await run_in_threadpool(work)


@router.get(
    "/regions/{region_id}/export",
    response_class=Response,
    responses={200: {"description": "The region file (JSON), workbook (XLSX) or CSV tables (zip)"}},
)
def export_region(
    request: Request,
    region_id: str,
    who: ApiWho,
    format: Literal["json", "xlsx", "csv"] = "json",
) -> Response:
    """The whole region with every name (facilitators and admins)."""
    require_region_editor(who, region_id)
    region_for(request, who, region_id)
    return export_file(request, region_id, format)
