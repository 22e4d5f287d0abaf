"""The tables: rows, not domain objects (:mod:`kreislauf.storage.mapping` translates).

Several regions share one database, so actors and streams are keyed by
``(region_id, id)``: ids are unique within a region file only. Attributes beyond the
region-file contract are kept in JSON columns (``extra``), never pickled, so SQLite and
PostgreSQL stay interchangeable. ``position`` keeps the order of the file. Codes and
units are unbounded text so that both databases accept the same values (ids are bounded:
the repository checks them).

Leads refer to their streams by id without a foreign key: a facilitator's history
survives when a region is re-imported and a stream disappears. Stream features (text
representations the matching computes at import) belong to their stream and go with it.
The import log names no foreign key either: it records deletions too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(200)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RegionRow(Base):
    __tablename__ = "regions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(Text)
    nuts: Mapped[str | None] = mapped_column(Text)
    ags: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActorRow(Base):
    __tablename__ = "actors"
    __table_args__ = (Index(None, "region_id", "position"),)

    region_id: Mapped[str] = mapped_column(
        ID, ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    nace: Mapped[str | None] = mapped_column(Text)
    employees: Mapped[int | None] = mapped_column(BigInteger)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    municipality: Mapped[str | None] = mapped_column(Text)
    licences: Mapped[list[Any]] = mapped_column(JSON)
    description: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)


class StreamRow(Base):
    __tablename__ = "streams"
    __table_args__ = (
        ForeignKeyConstraint(
            ["region_id", "actor_id"],
            ["actors.region_id", "actors.id"],
            ondelete="CASCADE",
        ),
        Index(None, "region_id", "actor_id"),
        Index(None, "region_id", "position"),
    )

    region_id: Mapped[str] = mapped_column(ID, primary_key=True)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[str] = mapped_column(ID)
    direction: Mapped[str] = mapped_column(String(8))
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    ewc: Mapped[str | None] = mapped_column(Text)
    hazardous: Mapped[bool] = mapped_column()
    quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    temperature_c: Mapped[float | None] = mapped_column(Float)
    availability: Mapped[str | None] = mapped_column(String(20))
    confidential: Mapped[bool] = mapped_column()
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)


class StreamFeatureRow(Base):
    """A stream's representation under one model (``model_key`` names model and version):
    float32 vectors as bytes, or JSON encoded to bytes; the matching decides.

    The primary key (region_id, stream_id, model_key) serves the loads by region and
    model too; no second index. After bulk writes PostgreSQL needs fresh statistics
    (:func:`~kreislauf.storage.database.analyze`): without them, deleting a
    100,000-stream region with features ran for over ten minutes."""

    __tablename__ = "stream_features"
    __table_args__ = (
        ForeignKeyConstraint(
            ["region_id", "stream_id"],
            ["streams.region_id", "streams.id"],
            ondelete="CASCADE",
        ),
    )

    region_id: Mapped[str] = mapped_column(ID, primary_key=True)
    stream_id: Mapped[str] = mapped_column(ID, primary_key=True)
    model_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LeadRow(Base):
    __tablename__ = "leads"
    __table_args__ = (UniqueConstraint("region_id", "offer_id", "need_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_id: Mapped[str] = mapped_column(
        ID, ForeignKey("regions.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[str] = mapped_column(ID)
    need_id: Mapped[str] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    actual_quantity: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    via: Mapped[list[Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LeadEventRow(Base):
    __tablename__ = "lead_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)


class ImportLogRow(Base):
    """Who stored, replaced or deleted which region when, and how much."""

    __tablename__ = "import_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_id: Mapped[str] = mapped_column(ID, index=True)
    action: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    by: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    actors: Mapped[int] = mapped_column(Integer)
    streams: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[float | None] = mapped_column(Float)


metadata = Base.metadata

__all__ = [
    "ActorRow",
    "Base",
    "ImportLogRow",
    "LeadEventRow",
    "LeadRow",
    "RegionRow",
    "StreamFeatureRow",
    "StreamRow",
    "metadata",
    "utcnow",
]
