"""The repository: regions, actors and streams in and out of the database.

``save_region`` is all-or-nothing: one transaction, so a bad row (or an exception from
the progress callback) leaves the database exactly as before. ``replace=True`` swaps a
stored region for a new version in that one transaction too; the region's leads stay
(they are a facilitator's history), its stream features go (they describe the old
texts). Leads live in :mod:`kreislauf.storage.lead_store`, features in
:mod:`kreislauf.storage.feature_store`.
"""

from __future__ import annotations

import getpass
import json
import math
import time
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from kreislauf.core.actors import Actor
from kreislauf.core.region import Region
from kreislauf.core.streams import Direction, Stream
from kreislauf.errors import ConflictError, Problem, ValidationError
from kreislauf.storage import migrate
from kreislauf.storage.base import Store, database_errors
from kreislauf.storage.database import (
    ANALYZE_AFTER_ROWS,
    analyze,
    read_transaction,
    write_transaction,
)
from kreislauf.storage.feature_store import FeatureStore
from kreislauf.storage.lead_store import LeadStore
from kreislauf.storage.mapping import (
    actor_from_row,
    actor_values,
    aware,
    region_from_row,
    region_values,
    stream_from_row,
    stream_values,
)
from kreislauf.storage.records import ImportRecord, Progress, RegionSummary
from kreislauf.storage.tables import (
    ActorRow,
    ImportLogRow,
    LeadEventRow,
    LeadRow,
    RegionRow,
    StreamFeatureRow,
    StreamRow,
    utcnow,
)

regions: Table = RegionRow.__table__  # type: ignore[assignment]
actors: Table = ActorRow.__table__  # type: ignore[assignment]
streams: Table = StreamRow.__table__  # type: ignore[assignment]
features: Table = StreamFeatureRow.__table__  # type: ignore[assignment]
leads: Table = LeadRow.__table__  # type: ignore[assignment]
lead_events: Table = LeadEventRow.__table__  # type: ignore[assignment]
import_log: Table = ImportLogRow.__table__  # type: ignore[assignment]

#: Rows per bulk insert statement (and per progress report).
CHUNK = 5_000
#: Longest id the tables hold.
MAX_ID = 200


def _current_user() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def _check_values(path: str, item: Actor | Stream | Region, problems: list[Problem]) -> None:
    """Numbers must be finite (SQLite keeps no NaN), extras JSON values."""
    for name in ("lat", "lon", "quantity", "temperature_c"):
        value = getattr(item, name, None)
        if value is not None and not math.isfinite(value):
            problems.append(
                Problem(f"{path}.{name}", "must be a finite number, not {value}", {"value": value})
            )
    if item.extra:
        try:
            json.dumps(item.extra, allow_nan=False)
        except (TypeError, ValueError) as exc:
            problems.append(
                Problem(
                    f"{path}.extra",
                    "extra fields must be JSON values (text, finite numbers, true/false, "
                    "null, lists, objects): {detail}",
                    {"detail": str(exc)},
                )
            )


def check_region(region: Region) -> None:
    """Raise :class:`ValidationError` where the region cannot be stored as it is:
    duplicate or over-long ids, streams naming an actor the region lacks, numbers that
    are not finite, extra fields that are not JSON values."""
    problems: list[Problem] = []
    _check_values("region", region, problems)
    if not region.id or len(region.id) > MAX_ID:
        problems.append(
            Problem("region.id", "an id must have 1 to {max} characters", {"max": MAX_ID})
        )
    seen: set[str] = set()
    for index, actor in enumerate(region.actors):
        if not actor.id or len(actor.id) > MAX_ID:
            problems.append(
                Problem(
                    f"actors[{index}].id",
                    "an id must have 1 to {max} characters",
                    {"max": MAX_ID},
                )
            )
        elif actor.id in seen:
            problems.append(
                Problem(f"actors[{index}].id", 'duplicate actor id "{id}"', {"id": actor.id})
            )
        seen.add(actor.id)
        _check_values(f"actors[{index}]", actor, problems)
    stream_ids: set[str] = set()
    for index, stream in enumerate(region.streams):
        if not stream.id or len(stream.id) > MAX_ID:
            problems.append(
                Problem(
                    f"streams[{index}].id",
                    "an id must have 1 to {max} characters",
                    {"max": MAX_ID},
                )
            )
        elif stream.id in stream_ids:
            problems.append(
                Problem(f"streams[{index}].id", 'duplicate stream id "{id}"', {"id": stream.id})
            )
        stream_ids.add(stream.id)
        _check_values(f"streams[{index}]", stream, problems)
        if stream.actor not in seen:
            problems.append(
                Problem(
                    f"streams[{index}].actor",
                    'no actor has the id "{actor}"',
                    {"actor": stream.actor},
                )
            )
    if problems:
        raise ValidationError(problems)


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Repository(LeadStore, FeatureStore, Store):
    """Regions, actors, streams, leads and stream features in one database.

    ``Repository()`` uses the settings' database (a SQLite file in the data directory
    unless ``KREISLAUF_DATABASE_URL`` names another); pass an engine or a URL to choose.
    Call :meth:`upgrade` once to create or migrate the tables.
    """

    def upgrade(self) -> None:
        """Create the tables or migrate them to the newest schema (Alembic, one
        transaction)."""
        with database_errors():
            migrate.upgrade(self.engine)

    # -- whole regions -------------------------------------------------------------

    def save_region(
        self,
        region: Region,
        *,
        replace: bool = False,
        progress: Progress | None = None,
        by: str | None = None,
        source: str | None = None,
    ) -> RegionSummary:
        """Store ``region`` in one transaction; all or nothing.

        Raises :class:`ConflictError` where the id is stored and ``replace`` is false,
        :class:`ValidationError` where ids repeat or streams name missing actors.
        ``progress(done, total)`` is called as rows are written; ``by`` and ``source``
        (who, from which file) go into the import log.
        """
        check_region(region)
        started = time.perf_counter()
        actor_rows = [actor_values(region.id, i, a) for i, a in enumerate(region.actors)]
        stream_rows = [stream_values(region.id, i, s) for i, s in enumerate(region.streams)]
        total = len(actor_rows) + len(stream_rows)
        with database_errors(), write_transaction(self.engine) as connection:
            stored = connection.scalar(select(regions.c.id).where(regions.c.id == region.id))
            if stored is not None and not replace:
                raise ConflictError(
                    'region "{region}" is already stored; replace it or choose another id',
                    region=region.id,
                )
            now = utcnow()
            if stored is not None:
                self._clear_region(connection, region.id)
                connection.execute(
                    update(regions)
                    .where(regions.c.id == region.id)
                    .values(**region_values(region), updated_at=now)
                )
            else:
                connection.execute(
                    insert(regions).values(**region_values(region), created_at=now, updated_at=now)
                )
            done = 0
            if progress is not None:
                progress(done, total)
            for table, rows in ((actors, actor_rows), (streams, stream_rows)):
                for chunk in _chunks(rows, CHUNK):
                    connection.execute(insert(table), chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            connection.execute(
                insert(import_log).values(
                    region_id=region.id,
                    action="replace" if stored is not None else "import",
                    at=now,
                    by=by or _current_user(),
                    source=source,
                    actors=len(actor_rows),
                    streams=len(stream_rows),
                    seconds=time.perf_counter() - started,
                )
            )
        if total >= ANALYZE_AFTER_ROWS:
            analyze(self.engine, "actors", "streams")
        offers = sum(1 for s in region.streams if s.direction is Direction.OFFER)
        return RegionSummary(
            id=region.id,
            name=region.name,
            country=region.country,
            actors=len(actor_rows),
            offers=offers,
            needs=len(stream_rows) - offers,
            updated_at=now,
        )

    def _clear_region(self, connection: Connection, region_id: str) -> None:
        for table in (features, streams, actors):
            connection.execute(delete(table).where(table.c.region_id == region_id))

    def load_region(self, region_id: str) -> Region:
        """The stored region with its actors and streams, in the order they were saved.

        Raises :class:`NotFoundError` (with a "did you mean") for an unknown id.
        """
        with database_errors(), read_transaction(self.engine, snapshot=True) as connection:
            row = connection.execute(select(regions).where(regions.c.id == region_id)).first()
            if row is None:
                self._missing_region(connection, region_id)
            actor_result = connection.execute(
                select(actors).where(actors.c.region_id == region_id).order_by(actors.c.position)
            )
            loaded_actors = tuple(actor_from_row(r) for r in actor_result.mappings())
            stream_result = connection.execute(
                select(streams).where(streams.c.region_id == region_id).order_by(streams.c.position)
            )
            loaded_streams = tuple(stream_from_row(r) for r in stream_result.mappings())
        return region_from_row(row._mapping, loaded_actors, loaded_streams)

    def has_region(self, region_id: str) -> bool:
        with database_errors(), read_transaction(self.engine) as connection:
            found = connection.scalar(select(regions.c.id).where(regions.c.id == region_id))
        return found is not None

    def list_regions(self) -> list[RegionSummary]:
        """Every stored region with its counts, by id."""

        def count(table: Table, *conditions: Any) -> Any:
            return (
                select(func.count())
                .select_from(table)
                .where(table.c.region_id == regions.c.id, *conditions)
                .scalar_subquery()
            )

        query = select(
            regions.c.id,
            regions.c.name,
            regions.c.country,
            regions.c.updated_at,
            count(actors).label("actors"),
            count(streams, streams.c.direction == Direction.OFFER.value).label("offers"),
            count(streams, streams.c.direction == Direction.NEED.value).label("needs"),
        ).order_by(regions.c.id)
        with database_errors(), read_transaction(self.engine, snapshot=True) as connection:
            rows = connection.execute(query).mappings().all()
        return [
            RegionSummary(
                id=r["id"],
                name=r["name"],
                country=r["country"],
                actors=r["actors"],
                offers=r["offers"],
                needs=r["needs"],
                updated_at=aware(r["updated_at"]),
            )
            for r in rows
        ]

    def delete_region(self, region_id: str, *, by: str | None = None) -> None:
        """Delete a region with its actors, streams, features and leads."""
        started = time.perf_counter()
        with database_errors(), write_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            n_actors = connection.scalar(
                select(func.count()).select_from(actors).where(actors.c.region_id == region_id)
            )
            n_streams = connection.scalar(
                select(func.count()).select_from(streams).where(streams.c.region_id == region_id)
            )
            self._clear_region(connection, region_id)
            lead_ids = select(leads.c.id).where(leads.c.region_id == region_id)
            connection.execute(delete(lead_events).where(lead_events.c.lead_id.in_(lead_ids)))
            connection.execute(delete(leads).where(leads.c.region_id == region_id))
            connection.execute(delete(regions).where(regions.c.id == region_id))
            connection.execute(
                insert(import_log).values(
                    region_id=region_id,
                    action="delete",
                    at=utcnow(),
                    by=by or _current_user(),
                    source=None,
                    actors=n_actors or 0,
                    streams=n_streams or 0,
                    seconds=time.perf_counter() - started,
                )
            )

    def import_log(self, region_id: str | None = None) -> list[ImportRecord]:
        """The import log, oldest first; of one region where ``region_id`` is given."""
        query = select(import_log).order_by(import_log.c.id)
        if region_id is not None:
            query = query.where(import_log.c.region_id == region_id)
        with database_errors(), read_transaction(self.engine) as connection:
            rows = connection.execute(query).mappings().all()
        return [
            ImportRecord(
                id=r["id"],
                region_id=r["region_id"],
                action=r["action"],
                at=aware(r["at"]),
                by=r["by"],
                source=r["source"],
                actors=r["actors"],
                streams=r["streams"],
                seconds=r["seconds"],
            )
            for r in rows
        ]

    # -- single actors and streams -------------------------------------------------

    def _touch(self, connection: Connection, region_id: str) -> None:
        connection.execute(
            update(regions).where(regions.c.id == region_id).values(updated_at=utcnow())
        )

    def _next_position(self, connection: Connection, table: Table, region_id: str) -> int:
        last = connection.scalar(
            select(func.max(table.c.position)).where(table.c.region_id == region_id)
        )
        return 0 if last is None else int(last) + 1

    def _check_item(self, item: Actor | Stream, what: str) -> None:
        problems: list[Problem] = []
        if not item.id or len(item.id) > MAX_ID:
            problems.append(
                Problem(f"{what}.id", "an id must have 1 to {max} characters", {"max": MAX_ID})
            )
        _check_values(what, item, problems)
        if problems:
            raise ValidationError(problems)

    def get_actor(self, region_id: str, actor_id: str) -> Actor:
        with database_errors(), read_transaction(self.engine) as connection:
            return actor_from_row(self._find(connection, actors, region_id, actor_id, "actor"))

    def get_stream(self, region_id: str, stream_id: str) -> Stream:
        with database_errors(), read_transaction(self.engine) as connection:
            return stream_from_row(self._find(connection, streams, region_id, stream_id, "stream"))

    def add_actor(self, region_id: str, actor: Actor) -> None:
        """Add one actor to a stored region (:class:`ConflictError` where the id is taken)."""
        self._check_item(actor, "actor")
        with database_errors(), write_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            if self._exists(connection, actors, region_id, actor.id):
                raise ConflictError(
                    'region "{region}" already has an actor "{id}"', region=region_id, id=actor.id
                )
            position = self._next_position(connection, actors, region_id)
            connection.execute(insert(actors).values(**actor_values(region_id, position, actor)))
            self._touch(connection, region_id)

    def update_actor(self, region_id: str, actor: Actor) -> None:
        """Replace the stored actor with the same id by ``actor``."""
        self._check_item(actor, "actor")
        with database_errors(), write_transaction(self.engine) as connection:
            row = self._find(connection, actors, region_id, actor.id, "actor")
            values = actor_values(region_id, row["position"], actor)
            connection.execute(
                update(actors)
                .where(actors.c.region_id == region_id, actors.c.id == actor.id)
                .values(**values)
            )
            self._touch(connection, region_id)

    def delete_actor(self, region_id: str, actor_id: str, *, with_streams: bool = False) -> None:
        """Delete an actor; its streams too where ``with_streams``, else
        :class:`ConflictError` while it has any."""
        with database_errors(), write_transaction(self.engine) as connection:
            self._find(connection, actors, region_id, actor_id, "actor")
            own = streams.c.region_id == region_id, streams.c.actor_id == actor_id
            count = connection.scalar(select(func.count()).select_from(streams).where(*own))
            if count and not with_streams:
                raise ConflictError(
                    'actor "{id}" still has {count} stream(s); delete them first',
                    id=actor_id,
                    count=count,
                )
            stream_ids = select(streams.c.id).where(*own)
            connection.execute(
                delete(features).where(
                    features.c.region_id == region_id, features.c.stream_id.in_(stream_ids)
                )
            )
            connection.execute(delete(streams).where(*own))
            connection.execute(
                delete(actors).where(actors.c.region_id == region_id, actors.c.id == actor_id)
            )
            self._touch(connection, region_id)

    def _require_actor_of(self, connection: Connection, region_id: str, stream: Stream) -> None:
        self._find(connection, actors, region_id, stream.actor, "actor")

    def add_stream(self, region_id: str, stream: Stream) -> None:
        """Add one stream to a stored region; its actor must be stored already."""
        self._check_item(stream, "stream")
        with database_errors(), write_transaction(self.engine) as connection:
            self._require_actor_of(connection, region_id, stream)
            if self._exists(connection, streams, region_id, stream.id):
                raise ConflictError(
                    'region "{region}" already has a stream "{id}"',
                    region=region_id,
                    id=stream.id,
                )
            position = self._next_position(connection, streams, region_id)
            connection.execute(insert(streams).values(**stream_values(region_id, position, stream)))
            self._touch(connection, region_id)

    def update_stream(self, region_id: str, stream: Stream) -> None:
        """Replace the stored stream with the same id by ``stream``; its stored features
        are dropped (they describe the old text)."""
        self._check_item(stream, "stream")
        with database_errors(), write_transaction(self.engine) as connection:
            row = self._find(connection, streams, region_id, stream.id, "stream")
            self._require_actor_of(connection, region_id, stream)
            self._drop_stream_features(connection, region_id, stream.id)
            connection.execute(
                update(streams)
                .where(streams.c.region_id == region_id, streams.c.id == stream.id)
                .values(**stream_values(region_id, row["position"], stream))
            )
            self._touch(connection, region_id)

    def delete_stream(self, region_id: str, stream_id: str) -> None:
        """Delete one stream with its features (its leads stay, as history)."""
        with database_errors(), write_transaction(self.engine) as connection:
            self._find(connection, streams, region_id, stream_id, "stream")
            self._drop_stream_features(connection, region_id, stream_id)
            connection.execute(
                delete(streams).where(streams.c.region_id == region_id, streams.c.id == stream_id)
            )
            self._touch(connection, region_id)

    def _drop_stream_features(self, connection: Connection, region_id: str, stream_id: str) -> None:
        connection.execute(
            delete(features).where(
                features.c.region_id == region_id, features.c.stream_id == stream_id
            )
        )


__all__ = ["CHUNK", "MAX_ID", "Repository", "check_region"]
