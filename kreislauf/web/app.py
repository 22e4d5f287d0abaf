"""The application factory.

``create_app(settings)`` wires the repository and the accounts of the configured
database, the session cookie, the language, security headers, the static files, the
page routers and the JSON API. Errors become a page in the user's language, or JSON
under ``/api``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from kreislauf.errors import (
    ConflictError,
    InputError,
    KreislaufError,
    NotFoundError,
    ValidationError,
)
from kreislauf.i18n import translator
from kreislauf.settings import Settings, get_settings
from kreislauf.storage.accounts import Accounts
from kreislauf.web.context import LANG_COOKIE, pick_language, render
from kreislauf.web.region_cache import RegionCache
from kreislauf.web.security import (
    AccessDeniedError,
    CsrfError,
    LoginRequiredError,
    ThrottledError,
)

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "kreislauf_session"
SESSION_MAX_AGE = 8 * 3600

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)


API_DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kreislauf API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/js/api-docs.js"></script></body></html>
"""


def status_of(error: KreislaufError) -> int:
    """The HTTP status an error stands for."""
    if isinstance(error, LoginRequiredError):
        return 401
    if isinstance(error, AccessDeniedError | CsrfError):
        return 403
    if isinstance(error, ThrottledError):
        return 429
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, ValidationError):
        return 422
    if isinstance(error, InputError):
        return 400
    return 500


def error_json(error: KreislaufError, language: str) -> dict[str, object]:
    t = translator(language)
    body: dict[str, object] = {"detail": error.render(t)}
    if isinstance(error, ValidationError):
        body["problems"] = [
            {"path": p.path, "message": p.render(t).removeprefix(f"{p.path}: ")}
            for p in error.problems
        ]
    return body


def create_app(settings: Settings | None = None) -> FastAPI:
    """The kreislauf web application on the configured database (migrated on start)."""
    from kreislauf import services

    settings = settings or get_settings()
    repo = services.open_repository(settings)
    app = FastAPI(
        title="kreislauf",
        summary="Regional circular economy and industrial symbiosis: register, matches, leads.",
        version="1",
        docs_url=None,  # FastAPI's own page loads Swagger UI from a CDN; ours is local
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.repo = repo
    app.state.accounts = Accounts(repo.engine)
    app.state.regions = RegionCache(repo)

    @app.middleware("http")
    async def language_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        query = request.query_params.get("lang")
        request.state.lang = pick_language(
            query, request.cookies.get(LANG_COOKIE), settings.language
        )
        response = await call_next(request)
        if query in ("de", "en") and request.cookies.get(LANG_COOKIE) != query:
            response.set_cookie(
                LANG_COOKIE,
                query,
                max_age=365 * 24 * 3600,
                samesite="lax",
                secure=settings.environment == "production",
            )
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Language", request.state.lang)
        return response

    # added last, so it runs first: the session is there for the language middleware
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.environment == "production",
    )

    @app.exception_handler(KreislaufError)
    async def kreislauf_error(request: Request, error: KreislaufError) -> Response:
        lang = getattr(request.state, "lang", "de")
        status = status_of(error)
        if request.url.path.startswith("/api/"):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse(error_json(error, lang), status_code=status, headers=headers)
        if isinstance(error, LoginRequiredError):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        return render(
            request,
            "error.html",
            {"status": status, "message": error.render(translator(lang)), "error": error},
            status_code=status,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/")):
            return await http_exception_handler(request, error)
        lang = getattr(request.state, "lang", "de")
        message = (
            translator(lang)("This page does not exist.")
            if error.status_code == 404
            else str(error.detail)
        )
        return render(
            request,
            "error.html",
            {"status": error.status_code, "message": message, "error": None},
            status_code=error.status_code,
        )

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> Response:
        """Swagger UI from the app's own static files (no CDN, no inline script)."""
        return HTMLResponse(API_DOCS_PAGE)

    from kreislauf.web.routes import (
        actors,
        api_actors,
        api_auth,
        api_imports,
        api_leads,
        api_lookups,
        api_matches,
        api_regions,
        api_streams,
        auth,
        imports,
        lookups,
        regions,
        streams,
    )

    for module in (auth, regions, actors, streams, imports, lookups):
        app.include_router(module.router)
    for module in (
        api_auth,
        api_regions,
        api_actors,
        api_streams,
        api_matches,
        api_leads,
        api_imports,
        api_lookups,
    ):
        app.include_router(module.router, prefix="/api/v1")
    return app


__all__ = ["CONTENT_SECURITY_POLICY", "create_app", "status_of"]
