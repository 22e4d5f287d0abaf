"""Who calls the JSON API: a bearer token from ``/api/v1/auth/token``, or the page's
session cookie (then unsafe methods need the ``X-CSRF-Token`` header)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from kreislauf.core.permissions import Principal
from kreislauf.web.security import (
    SAFE_METHODS,
    LoginRequiredError,
    accounts_of,
    check_csrf_value,
    current_user,
)

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def api_principal(
    request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    # async: one indexed lookup runs on the event loop instead of a threadpool round trip
    if token:
        user = accounts_of(request).user_for_token(token)
        if user is None:
            raise LoginRequiredError("the token is invalid or has expired")
        return user.principal
    user = current_user(request)
    if user is None:
        raise LoginRequiredError("not authenticated: get a token at /api/v1/auth/token")
    if request.method not in SAFE_METHODS:
        check_csrf_value(request, request.headers.get("x-csrf-token"))
    return user.principal


ApiWho = Annotated[Principal, Depends(api_principal)]

__all__ = ["ApiWho", "api_principal", "oauth2_scheme"]
