"""The ``repo`` fixture: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL gets one fresh database per test session (random name, dropped afterwards),
migrated once; each test starts from empty tables. Without a server the PostgreSQL
half skips locally and fails in CI (see :mod:`tests.db`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kreislauf.storage import Repository
from tests.db import clear, postgres_database


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def _postgres_repo(postgres_url: str) -> Iterator[Repository]:
    repo = Repository(postgres_url)
    repo.upgrade()
    yield repo
    repo.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def repo(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """A migrated, empty repository on SQLite (a temporary file) or PostgreSQL."""
    if backend == "sqlite":
        repository = Repository(f"sqlite:///{tmp_path / 'kreislauf.db'}")
        repository.upgrade()
        yield repository
        repository.close()
        return
    shared: Repository = request.getfixturevalue("_postgres_repo")
    clear(shared.engine)
    yield shared
