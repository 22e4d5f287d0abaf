"""The migrations and the table models agree, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from kreislauf.storage import Repository, make_engine
from kreislauf.storage.migrate import (
    current_revision,
    downgrade,
    head_revision,
    model_metadata,
    schema_differences,
    upgrade,
)
from tests.db import postgres_database


@pytest.fixture
def fresh_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty database (a new one, also on PostgreSQL)."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
        yield engine
        engine.dispose()
        return
    with postgres_database("kreislauf_migrations") as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


def test_the_migrations_build_exactly_the_models(fresh_engine: Engine) -> None:
    assert current_revision(fresh_engine) is None
    upgrade(fresh_engine)
    assert current_revision(fresh_engine) == head_revision()
    assert schema_differences(fresh_engine) == []
    tables = set(inspect(fresh_engine).get_table_names())
    assert tables == set(model_metadata().tables) | {"alembic_version"}
    assert {"regions", "actors", "streams", "leads", "stream_features"} <= tables


def test_the_check_notices_a_difference(fresh_engine: Engine) -> None:
    upgrade(fresh_engine)
    with fresh_engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_streams_region_id_actor_id")
    differences = schema_differences(fresh_engine)
    assert [d[0] for d in differences] == ["add_index"]


def test_upgrade_twice_and_down_and_up_again(fresh_engine: Engine) -> None:
    upgrade(fresh_engine)
    upgrade(fresh_engine)
    downgrade(fresh_engine, "base")
    assert set(inspect(fresh_engine).get_table_names()) <= {"alembic_version"}
    repo = Repository(fresh_engine)
    repo.upgrade()
    assert repo.list_regions() == []


def test_upgrade_needs_no_optional_table_modules(tmp_path: Path) -> None:
    """Running the migrations imports no table module beyond the core tables (the
    accounts module needs the web extras)."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'k.db'}"
    script = (
        "import sys; sys.modules['pwdlib'] = None\n"
        "from kreislauf.storage import Repository\n"
        f"repo = Repository({url!r}); repo.upgrade()\n"
        "assert 'kreislauf.storage.accounts' not in sys.modules\n"
        "print(sorted(repo.list_regions()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
