"""Log in and out (pages)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kreislauf.web.context import render, tr
from kreislauf.web.security import (
    ThrottledError,
    authenticate_throttled,
    current_user,
    log_in,
    log_out,
    require_csrf,
)

router = APIRouter(tags=["pages"], include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site (no other host, no scheme) may follow a login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/regions"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> Response:
    if current_user(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", {"next": safe_next(next), "email": "", "error": None})


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(require_csrf)])
def login(
    request: Request,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/regions",
) -> Response:
    try:
        user = authenticate_throttled(request, email, password)
    except ThrottledError as exc:
        return render(
            request,
            "login.html",
            {
                "next": safe_next(next),
                "email": email,
                "error": exc.render(lambda s: tr(request, s)),
            },
            status_code=429,
        )
    if user is None:
        return render(
            request,
            "login.html",
            {
                "next": safe_next(next),
                "email": email,
                "error": tr(request, "E-mail address or password is wrong."),
            },
            status_code=401,
        )
    log_in(request, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(require_csrf)])
def logout(request: Request) -> Response:
    log_out(request)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/regions" if current_user(request) else "/login", status_code=303)
