"""Real databases for tests: a fresh PostgreSQL database per test session, dumps to
compare a database before and after.

The storage tests and the web tests use the same helpers::

    from tests.db import postgres_database

    @pytest.fixture(scope="session")
    def postgres_url():
        with postgres_database() as url:   # skips locally without a server, fails in CI
            yield url

The server comes from ``KREISLAUF_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``, then the same as user
``root``); the URL names a database the test user may connect to and create databases
from.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from tests.conftest import IN_CI

DEFAULT_POSTGRES_URLS = (
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
    "postgresql+psycopg://root@127.0.0.1:5432/postgres",
)


def _candidates() -> list[str]:
    configured = os.environ.get("KREISLAUF_TEST_POSTGRES_URL")
    return [configured] if configured else list(DEFAULT_POSTGRES_URLS)


def _as_psycopg(url: str) -> URL:
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def find_postgres_server() -> tuple[URL | None, list[str]]:
    """The first candidate server URL that answers, and why the others did not."""
    reasons: list[str] = []
    for candidate in _candidates():
        url = _as_psycopg(candidate)
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(text("select 1"))
            return url, reasons
        except OperationalError as exc:
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            reasons.append(f"{url.render_as_string(hide_password=True)}: {first}")
        finally:
            engine.dispose()
    return None, reasons


def require_postgres_server() -> URL:
    """A server URL, or skip (locally) / fail (CI) with the reason."""
    url, reasons = find_postgres_server()
    if url is not None:
        return url
    message = "no PostgreSQL server answers (set KREISLAUF_TEST_POSTGRES_URL): " + "; ".join(
        reasons
    )
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def postgres_database(prefix: str = "kreislauf_test") -> Iterator[str]:
    """Create a database with a random name on the test server, yield its URL, drop it."""
    server = require_postgres_server()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (reflected), sorted: equal dumps, equal databases."""
    metadata = MetaData()
    metadata.reflect(engine)
    result: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            result[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return result


def clear(engine: Engine, keep: tuple[str, ...] = ("alembic_version",)) -> None:
    """Delete every row of every table but ``keep`` (children first)."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            if table.name not in keep:
                connection.execute(table.delete())


__all__ = [
    "DEFAULT_POSTGRES_URLS",
    "clear",
    "dump",
    "find_postgres_server",
    "postgres_database",
    "require_postgres_server",
]
