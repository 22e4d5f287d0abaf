"""What every part of the repository shares: the engine, database errors turned into
kreislauf errors, and "there is no region ... did you mean" lookups."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError

from kreislauf.errors import ConflictError, KreislaufError, NotFoundError, StorageError
from kreislauf.storage.database import make_engine
from kreislauf.storage.tables import RegionRow

_regions = RegionRow.__table__


def first_line(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    text = str(cause).strip()
    return text.splitlines()[0] if text else type(cause).__name__


def suggest(value: str, choices: list[str]) -> str | None:
    """The choice closest to ``value`` (case aside), or None where none is close."""
    best = process.extractOne(
        value, choices, scorer=fuzz.ratio, processor=str.lower, score_cutoff=60
    )
    return str(best[0]) if best is not None else None


@contextmanager
def database_errors() -> Iterator[None]:
    """Turn the database's own errors into :class:`StorageError` / :class:`ConflictError`."""
    try:
        yield
    except KreislaufError:
        raise
    except IntegrityError as exc:
        raise ConflictError(
            "the database refused the change: {detail}", detail=first_line(exc)
        ) from exc
    except (DBAPIError, StatementError) as exc:
        raise StorageError("the database failed: {detail}", detail=first_line(exc)) from exc


class Store:
    """The engine and the lookups the repository's parts share."""

    def __init__(self, engine: Engine | str | None = None) -> None:
        self.engine: Engine = engine if isinstance(engine, Engine) else make_engine(engine)

    def close(self) -> None:
        """Close the database connections of this repository."""
        self.engine.dispose()

    def _region_ids(self, connection: Connection) -> list[str]:
        return list(connection.scalars(select(_regions.c.id).order_by(_regions.c.id)))

    def _require_region(self, connection: Connection, region_id: str) -> None:
        found = connection.scalar(select(_regions.c.id).where(_regions.c.id == region_id))
        if found is None:
            self._missing_region(connection, region_id)

    def _missing_region(self, connection: Connection, region_id: str) -> NoReturn:
        known = self._region_ids(connection)
        suggestion = suggest(region_id, known)
        if suggestion is not None:
            raise NotFoundError(
                'there is no region "{region}"; did you mean "{suggestion}"?',
                region=region_id,
                suggestion=suggestion,
            )
        if known:
            shown = ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
            raise NotFoundError(
                'there is no region "{region}"; stored regions: {choices}',
                region=region_id,
                choices=shown,
            )
        raise NotFoundError(
            'there is no region "{region}"; the database holds no regions yet',
            region=region_id,
        )

    def _find(
        self, connection: Connection, table: Table, region_id: str, item_id: str, what: str
    ) -> Any:
        row = (
            connection.execute(
                select(table).where(table.c.region_id == region_id, table.c.id == item_id)
            )
            .mappings()
            .first()
        )
        if row is not None:
            return row
        self._require_region(connection, region_id)
        known = list(connection.scalars(select(table.c.id).where(table.c.region_id == region_id)))
        suggestion = suggest(item_id, known)
        params = {"region": region_id, "id": item_id, "suggestion": suggestion}
        if what == "actor":
            if suggestion is not None:
                raise NotFoundError(
                    'region "{region}" has no actor "{id}"; did you mean "{suggestion}"?',
                    **params,
                )
            raise NotFoundError('region "{region}" has no actor "{id}"', **params)
        if suggestion is not None:
            raise NotFoundError(
                'region "{region}" has no stream "{id}"; did you mean "{suggestion}"?', **params
            )
        raise NotFoundError('region "{region}" has no stream "{id}"', **params)

    def _exists(self, connection: Connection, table: Table, region_id: str, item_id: str) -> bool:
        found = connection.scalar(
            select(table.c.id).where(table.c.region_id == region_id, table.c.id == item_id)
        )
        return found is not None


__all__ = ["Store", "database_errors", "first_line", "suggest"]
