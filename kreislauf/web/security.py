"""Sessions, CSRF tokens, login throttling and who is asking.

Pages use a signed session cookie (Starlette's ``SessionMiddleware``; ``Secure`` in
production) holding the user id and a CSRF token. Every form carries the token and every
unsafe request through the session must echo it (form field ``csrf_token`` or header
``X-CSRF-Token``). Scripts use bearer tokens from ``/api/v1/auth/token`` instead; those
requests carry no cookie and need no CSRF token.
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import Request

from kreislauf.core.permissions import Principal
from kreislauf.errors import KreislaufError, NotFoundError
from kreislauf.storage.accounts import MAX_FAILED_LOGINS, Accounts, User

SESSION_USER = "uid"
SESSION_CSRF = "csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Failed logins from one client address (any account) before it waits: higher than per
#: account, so that colleagues behind one office address do not lock each other out.
MAX_FAILED_LOGINS_PER_CLIENT = 30


class LoginRequiredError(KreislaufError):
    """The page needs a logged-in user (pages redirect to the login form)."""


class AccessDeniedError(KreislaufError):
    """The user may not do this (HTTP 403)."""


class CsrfError(KreislaufError):
    """The form's CSRF token is missing or wrong (HTTP 403)."""


class ThrottledError(KreislaufError):
    """Too many failed logins (HTTP 429)."""


def accounts_of(request: Request) -> Accounts:
    return request.app.state.accounts  # type: ignore[no-any-return]


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    session = request.session
    token = session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        session[SESSION_CSRF] = token
    return str(token)


def check_csrf_value(request: Request, sent: Any) -> None:
    expected = request.session.get(SESSION_CSRF)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise CsrfError("the form has expired or did not come from this site; please try again")


async def require_csrf(request: Request) -> None:
    """Dependency for form posts: the form field or header must carry the CSRF token."""
    if request.method in SAFE_METHODS:
        return
    sent: Any = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        sent = form.get(CSRF_FIELD)
    check_csrf_value(request, sent)


def current_user(request: Request) -> User | None:
    """The logged-in user of the session (None where nobody is logged in)."""
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    user: User | None = None
    if "session" in request.scope:
        user_id = request.session.get(SESSION_USER)
        if isinstance(user_id, int):
            try:
                found = accounts_of(request).get_user(user_id)
            except NotFoundError:
                found = None
            user = found if found is not None and found.active else None
            if user is None:
                request.session.pop(SESSION_USER, None)
    request.state.user = user
    return user


def require_user(request: Request) -> User:
    """Dependency for pages: the logged-in user, else a redirect to the login form."""
    user = current_user(request)
    if user is None:
        raise LoginRequiredError("please log in")
    return user


def require_principal(request: Request) -> Principal:
    return require_user(request).principal


def log_in(request: Request, user: User) -> None:
    """Start a fresh session for ``user`` (a new CSRF token too)."""
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    request.state.user = user


def log_out(request: Request) -> None:
    request.session.clear()
    request.state.user = None


def client_key(request: Request) -> str:
    return f"ip:{request.client.host if request.client else 'unknown'}"


def authenticate_throttled(request: Request, email: str, password: str) -> User | None:
    """Check a login; refuse (:class:`ThrottledError`) after too many recent failures
    for the address or the client."""
    accounts = accounts_of(request)
    keys = (f"email:{email.strip().lower()}", client_key(request))
    if (
        accounts.failed_logins(keys[0]) >= MAX_FAILED_LOGINS
        or accounts.failed_logins(keys[1]) >= MAX_FAILED_LOGINS_PER_CLIENT
    ):
        raise ThrottledError(
            "too many failed logins; please wait {minutes} minutes and try again", minutes=15
        )
    user = accounts.authenticate(email, password)
    if user is None:
        accounts.record_failed_login(*keys)
        return None
    accounts.clear_failed_logins(keys[0])
    return user


__all__ = [
    "AccessDeniedError",
    "CsrfError",
    "LoginRequiredError",
    "ThrottledError",
    "accounts_of",
    "authenticate_throttled",
    "check_csrf_value",
    "csrf_token",
    "current_user",
    "log_in",
    "log_out",
    "require_csrf",
    "require_principal",
    "require_user",
]
