"""Accounts: users with roles and regions, API tokens, login throttling and the double
opt-in introductions between firms.

The tables share the metadata of :mod:`kreislauf.storage.tables` (one Alembic history);
the migration is ``migrations/versions/0100_accounts.py``. Passwords are stored as argon2
hashes (pwdlib); API tokens only as their SHA-256 digest, so a stolen database gives no
working token. Region memberships name regions by id without a foreign key: an account
may be set up for a region before the region is imported.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pwdlib import PasswordHash
from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from kreislauf.core.permissions import Principal, Role, parse_role
from kreislauf.errors import ConflictError, InputError, NotFoundError
from kreislauf.storage.base import database_errors
from kreislauf.storage.database import read_transaction, write_transaction
from kreislauf.storage.mapping import aware
from kreislauf.storage.tables import ID, Base, utcnow

#: Failed logins per e-mail address (or per client address) within the window before
#: further attempts are refused.
MAX_FAILED_LOGINS = 5
LOGIN_WINDOW = timedelta(minutes=15)
#: How long an API token lives.
TOKEN_LIFETIME = timedelta(days=30)
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHash.recommended()


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    actor_region: Mapped[str | None] = mapped_column(ID)
    actor_id: Mapped[str | None] = mapped_column(ID)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MembershipRow(Base):
    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    region_id: Mapped[str] = mapped_column(ID, primary_key=True)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttemptRow(Base):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ContactRequestRow(Base):
    """A firm's request for an introduction on a match, and the other side's answer."""

    __tablename__ = "contact_requests"
    __table_args__ = (UniqueConstraint("region_id", "from_actor", "to_actor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_id: Mapped[str] = mapped_column(ID, index=True)
    from_actor: Mapped[str] = mapped_column(ID)
    to_actor: Mapped[str] = mapped_column(ID)
    offer_id: Mapped[str | None] = mapped_column(ID)
    need_id: Mapped[str | None] = mapped_column(ID)
    message: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


users: Table = UserRow.__table__  # type: ignore[assignment]
memberships: Table = MembershipRow.__table__  # type: ignore[assignment]
api_tokens: Table = ApiTokenRow.__table__  # type: ignore[assignment]
login_attempts: Table = LoginAttemptRow.__table__  # type: ignore[assignment]
contact_requests: Table = ContactRequestRow.__table__  # type: ignore[assignment]


class ContactStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    email: str
    role: Role
    regions: tuple[str, ...]
    actor_region: str | None
    actor_id: str | None
    active: bool
    created_at: datetime

    @property
    def principal(self) -> Principal:
        return Principal(
            user_id=self.id,
            role=self.role,
            regions=frozenset(self.regions),
            actor_region=self.actor_region,
            actor_id=self.actor_id,
        )


@dataclass(frozen=True, slots=True)
class ContactRequest:
    id: int
    region_id: str
    from_actor: str
    to_actor: str
    offer_id: str | None
    need_id: str | None
    message: str | None
    status: ContactStatus
    created_at: datetime
    decided_at: datetime | None


def normalise_email(email: str) -> str:
    """The address as stored: trimmed, lower case; :class:`InputError` where it is not
    an address."""
    value = email.strip().lower()
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain or " " in value or len(value) > 320:
        raise InputError('"{email}" is not an e-mail address', email=email)
    return value


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("a password needs at least {min} characters", min=MIN_PASSWORD_LENGTH)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _request_from_row(row: Any) -> ContactRequest:
    return ContactRequest(
        id=row["id"],
        region_id=row["region_id"],
        from_actor=row["from_actor"],
        to_actor=row["to_actor"],
        offer_id=row["offer_id"],
        need_id=row["need_id"],
        message=row["message"],
        status=ContactStatus(row["status"]),
        created_at=aware(row["created_at"]),
        decided_at=aware(row["decided_at"]) if row["decided_at"] is not None else None,
    )


class Accounts:
    """Users, tokens, login attempts and introductions in the repository's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users ---------------------------------------------------------------------

    def add_user(
        self,
        email: str,
        password: str,
        role: Role | str,
        *,
        regions: tuple[str, ...] | list[str] = (),
        actor_region: str | None = None,
        actor_id: str | None = None,
    ) -> User:
        """Create an account. A member names its firm (``actor_region`` and
        ``actor_id``); facilitators and viewers name their regions."""
        address = normalise_email(email)
        chosen = parse_role(role)
        check_password(password)
        if chosen is Role.MEMBER and not (actor_region and actor_id):
            raise InputError("a member account needs its firm: give --region and --actor")
        if chosen is not Role.MEMBER and actor_id:
            raise InputError("only a member account belongs to a firm (--actor)")
        hashed = hash_password(password)
        with database_errors(), write_transaction(self.engine) as connection:
            taken = connection.scalar(select(users.c.id).where(users.c.email == address))
            if taken is not None:
                raise ConflictError('there is already an account for "{email}"', email=address)
            user_id = connection.execute(
                insert(users).values(
                    email=address,
                    password_hash=hashed,
                    role=chosen.value,
                    actor_region=actor_region if chosen is Role.MEMBER else None,
                    actor_id=actor_id if chosen is Role.MEMBER else None,
                    active=True,
                    created_at=utcnow(),
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            for region_id in dict.fromkeys(regions):
                connection.execute(insert(memberships).values(user_id=user_id, region_id=region_id))
        return self.get_user(int(user_id))

    def _user(self, connection: Any, row: Any) -> User:
        regions = tuple(
            connection.scalars(
                select(memberships.c.region_id)
                .where(memberships.c.user_id == row["id"])
                .order_by(memberships.c.region_id)
            )
        )
        return User(
            id=row["id"],
            email=row["email"],
            role=Role(row["role"]),
            regions=regions,
            actor_region=row["actor_region"],
            actor_id=row["actor_id"],
            active=bool(row["active"]),
            created_at=aware(row["created_at"]),
        )

    def get_user(self, user_id: int) -> User:
        with database_errors(), read_transaction(self.engine) as connection:
            row = connection.execute(select(users).where(users.c.id == user_id)).mappings().first()
            if row is None:
                raise NotFoundError("there is no account {id}", id=user_id)
            return self._user(connection, row)

    def find_user(self, email: str) -> User | None:
        with database_errors(), read_transaction(self.engine) as connection:
            row = (
                connection.execute(select(users).where(users.c.email == email.strip().lower()))
                .mappings()
                .first()
            )
            return self._user(connection, row) if row is not None else None

    def list_users(self) -> list[User]:
        with database_errors(), read_transaction(self.engine) as connection:
            rows = connection.execute(select(users).order_by(users.c.email)).mappings().all()
            return [self._user(connection, row) for row in rows]

    def set_password(self, user_id: int, password: str) -> None:
        check_password(password)
        hashed = hash_password(password)
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(
                update(users).where(users.c.id == user_id).values(password_hash=hashed)
            )
            connection.execute(delete(api_tokens).where(api_tokens.c.user_id == user_id))

    def add_membership(self, user_id: int, region_id: str) -> None:
        with database_errors(), write_transaction(self.engine) as connection:
            exists = connection.scalar(
                select(memberships.c.user_id).where(
                    memberships.c.user_id == user_id, memberships.c.region_id == region_id
                )
            )
            if exists is None:
                connection.execute(insert(memberships).values(user_id=user_id, region_id=region_id))

    def authenticate(self, email: str, password: str) -> User | None:
        """The active user with this address and password, else None. A hash in an old
        format is replaced by a current one."""
        address = email.strip().lower()
        with database_errors(), read_transaction(self.engine) as connection:
            row = (
                connection.execute(
                    select(users.c.id, users.c.password_hash, users.c.active).where(
                        users.c.email == address
                    )
                )
                .mappings()
                .first()
            )
        if row is None:
            _hasher.verify_and_update(password, _DUMMY_HASH)  # same time either way
            return None
        valid, new_hash = _hasher.verify_and_update(password, row["password_hash"])
        if not valid or not row["active"]:
            return None
        if new_hash is not None:
            with database_errors(), write_transaction(self.engine) as connection:
                connection.execute(
                    update(users).where(users.c.id == row["id"]).values(password_hash=new_hash)
                )
        return self.get_user(row["id"])

    # -- login throttling ----------------------------------------------------------

    def failed_logins(self, key: str, *, now: datetime | None = None) -> int:
        since = (now or utcnow()) - LOGIN_WINDOW
        with database_errors(), read_transaction(self.engine) as connection:
            return int(
                connection.scalar(
                    select(func.count())
                    .select_from(login_attempts)
                    .where(login_attempts.c.key == key, login_attempts.c.at >= since)
                )
                or 0
            )

    def is_throttled(self, *keys: str, now: datetime | None = None) -> bool:
        """True where any key (an address, a client) had too many recent failures."""
        return any(self.failed_logins(k, now=now) >= MAX_FAILED_LOGINS for k in keys)

    def record_failed_login(self, *keys: str, now: datetime | None = None) -> None:
        at = now or utcnow()
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(
                delete(login_attempts).where(login_attempts.c.at < at - LOGIN_WINDOW)
            )
            for key in keys:
                connection.execute(insert(login_attempts).values(key=key[:400], at=at))

    def clear_failed_logins(self, *keys: str) -> None:
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(delete(login_attempts).where(login_attempts.c.key.in_(keys)))

    # -- API tokens ----------------------------------------------------------------

    def issue_token(self, user_id: int, *, now: datetime | None = None) -> str:
        """A new random bearer token for the user (only its digest is stored)."""
        token = secrets.token_urlsafe(32)
        at = now or utcnow()
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(
                insert(api_tokens).values(
                    digest=_digest(token),
                    user_id=user_id,
                    created_at=at,
                    expires_at=at + TOKEN_LIFETIME,
                )
            )
        return token

    def user_for_token(self, token: str, *, now: datetime | None = None) -> User | None:
        """The active user holding this unexpired token, else None: one indexed lookup
        of the token's SHA-256 digest joined with its user, in one read transaction (it
        runs on every API request)."""
        at = now or utcnow()
        with database_errors(), read_transaction(self.engine) as connection:
            row = (
                connection.execute(
                    select(users, api_tokens.c.expires_at)
                    .join(api_tokens, api_tokens.c.user_id == users.c.id)
                    .where(api_tokens.c.digest == _digest(token))
                )
                .mappings()
                .first()
            )
            if row is None or aware(row["expires_at"]) <= at or not row["active"]:
                return None
            return self._user(connection, row)

    def revoke_token(self, token: str) -> None:
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(delete(api_tokens).where(api_tokens.c.digest == _digest(token)))

    # -- introductions (double opt-in) ---------------------------------------------

    def request_contact(
        self,
        region_id: str,
        from_actor: str,
        to_actor: str,
        *,
        offer_id: str | None = None,
        need_id: str | None = None,
        message: str | None = None,
        requested_by: int | None = None,
    ) -> ContactRequest:
        """Firm ``from_actor`` asks to be introduced to ``to_actor``. Asking again while
        a request between the two is open or accepted returns that request."""
        if from_actor == to_actor:
            raise InputError("a firm cannot ask for contact with itself")
        with database_errors(), write_transaction(self.engine) as connection:
            pair = or_(
                (contact_requests.c.from_actor == from_actor)
                & (contact_requests.c.to_actor == to_actor),
                (contact_requests.c.from_actor == to_actor)
                & (contact_requests.c.to_actor == from_actor),
            )
            row = (
                connection.execute(
                    select(contact_requests).where(contact_requests.c.region_id == region_id, pair)
                )
                .mappings()
                .first()
            )
            if row is not None and row["status"] != ContactStatus.DECLINED:
                return _request_from_row(row)
            if row is not None:
                connection.execute(
                    delete(contact_requests).where(contact_requests.c.id == row["id"])
                )
            new_id = connection.execute(
                insert(contact_requests).values(
                    region_id=region_id,
                    from_actor=from_actor,
                    to_actor=to_actor,
                    offer_id=offer_id,
                    need_id=need_id,
                    message=message,
                    status=ContactStatus.PENDING.value,
                    requested_by=requested_by,
                    created_at=utcnow(),
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            created = (
                connection.execute(select(contact_requests).where(contact_requests.c.id == new_id))
                .mappings()
                .one()
            )
            return _request_from_row(created)

    def decide_contact(self, request_id: int, by_actor: str, *, accept: bool) -> ContactRequest:
        """The asked firm (``by_actor``) accepts or declines a pending request."""
        with database_errors(), write_transaction(self.engine) as connection:
            row = (
                connection.execute(
                    select(contact_requests).where(contact_requests.c.id == request_id)
                )
                .mappings()
                .first()
            )
            if row is None or row["to_actor"] != by_actor:
                raise NotFoundError("there is no contact request {id} for you", id=request_id)
            if row["status"] != ContactStatus.PENDING:
                raise ConflictError("this contact request has been answered already")
            status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
            connection.execute(
                update(contact_requests)
                .where(contact_requests.c.id == request_id)
                .values(status=status.value, decided_at=utcnow())
            )
            updated = (
                connection.execute(
                    select(contact_requests).where(contact_requests.c.id == request_id)
                )
                .mappings()
                .one()
            )
            return _request_from_row(updated)

    def contact_requests(self, region_id: str, actor_id: str) -> list[ContactRequest]:
        """Requests made by or to one firm, newest first."""
        with database_errors(), read_transaction(self.engine) as connection:
            rows = connection.execute(
                select(contact_requests)
                .where(
                    contact_requests.c.region_id == region_id,
                    or_(
                        contact_requests.c.from_actor == actor_id,
                        contact_requests.c.to_actor == actor_id,
                    ),
                )
                .order_by(contact_requests.c.created_at.desc(), contact_requests.c.id.desc())
            ).mappings()
            return [_request_from_row(r) for r in rows]

    def introduced(self, region_id: str | None, actor_id: str | None) -> frozenset[str]:
        """The firms that ``actor_id`` has been introduced to (both sides said yes)."""
        if not region_id or not actor_id:
            return frozenset()
        return frozenset(
            (r.to_actor if r.from_actor == actor_id else r.from_actor)
            for r in self.contact_requests(region_id, actor_id)
            if r.status is ContactStatus.ACCEPTED
        )


_DUMMY_HASH = hash_password("kreislauf-timing-equaliser")


__all__ = [
    "LOGIN_WINDOW",
    "MAX_FAILED_LOGINS",
    "MIN_PASSWORD_LENGTH",
    "TOKEN_LIFETIME",
    "Accounts",
    "ContactRequest",
    "ContactStatus",
    "User",
    "check_password",
    "hash_password",
    "normalise_email",
]
