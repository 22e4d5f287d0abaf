"""Engines: URLs, the SQLite pragmas, concurrent readers and writers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from kreislauf.errors import ConfigurationError
from kreislauf.storage import Repository, make_engine, normalise_url, session_scope
from kreislauf.storage.database import SQLITE_BUSY_TIMEOUT_MS, write_transaction
from kreislauf.storage.tables import RegionRow
from tests.storage.regions import generated_region, small_region


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x/k.db", "sqlite+pysqlite:///x/k.db"),
        ("sqlite://", "sqlite+pysqlite://"),
    ],
)
def test_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_url(given).render_as_string() == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:secret@h/db", "unsupported database"),
        ("postgresql+psycopg2://u@h/db", 'driver "psycopg2"'),
        ("not a url", "is not a database URL"),
    ],
)
def test_other_databases_are_refused(url: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message) as caught:
        normalise_url(url)
    assert "secret" not in str(caught.value)


def test_sqlite_gets_its_folder_wal_foreign_keys_and_a_timeout(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "k.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        assert timeout == SQLITE_BUSY_TIMEOUT_MS
    assert path.exists()
    engine.dispose()


def test_the_default_database_is_a_sqlite_file_in_the_data_dir() -> None:
    from kreislauf.settings import get_settings

    repo = Repository()
    repo.upgrade()
    repo.save_region(small_region())
    assert (get_settings().data_dir / "kreislauf.db").exists()
    repo.close()


def test_the_database_url_setting_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kreislauf.settings import get_settings

    monkeypatch.setenv("KREISLAUF_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    get_settings.cache_clear()
    engine = make_engine()
    assert engine.url.database == str(tmp_path / "elsewhere.db")
    engine.dispose()


def test_foreign_keys_are_enforced(repo: Repository) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), write_transaction(repo.engine) as connection:
        connection.execute(
            text(
                "INSERT INTO actors (region_id, id, position, name, kind, licences, extra) "
                "VALUES ('nowhere', 'a', 0, 'A', 'company', '[]', '{}')"
            )
        )


def test_session_scope_commits_or_rolls_back(repo: Repository) -> None:
    from kreislauf.storage.tables import utcnow

    def row(region_id: str) -> RegionRow:
        now = utcnow()
        return RegionRow(
            id=region_id, name=region_id, country="DE", extra={}, created_at=now, updated_at=now
        )

    with session_scope(repo.engine) as session:
        session.add(row("kept"))
    with pytest.raises(RuntimeError), session_scope(repo.engine) as session:
        session.add(row("dropped"))
        session.flush()
        raise RuntimeError("undo")
    assert [s.id for s in repo.list_regions()] == ["kept"]


def test_readers_see_the_old_region_while_a_replace_is_under_way(repo: Repository) -> None:
    old = small_region()
    repo.save_region(old)
    seen: list[object] = []

    def read_midway(done: int, total: int) -> None:
        if done == 0:  # inside the writing transaction, nothing committed yet
            seen.append(repo.load_region("soest"))
            seen.append([s.id for s in repo.list_regions()])

    new = generated_region("soest", 20, 200)
    repo.save_region(new, replace=True, progress=read_midway)
    assert seen == [old, ["soest"]]
    assert repo.load_region("soest") == new


def test_concurrent_readers_always_see_a_whole_region(repo: Repository) -> None:
    versions = [generated_region("r", 40, 3000, seed=s) for s in range(3)]
    repo.save_region(versions[0])
    stop = threading.Event()
    errors: list[BaseException] = []
    reads = [0]

    def reader() -> None:
        try:
            while not stop.is_set():
                loaded = repo.load_region("r")
                assert loaded in versions
                reads[0] += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for version in versions[1:] * 2:
            repo.save_region(version, replace=True)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    assert reads[0] > 0
    assert repo.load_region("r") == versions[2]


def test_two_writers_at_once_both_succeed(repo: Repository) -> None:
    errors: list[BaseException] = []

    def write(region_id: str) -> None:
        try:
            for seed in range(3):
                repo.save_region(generated_region(region_id, 20, 500, seed=seed), replace=True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(rid,)) for rid in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(s.id for s in repo.list_regions()) == ["a", "b"]
