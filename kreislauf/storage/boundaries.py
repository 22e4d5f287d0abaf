"""Administrative boundaries (districts, municipalities, states) for the map.

One row per official regional key (ARS, or AGS where a file has no ARS): its name
(``GEN``), its kind (``BEZ``, e.g. "Landkreis"), the geometry as GeoJSON text in WGS84
(simplified at import) and its bounding box, so that the map asks only for the
boundaries it shows. A region's boundaries are those whose key starts with the region's
AGS, or that were imported for the region by id. The migration is
``migrations/versions/0200_boundaries_jobs.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Engine, Float, String, Table, Text, delete, insert, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from kreislauf.storage.base import database_errors
from kreislauf.storage.database import read_transaction, write_transaction
from kreislauf.storage.tables import ID, Base, utcnow


class BoundaryRow(Base):
    __tablename__ = "boundaries"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)
    region_id: Mapped[str | None] = mapped_column(ID, index=True)
    geometry: Mapped[str] = mapped_column(Text)
    min_lon: Mapped[float] = mapped_column(Float)
    min_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


_boundaries: Table = BoundaryRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Boundary:
    """One boundary: ``geometry`` is a GeoJSON geometry (dict) in WGS84 longitude/latitude;
    ``bbox`` is (min_lon, min_lat, max_lon, max_lat)."""

    key: str
    name: str
    kind: str | None
    geometry: dict[str, Any]
    bbox: tuple[float, float, float, float]
    region_id: str | None = None
    source: str | None = None

    def as_feature(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "properties": {"key": self.key, "name": self.name, "kind": self.kind},
            "geometry": self.geometry,
        }


def _row_values(boundary: Boundary) -> dict[str, Any]:
    min_lon, min_lat, max_lon, max_lat = boundary.bbox
    return {
        "key": boundary.key,
        "name": boundary.name,
        "kind": boundary.kind,
        "region_id": boundary.region_id,
        "geometry": json.dumps(boundary.geometry, separators=(",", ":")),
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "source": boundary.source,
        "imported_at": utcnow(),
    }


def _from_row(row: Any) -> Boundary:
    return Boundary(
        key=row["key"],
        name=row["name"],
        kind=row["kind"],
        geometry=json.loads(row["geometry"]),
        bbox=(row["min_lon"], row["min_lat"], row["max_lon"], row["max_lat"]),
        region_id=row["region_id"],
        source=row["source"],
    )


class BoundaryStore:
    """Save and read boundaries on one database engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(self, boundaries: Iterable[Boundary]) -> int:
        """Store ``boundaries``, replacing those with the same keys (one transaction).
        Returns how many were stored."""
        items = list(boundaries)
        if not items:
            return 0
        with database_errors(), write_transaction(self.engine) as connection:
            keys = [b.key for b in items]
            for start in range(0, len(keys), 500):
                connection.execute(
                    delete(_boundaries).where(_boundaries.c.key.in_(keys[start : start + 500]))
                )
            connection.execute(insert(_boundaries), [_row_values(b) for b in items])
        return len(items)

    def for_region(self, region_id: str, ags: str | None) -> list[Boundary]:
        """The boundaries of a region: imported for it, or inside its official key."""
        condition = _boundaries.c.region_id == region_id
        if ags:
            condition = or_(condition, _boundaries.c.key.startswith(ags, autoescape=True))
        with read_transaction(self.engine) as connection:
            rows = connection.execute(
                select(_boundaries).where(condition).order_by(_boundaries.c.key)
            ).mappings()
            return [_from_row(row) for row in rows]

    def get(self, key: str) -> Boundary | None:
        with read_transaction(self.engine) as connection:
            row = (
                connection.execute(select(_boundaries).where(_boundaries.c.key == key))
                .mappings()
                .first()
            )
        return None if row is None else _from_row(row)

    def count(self) -> int:
        with read_transaction(self.engine) as connection:
            return len(list(connection.scalars(select(_boundaries.c.key))))


__all__ = ["Boundary", "BoundaryRow", "BoundaryStore"]
