"""The application factory.

``create_app(settings)`` wires the repository and the accounts of the configured
database, the session cookie, the language, security headers, the static files, the
page routers and the JSON API. Errors become a page in the user's language, or JSON
under ``/api``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
from kreislauf.web.response_cache import ResponseCache
from kreislauf.web.security import (
    AccessDeniedError,
    CsrfError,
    LoginRequiredError,
    ThrottledError,
)

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "kreislauf_session"
SESSION_MAX_AGE = 8 * 3600


def content_security_policy(tile_url: str | None = None) -> str:
    """The Content-Security-Policy: everything from this site only, no inline scripts.
    A configured map tile URL (online use) adds its origin for images alone."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("https", "http") and parts.netloc:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
            images += f" {parts.scheme}://{host}"
    return (
        f"default-src 'self'; img-src {images}; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


CONTENT_SECURITY_POLICY = content_security_policy()
OTHER_SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
)


class LanguageAndHeaders:
    """Pure ASGI middleware: picks the request's language (``request.state.lang``),
    remembers a ``?lang=`` choice in a cookie and adds the security headers."""

    def __init__(
        self,
        app: ASGIApp,
        configured: str | None,
        secure: bool,
        policy: str = CONTENT_SECURITY_POLICY,
    ) -> None:
        self.app = app
        self.configured = configured
        self.secure = secure
        self.headers = (("Content-Security-Policy", policy), *OTHER_SECURITY_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        query = request.query_params.get("lang")
        cookie = request.cookies.get(LANG_COOKIE)
        lang = pick_language(query, cookie, self.configured)
        scope.setdefault("state", {})["lang"] = lang
        remember = query in ("de", "en") and cookie != query

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name not in headers:
                        headers[name] = value
                headers["Content-Language"] = lang
                if remember:
                    flags = "; Secure" if self.secure else ""
                    headers.append(
                        "set-cookie",
                        f"{LANG_COOKIE}={query}; Max-Age=31536000; Path=/; SameSite=lax{flags}",
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
    app.state.responses = ResponseCache()

    app.add_middleware(
        LanguageAndHeaders,
        configured=settings.language,
        secure=settings.environment == "production",
        policy=content_security_policy(getattr(settings, "map_tile_url", None)),
    )

    # added last, so it runs outermost
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
        account,
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

    for module in (auth, account, regions, actors, streams, imports, lookups):
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
    from kreislauf.web.routes import dashboard, jobs_pages, leads, map, matches

    for module in (map, matches, leads, dashboard, jobs_pages):  # type: ignore[assignment]
        app.include_router(module.router)
        if hasattr(module, "api_router"):
            app.include_router(module.api_router, prefix="/api/v1")
    return app


__all__ = ["CONTENT_SECURITY_POLICY", "content_security_policy", "create_app", "status_of"]
