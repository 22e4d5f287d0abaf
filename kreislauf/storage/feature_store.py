"""Stream features: what the matching computes from a stream's text, kept so that a
stored region is matched warm.

``model_key`` names the representation and its version (``"tfidf-char/1"``); the
payload is whatever bytes the matching writes (float32 vectors, encoded JSON). Features
belong to their stream: replacing the region, changing or deleting the stream drops them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from kreislauf.errors import InputError
from kreislauf.storage.base import Store, database_errors
from kreislauf.storage.database import (
    ANALYZE_AFTER_ROWS,
    analyze,
    read_transaction,
    write_transaction,
)
from kreislauf.storage.tables import StreamFeatureRow, StreamRow, utcnow

_features: Table = StreamFeatureRow.__table__  # type: ignore[assignment]
_streams: Table = StreamRow.__table__  # type: ignore[assignment]

_CHUNK = 5_000


def _upsert(connection: Connection) -> Any:
    """INSERT ... ON CONFLICT (stream, model) DO UPDATE: a new payload replaces the old
    one without a delete first (both databases speak it)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(_features)
    return statement.on_conflict_do_update(
        index_elements=[
            _features.c.region_id,
            _features.c.stream_id,
            _features.c.model_key,
        ],
        set_={
            "payload": statement.excluded.payload,
            "created_at": statement.excluded.created_at,
        },
    )


class FeatureStore(Store):
    """The feature functions of :class:`~kreislauf.storage.repository.Repository`."""

    def save_features(self, region_id: str, model_key: str, payloads: Mapping[str, bytes]) -> int:
        """Store ``{stream_id: bytes}`` under ``model_key`` (replacing earlier payloads of
        those streams) in one transaction; returns how many were written."""
        if not model_key or len(model_key) > 100:
            raise InputError("a model key must have 1 to 100 characters")
        with database_errors(), write_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            ids = list(payloads)
            query = select(_streams.c.id).where(_streams.c.region_id == region_id)
            if len(ids) <= _CHUNK:  # one new stream must not read the ids of 100,000
                query = query.where(_streams.c.id.in_(ids))
            known = set(connection.scalars(query))
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise InputError(
                    'region "{region}" has no stream "{id}" (features for {count} unknown '
                    "stream(s))",
                    region=region_id,
                    id=unknown[0],
                    count=len(unknown),
                )
            now = utcnow()
            upsert = _upsert(connection)
            for start in range(0, len(ids), _CHUNK):
                rows: list[dict[str, Any]] = [
                    {
                        "region_id": region_id,
                        "stream_id": stream_id,
                        "model_key": model_key,
                        "payload": bytes(payloads[stream_id]),
                        "created_at": now,
                    }
                    for stream_id in ids[start : start + _CHUNK]
                ]
                connection.execute(upsert, rows)
        if len(ids) >= ANALYZE_AFTER_ROWS:
            analyze(self.engine, "stream_features")
        return len(ids)

    def load_features(
        self, region_id: str, model_key: str, stream_ids: Collection[str] | None = None
    ) -> dict[str, bytes]:
        """``{stream_id: bytes}`` stored under ``model_key`` (of ``stream_ids`` only,
        where given); streams without features are absent."""
        query = select(_features.c.stream_id, _features.c.payload).where(
            _features.c.region_id == region_id, _features.c.model_key == model_key
        )
        with database_errors(), read_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            if stream_ids is None:
                rows = connection.execute(query).all()
            else:
                wanted = list(stream_ids)
                rows = []
                for start in range(0, len(wanted), _CHUNK):
                    chunk = wanted[start : start + _CHUNK]
                    rows.extend(
                        connection.execute(query.where(_features.c.stream_id.in_(chunk))).all()
                    )
        return {stream_id: bytes(payload) for stream_id, payload in rows}

    def missing_features(self, region_id: str, model_key: str) -> list[str]:
        """Ids of the region's streams (in stored order) with no features under
        ``model_key``."""
        have = (
            select(_features.c.stream_id)
            .where(
                _features.c.region_id == region_id,
                _features.c.model_key == model_key,
                _features.c.stream_id == _streams.c.id,
            )
            .exists()
        )
        query = (
            select(_streams.c.id)
            .where(_streams.c.region_id == region_id, ~have)
            .order_by(_streams.c.position)
        )
        with database_errors(), read_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            return list(connection.scalars(query))

    def delete_features(self, region_id: str, model_key: str | None = None) -> None:
        """Drop the region's features (of one model where ``model_key`` is given)."""
        condition = [_features.c.region_id == region_id]
        if model_key is not None:
            condition.append(_features.c.model_key == model_key)
        with database_errors(), write_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            connection.execute(delete(_features).where(*condition))


__all__ = ["FeatureStore"]
