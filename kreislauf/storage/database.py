"""Engines and transactions: SQLite by default, PostgreSQL for shared deployments.

SQLite files get their parent folder created, write-ahead logging (readers do not wait
for a writer), foreign keys on and a busy timeout. Write transactions on SQLite begin
with ``BEGIN IMMEDIATE`` so that two writers queue up on the busy timeout instead of one
failing when it upgrades its read lock. PostgreSQL goes through psycopg 3; a plain
``postgresql://`` URL is rewritten to ``postgresql+psycopg://``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from kreislauf.errors import ConfigurationError

#: How long (ms) a SQLite connection waits for a lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

_WRITE_OPTION = "kreislauf_write"


def normalise_url(url: str | URL) -> URL:
    """The SQLAlchemy URL kreislauf uses for ``url``.

    ``postgresql://`` and ``postgres://`` become ``postgresql+psycopg://``; SQLite stays
    as it is. Other databases raise :class:`ConfigurationError`.
    """
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        raise ConfigurationError(
            '"{url}" is not a database URL; use sqlite:///PATH or postgresql://USER@HOST/DB',
            url=str(url),
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in {"postgresql", "postgres"}:
        if driver not in {"", "psycopg"}:
            raise ConfigurationError(
                'the PostgreSQL driver "{driver}" is not supported; use postgresql+psycopg://',
                driver=driver,
            )
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if driver not in {"", "pysqlite"}:
            raise ConfigurationError(
                'the SQLite driver "{driver}" is not supported; use sqlite:///PATH',
                driver=driver,
            )
        return parsed.set(drivername="sqlite+pysqlite")
    raise ConfigurationError(
        '"{url}" names an unsupported database; use sqlite:///PATH or postgresql://USER@HOST/DB',
        url=parsed.render_as_string(hide_password=True),
    )


def _sqlite_file(url: URL) -> Path | None:
    database = url.database or ""
    if database in {"", ":memory:"} or database.startswith("file:") or url.query.get("mode"):
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own transaction
    # handling would otherwise defer it and never start one before DDL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(_WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str | URL | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default: the settings' database, a SQLite file).

    Extra keyword arguments go to :func:`sqlalchemy.create_engine`.
    """
    if url is None:
        from kreislauf.settings import get_settings

        url = get_settings().effective_database_url
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed)
        if path is not None:
            path.expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that writes: committed at the end of the block,
    rolled back where the block raises (``BEGIN IMMEDIATE`` on SQLite)."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE_OPTION: True})
        with connection.begin():
            yield connection


@contextmanager
def read_transaction(engine: Engine, *, snapshot: bool = False) -> Iterator[Connection]:
    """A connection in one read transaction.

    On SQLite (WAL) a read transaction always sees one snapshot while others write; on
    PostgreSQL ``snapshot=True`` asks for REPEATABLE READ so that several queries agree.
    """
    with engine.connect() as connection:
        if snapshot and engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


@contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """An ORM session in one transaction: committed at the end of the block, rolled back
    where it raises."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with engine.connect() as connection:
        if write:
            connection.execution_options(**{_WRITE_OPTION: True})
        with factory(bind=connection) as session, session.begin():
            yield session


#: After writing this many rows at once, PostgreSQL gets fresh planner statistics.
ANALYZE_AFTER_ROWS = 10_000


def analyze(engine: Engine, *tables: str) -> None:
    """Refresh PostgreSQL's planner statistics of ``tables`` (after a bulk write:
    without them the planner may pick plans that are quadratic in the row count until
    autovacuum catches up). SQLite needs none."""
    if engine.dialect.name != "postgresql" or not tables:
        return
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("ANALYZE " + ", ".join(tables))


def backend_name(engine: Engine) -> str:
    """``"sqlite"`` or ``"postgresql"``."""
    return engine.dialect.name


__all__ = [
    "ANALYZE_AFTER_ROWS",
    "SQLITE_BUSY_TIMEOUT_MS",
    "analyze",
    "backend_name",
    "make_engine",
    "normalise_url",
    "read_transaction",
    "session_scope",
    "write_transaction",
]
