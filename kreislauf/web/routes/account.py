"""Page: one's own account -- who one is, and changing the password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from kreislauf.errors import InputError
from kreislauf.storage.accounts import User, check_password
from kreislauf.web.context import render, tr
from kreislauf.web.security import accounts_of, log_in, require_csrf, require_user

router = APIRouter(tags=["pages"], include_in_schema=False)


def _page(
    request: Request,
    user: User,
    errors: dict[str, str],
    messages: list[str],
    status_code: int = 200,
) -> Response:
    return render(
        request,
        "account.html",
        {"account": user, "errors": errors, "messages": messages},
        status_code=status_code,
    )


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, user: Annotated[User, Depends(require_user)]) -> Response:
    return _page(request, user, {}, [])


@router.post("/account/password", response_class=HTMLResponse, dependencies=[Depends(require_csrf)])
def change_password(
    request: Request,
    user: Annotated[User, Depends(require_user)],
    current_password: Annotated[str, Form()] = "",
    new_password: Annotated[str, Form()] = "",
    new_password_again: Annotated[str, Form()] = "",
) -> Response:
    """A new password ends every API token of the account and starts a new session."""
    accounts = accounts_of(request)
    errors: dict[str, str] = {}
    if accounts.authenticate(user.email, current_password) is None:
        errors["current_password"] = tr(request, "the current password is wrong")
    try:
        check_password(new_password)
    except InputError as exc:
        errors["new_password"] = exc.render(lambda s: tr(request, s))
    if new_password != new_password_again:
        errors["new_password_again"] = tr(request, "the two new passwords differ")
    if errors:
        return _page(request, user, errors, [], status_code=422)
    accounts.set_password(user.id, new_password)
    log_in(request, user)
    return _page(request, user, {}, [tr(request, "Your password was changed.")])
