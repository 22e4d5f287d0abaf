"""API: tokens (OAuth2 password flow) and the caller's account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm

from kreislauf.web.api_deps import ApiWho, oauth2_scheme
from kreislauf.web.schemas import ERRORS, Token, UserPublic
from kreislauf.web.security import LoginRequiredError, accounts_of, authenticate_throttled

router = APIRouter(tags=["auth"], responses=ERRORS)


@router.post("/auth/token", response_model=Token)
def issue_token(request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    """Exchange e-mail address (as ``username``) and password for a bearer token
    (valid 30 days). Repeated failures are refused for 15 minutes (HTTP 429)."""
    user = authenticate_throttled(request, form.username, form.password)
    if user is None:
        raise LoginRequiredError("e-mail address or password is wrong")
    return Token(access_token=accounts_of(request).issue_token(user.id))


@router.post("/auth/revoke", status_code=204)
def revoke_token(
    request: Request, who: ApiWho, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> None:
    """End the bearer token of this request."""
    del who
    if token:
        accounts_of(request).revoke_token(token)


@router.get("/me", response_model=UserPublic)
def me(request: Request, who: ApiWho) -> UserPublic:
    user = accounts_of(request).get_user(who.user_id)
    return UserPublic(
        id=user.id,
        email=user.email,
        role=user.role.value,
        regions=list(user.regions),
        actor_region=user.actor_region,
        actor_id=user.actor_id,
    )
