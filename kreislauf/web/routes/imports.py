"""Pages: upload a spreadsheet or region file (preview, error report, confirm) and
download a region."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import FileResponse

from kreislauf.core.permissions import Principal
from kreislauf.errors import InputError, KreislaufError, ValidationError
from kreislauf.services import ExportFormat
from kreislauf.settings import Settings
from kreislauf.web import uploads
from kreislauf.web.access import region_for, require_region_editor
from kreislauf.web.context import render, translate
from kreislauf.web.security import check_csrf_value, require_csrf, require_principal

router = APIRouter(tags=["pages"], include_in_schema=False)

Who = Annotated[Principal, Depends(require_principal)]
PREVIEW_ROWS = 20
SESSION_UPLOADS = "uploads"


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def receive_upload(request: Request, settings: Settings) -> tuple[bytes, str, str]:
    """The uploaded file's bytes, suffix and the chosen mode; refuses a body larger than
    the limit before reading it."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_import_bytes + 64_000:
        raise uploads.too_large(int(declared), settings)
    form = await request.form(max_files=1, max_part_size=settings.max_import_bytes + 1)
    check_csrf_value(request, form.get("csrf_token"))
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InputError("choose a file to upload")
    suffix = uploads.check_name(upload.filename)
    data = await upload.read(settings.max_import_bytes + 1)
    if len(data) > settings.max_import_bytes:
        raise uploads.too_large(len(data), settings)
    mode = str(form.get("mode") or "merge")
    return data, suffix, mode if mode in ("merge", "replace") else "merge"


@router.get("/regions/{region_id}/import", response_class=HTMLResponse)
def import_form(request: Request, region_id: str, who: Who) -> Response:
    require_region_editor(who, region_id)
    region = region_for(request, who, region_id)
    return render(
        request,
        "import.html",
        {"region": region, "error": None, "limit": settings_of(request).max_import_mb},
    )


@router.post("/regions/{region_id}/import", response_class=HTMLResponse)
async def import_upload(request: Request, region_id: str) -> Response:
    who = require_principal(request)
    require_region_editor(who, region_id)
    settings = settings_of(request)
    region = await run_in_threadpool(region_for, request, who, region_id)
    try:
        data, suffix, mode = await receive_upload(request, settings)
    except InputError as exc:
        return render(
            request,
            "import.html",
            {
                "region": region,
                "error": exc.render(translate(request)),
                "limit": settings.max_import_mb,
            },
            status_code=413 if "too large" in exc.message else 400,
        )
    token = uploads.stash(data, suffix, settings)

    def preview() -> Response:
        try:
            incoming = uploads.read_upload(uploads.stashed(token, settings), region_id, settings)
            combined = uploads.combine(region, incoming, mode)  # type: ignore[arg-type]
            uploads.check_combined(combined.result)
        except KreislaufError as exc:
            uploads.discard(token, settings)
            problems = exc.problems if isinstance(exc, ValidationError) else ()
            return render(
                request,
                "import_report.html",
                {
                    "region": region,
                    "message": exc.render(translate(request)) if not problems else None,
                    "problems": [p.render(translate(request)) for p in problems],
                },
                status_code=422,
            )
        pending = dict(request.session.get(SESSION_UPLOADS) or {})
        pending[region_id] = {"token": token, "mode": mode}
        request.session[SESSION_UPLOADS] = pending
        return render(
            request,
            "import_preview.html",
            {
                "region": region,
                "preview": combined,
                "mode": mode,
                "actors": combined.incoming.actors[:PREVIEW_ROWS],
                "streams": combined.incoming.streams[:PREVIEW_ROWS],
            },
        )

    return await run_in_threadpool(preview)


@router.post("/regions/{region_id}/import/confirm", dependencies=[Depends(require_csrf)])
def import_confirm(
    request: Request, region_id: str, who: Who, action: Annotated[str, Form()] = "import"
) -> Response:
    require_region_editor(who, region_id)
    settings = settings_of(request)
    pending = dict(request.session.get(SESSION_UPLOADS) or {})
    entry = pending.pop(region_id, None)
    request.session[SESSION_UPLOADS] = pending
    if not entry:
        raise InputError("the upload has expired; please upload the file again")
    token, mode = entry["token"], entry["mode"]
    if action != "import":
        uploads.discard(token, settings)
        return RedirectResponse(f"/regions/{region_id}/import", status_code=303)
    try:
        region = region_for(request, who, region_id)
        incoming = uploads.read_upload(uploads.stashed(token, settings), region_id, settings)
        uploads.store(uploads.combine(region, incoming, mode), settings)
    finally:
        uploads.discard(token, settings)
    return RedirectResponse(f"/regions/{region_id}?imported=1", status_code=303)


EXPORT_TYPES = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
}


def export_file(request: Request, region_id: str, format: str) -> FileResponse:
    """The region as a file to download (CSV: the two tables in a zip)."""
    import shutil
    import zipfile

    from kreislauf import services

    if format not in EXPORT_TYPES:
        raise InputError('unknown format "{format}"; use json, xlsx or csv', format=format)
    folder = Path(tempfile.mkdtemp(prefix="kreislauf-export-"))
    target = folder / f"{region_id}.{format}"
    chosen: ExportFormat = format  # type: ignore[assignment]  # checked above
    written = services.export_region(
        region_id, target, format=chosen, settings=settings_of(request)
    )
    if format == "csv":
        bundle = folder / f"{region_id}-csv.zip"
        with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in written:
                archive.write(path, path.name)
        written = [bundle]
    path = written[0]
    return FileResponse(
        path,
        media_type=EXPORT_TYPES[format],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


@router.get("/regions/{region_id}/export")
def export_page(request: Request, region_id: str, who: Who, format: str = "xlsx") -> Response:
    require_region_editor(who, region_id)
    region_for(request, who, region_id)
    return export_file(request, region_id, format)


@router.get("/template.xlsx")
def template_download(request: Request, who: Who) -> Response:
    """The empty spreadsheet template (with explanations) in the user's language, to send
    to firms."""
    import shutil

    from kreislauf.importers.spreadsheet_write import write_template
    from kreislauf.web.context import language

    del who
    lang = language(request)
    folder = Path(tempfile.mkdtemp(prefix="kreislauf-template-"))
    name = "kreislauf-vorlage.xlsx" if lang == "de" else "kreislauf-template.xlsx"
    path = write_template(folder / name, language=lang, format="xlsx")[0]
    return FileResponse(
        path,
        media_type=EXPORT_TYPES["xlsx"],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
