"""Alembic environment for kreislauf, configured from Python (no alembic.ini).

:func:`kreislauf.storage.migrate.upgrade` passes an open connection in
``config.attributes["connection"]``; without one, the URL comes from the option
``sqlalchemy.url`` or else from the settings.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from kreislauf.storage.database import make_engine, write_transaction
from kreislauf.storage.migrate import model_metadata
from kreislauf.storage.tables import metadata as core_metadata

config = context.config
# Autogenerate compares against every table module of kreislauf.storage; running
# migrations needs none of them (so an install without the web extras can upgrade).
metadata = model_metadata() if config.attributes.get("autogenerate") else core_metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    try:
        with write_transaction(engine) as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
