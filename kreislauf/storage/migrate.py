"""Alembic, driven from Python: the migrations ship inside the package.

``upgrade(engine)`` brings a database to the newest schema in one transaction (both
SQLite and PostgreSQL run DDL transactionally). ``schema_differences(engine)`` lists
what the tables in :mod:`kreislauf.storage.tables` and the migrated database disagree on;
a test keeps it empty. New revisions: ``python -m kreislauf.storage.migrate revision
"message"`` autogenerates one against a scratch SQLite database at head.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData

from kreislauf.storage.database import make_engine, read_transaction, write_transaction
from kreislauf.storage.tables import metadata


def model_metadata() -> MetaData:
    """The metadata of every table in :mod:`kreislauf.storage`: each module of the package
    is imported so that tables defined beside :mod:`~kreislauf.storage.tables` (accounts,
    say) are registered on the one shared metadata."""
    import kreislauf.storage as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "migrations":
            importlib.import_module(f"{package.__name__}.{module.name}")
    return metadata


def migrations_folder() -> Path:
    return Path(str(resources.files("kreislauf.storage") / "migrations"))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with read_transaction(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction."""
    with write_transaction(engine) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with write_transaction(engine) as connection:
        command.downgrade(alembic_config(connection), revision)


def schema_differences(engine: Engine) -> list[Any]:
    """What autogenerate would change to make the database match the tables (empty when
    the migrations and the models agree)."""
    with read_transaction(engine) as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, model_metadata()))


def new_revision(message: str) -> None:
    """Autogenerate a revision against a scratch SQLite database at head."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/scratch.db")
        try:
            upgrade(engine)
            with write_transaction(engine) as connection:
                config = alembic_config(connection)
                config.attributes["autogenerate"] = True
                command.revision(config, message=message, autogenerate=True)
        finally:
            engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m kreislauf.storage.migrate revision "message"')
    new_revision(sys.argv[2])


__all__ = [
    "alembic_config",
    "current_revision",
    "downgrade",
    "head_revision",
    "migrations_folder",
    "model_metadata",
    "new_revision",
    "schema_differences",
    "upgrade",
]
