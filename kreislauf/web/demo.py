"""Demo accounts for ``make demo``: a facilitator of the demo region with a fresh
password printed for the person who started it."""

from __future__ import annotations

import secrets

from kreislauf.core.permissions import Role
from kreislauf.storage.accounts import Accounts
from kreislauf.storage.repository import Repository

DEMO_EMAIL = "demo@kreislauf.example"


def demo_login(repo: Repository, region_id: str, email: str = DEMO_EMAIL) -> tuple[str, str]:
    """A facilitator account of ``region_id`` with a new random password; returns
    (e-mail address, password). Run again, it keeps the account and changes the
    password, so an old printed password stops working."""
    accounts = Accounts(repo.engine)
    password = secrets.token_urlsafe(12)
    user = accounts.find_user(email)
    if user is None:
        accounts.add_user(email, password, Role.FACILITATOR, regions=[region_id])
    else:
        accounts.set_password(user.id, password)
        accounts.add_membership(user.id, region_id)
    return email, password


__all__ = ["DEMO_EMAIL", "demo_login"]
