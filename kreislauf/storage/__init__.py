"""Storage: regions, actors, streams, leads and stream features in SQLite or PostgreSQL.

SQLAlchemy 2 tables (:mod:`~kreislauf.storage.tables`) map explicitly to the core's
frozen dataclasses (:mod:`~kreislauf.storage.mapping`); Alembic migrations ship inside
the package (:mod:`~kreislauf.storage.migrate`). Use :class:`Repository`::

    repo = Repository()          # the settings' database, a SQLite file by default
    repo.upgrade()               # create or migrate the tables
    repo.save_region(region)     # all or nothing
    region = repo.load_region("soest")
"""

from kreislauf.storage.database import (
    make_engine,
    normalise_url,
    read_transaction,
    session_scope,
    write_transaction,
)
from kreislauf.storage.records import ImportRecord, Progress, RegionSummary
from kreislauf.storage.repository import Repository, check_region

__all__ = [
    "ImportRecord",
    "Progress",
    "RegionSummary",
    "Repository",
    "check_region",
    "make_engine",
    "normalise_url",
    "read_transaction",
    "session_scope",
    "write_transaction",
]
