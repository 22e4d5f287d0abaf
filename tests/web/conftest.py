"""Fixtures for the web tests: a migrated database on SQLite and on PostgreSQL, an app
with accounts for every role, and clients that log in through the real forms."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

# `tests` is imported as a package from the project root (pytest's rootdir import mode
# does not put the root on sys.path by itself).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.db import clear, postgres_database

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_database("kreislauf_web") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or the session's PostgreSQL database."""
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'web.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    repo = Repository(make_engine(url))
    repo.upgrade()
    if request.param == "postgresql":
        clear(repo.engine)
    repo.close()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    from kreislauf.storage.database import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)
