"""Accounts in the database: users, roles, tokens, throttling, introductions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, text

from kreislauf.core.permissions import Role
from kreislauf.errors import ConflictError, InputError, NotFoundError
from kreislauf.storage.accounts import (
    LOGIN_WINDOW,
    MAX_FAILED_LOGINS,
    TOKEN_LIFETIME,
    Accounts,
    ContactStatus,
)
from kreislauf.storage.tables import utcnow
from tests.web.conftest import PASSWORD


def test_a_user_logs_in_with_the_right_password_only(engine: Engine) -> None:
    accounts = Accounts(engine)
    user = accounts.add_user(" Anna@Example.org ", PASSWORD, "facilitator", regions=["ms", "ms"])
    assert (user.email, user.role, user.regions) == ("anna@example.org", Role.FACILITATOR, ("ms",))
    assert accounts.authenticate("ANNA@example.org", PASSWORD) == user
    assert accounts.authenticate("anna@example.org", PASSWORD + "x") is None
    assert accounts.authenticate("nobody@example.org", PASSWORD) is None


def test_passwords_are_stored_as_argon2_hashes(engine: Engine) -> None:
    Accounts(engine).add_user("a@example.org", PASSWORD, "viewer")
    with engine.connect() as connection:
        stored = connection.execute(text("select password_hash from users")).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_bad_accounts_are_refused(engine: Engine) -> None:
    accounts = Accounts(engine)
    with pytest.raises(InputError, match="e-mail"):
        accounts.add_user("not-an-address", PASSWORD, "viewer")
    with pytest.raises(InputError, match="at least"):
        accounts.add_user("a@example.org", "short", "viewer")
    with pytest.raises(InputError, match="firm"):
        accounts.add_user("a@example.org", PASSWORD, "member")
    with pytest.raises(InputError, match="not a role"):
        accounts.add_user("a@example.org", PASSWORD, "king")
    accounts.add_user("a@example.org", PASSWORD, "viewer")
    with pytest.raises(ConflictError):
        accounts.add_user("A@example.org", PASSWORD, "admin")


def test_a_member_belongs_to_its_firm(engine: Engine) -> None:
    user = Accounts(engine).add_user(
        "m@example.org", PASSWORD, "member", actor_region="ms", actor_id="a7"
    )
    principal = user.principal
    assert principal.owns("ms", "a7") and not principal.owns("ms", "a8")


def test_tokens_work_until_they_expire_or_are_revoked(engine: Engine) -> None:
    accounts = Accounts(engine)
    user = accounts.add_user("t@example.org", PASSWORD, "admin")
    token = accounts.issue_token(user.id)
    assert accounts.user_for_token(token) == user
    assert accounts.user_for_token(token + "x") is None
    later = utcnow() + TOKEN_LIFETIME + timedelta(seconds=1)
    assert accounts.user_for_token(token, now=later) is None
    accounts.revoke_token(token)
    assert accounts.user_for_token(token) is None


def test_a_new_password_ends_every_token(engine: Engine) -> None:
    accounts = Accounts(engine)
    user = accounts.add_user("t@example.org", PASSWORD, "admin")
    token = accounts.issue_token(user.id)
    accounts.set_password(user.id, "another long password")
    assert accounts.user_for_token(token) is None
    assert accounts.authenticate("t@example.org", "another long password") is not None


def test_logins_are_throttled_after_repeated_failures(engine: Engine) -> None:
    accounts = Accounts(engine)
    now = utcnow()
    for _ in range(MAX_FAILED_LOGINS - 1):
        accounts.record_failed_login("email:x@example.org", "ip:1.2.3.4", now=now)
    assert not accounts.is_throttled("email:x@example.org", now=now)
    accounts.record_failed_login("email:x@example.org", now=now)
    assert accounts.is_throttled("email:x@example.org", "ip:9.9.9.9", now=now)
    assert not accounts.is_throttled("ip:1.2.3.4", now=now)
    assert not accounts.is_throttled("email:x@example.org", now=now + LOGIN_WINDOW + timedelta(1))
    accounts.clear_failed_logins("email:x@example.org")
    assert not accounts.is_throttled("email:x@example.org", now=now)


def test_an_introduction_needs_both_sides(engine: Engine) -> None:
    accounts = Accounts(engine)
    request = accounts.request_contact("ms", "a1", "a2", offer_id="s1", need_id="s9")
    assert request.status is ContactStatus.PENDING
    assert accounts.introduced("ms", "a1") == frozenset()
    assert accounts.request_contact("ms", "a2", "a1").id == request.id  # no duplicate
    with pytest.raises(NotFoundError):
        accounts.decide_contact(request.id, "a1", accept=True)  # the asker cannot accept
    accepted = accounts.decide_contact(request.id, "a2", accept=True)
    assert accepted.status is ContactStatus.ACCEPTED and accepted.decided_at is not None
    assert accounts.introduced("ms", "a1") == {"a2"}
    assert accounts.introduced("ms", "a2") == {"a1"}
    assert accounts.introduced("other", "a1") == frozenset()
    with pytest.raises(ConflictError):
        accounts.decide_contact(request.id, "a2", accept=False)


def test_a_declined_request_introduces_no_one_and_may_be_asked_again(engine: Engine) -> None:
    accounts = Accounts(engine)
    first = accounts.request_contact("ms", "a1", "a2")
    accounts.decide_contact(first.id, "a2", accept=False)
    assert accounts.introduced("ms", "a1") == frozenset()
    again = accounts.request_contact("ms", "a1", "a2")
    assert again.status is ContactStatus.PENDING
    with pytest.raises(InputError):
        accounts.request_contact("ms", "a1", "a1")


def test_the_demo_login_is_a_facilitator_whose_password_changes_each_time(engine: Engine) -> None:
    from kreislauf.storage.repository import Repository
    from kreislauf.web.demo import demo_login

    repo = Repository(engine)
    email, first = demo_login(repo, "mittelsachsen")
    accounts = Accounts(engine)
    user = accounts.authenticate(email, first)
    assert user is not None and user.role is Role.FACILITATOR and user.regions == ("mittelsachsen",)
    _, second = demo_login(repo, "mittelsachsen")
    assert second != first
    assert accounts.authenticate(email, first) is None
    assert accounts.authenticate(email, second) is not None
