"""Rows <-> frozen dataclasses, spelt out field by field.

``*_values`` functions turn a domain object into the column values of its row (a dict
for a bulk insert); ``*_from_row`` functions build the domain object from a row (any
mapping of column names, e.g. ``Row._mapping``). JSON columns carry lists and dicts; they
come back as tuples where the dataclass holds tuples.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from kreislauf.core.actors import Actor, ActorKind
from kreislauf.core.leads import Lead, LeadEvent, LeadStatus
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType

Row = Mapping[Any, Any]  # RowMapping or a dict of column values


def aware(value: datetime) -> datetime:
    """``value`` with its time zone: SQLite returns naive datetimes, stored as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def region_values(region: Region) -> dict[str, Any]:
    return {
        "id": region.id,
        "name": region.name,
        "country": region.country,
        "nuts": region.nuts,
        "ags": region.ags,
        "extra": dict(region.extra),
    }


def region_from_row(
    row: Row, actors: tuple[Actor, ...] = (), streams: tuple[Stream, ...] = ()
) -> Region:
    return Region(
        id=row["id"],
        name=row["name"],
        country=row["country"],
        nuts=row["nuts"],
        ags=row["ags"],
        actors=actors,
        streams=streams,
        extra=dict(row["extra"] or {}),
    )


def actor_values(region_id: str, position: int, actor: Actor) -> dict[str, Any]:
    return {
        "region_id": region_id,
        "id": actor.id,
        "position": position,
        "name": actor.name,
        "kind": actor.kind.value,
        "nace": actor.nace,
        "employees": actor.employees,
        "lat": actor.lat,
        "lon": actor.lon,
        "municipality": actor.municipality,
        "licences": list(actor.licences),
        "description": actor.description,
        "extra": dict(actor.extra),
    }


def actor_from_row(row: Row) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=ActorKind(row["kind"]),
        nace=row["nace"],
        employees=row["employees"],
        lat=row["lat"],
        lon=row["lon"],
        municipality=row["municipality"],
        licences=tuple(row["licences"] or ()),
        description=row["description"],
        extra=dict(row["extra"] or {}),
    )


def stream_values(region_id: str, position: int, stream: Stream) -> dict[str, Any]:
    return {
        "region_id": region_id,
        "id": stream.id,
        "position": position,
        "actor_id": stream.actor,
        "direction": stream.direction.value,
        "type": stream.type.value,
        "title": stream.title,
        "description": stream.description,
        "ewc": stream.ewc,
        "hazardous": stream.hazardous,
        "quantity": stream.quantity,
        "unit": stream.unit,
        "temperature_c": stream.temperature_c,
        "availability": stream.availability.value if stream.availability else None,
        "confidential": stream.confidential,
        "extra": dict(stream.extra),
    }


def stream_from_row(row: Row) -> Stream:
    availability = row["availability"]
    return Stream(
        id=row["id"],
        actor=row["actor_id"],
        direction=Direction(row["direction"]),
        title=row["title"],
        type=StreamType(row["type"]),
        description=row["description"],
        ewc=row["ewc"],
        hazardous=bool(row["hazardous"]),
        quantity=row["quantity"],
        unit=row["unit"],
        temperature_c=row["temperature_c"],
        availability=Availability(availability) if availability is not None else None,
        confidential=bool(row["confidential"]),
        extra=dict(row["extra"] or {}),
    )


def lead_values(lead: Lead) -> dict[str, Any]:
    values: dict[str, Any] = {
        "region_id": lead.region_id,
        "offer_id": lead.offer_id,
        "need_id": lead.need_id,
        "status": lead.status.value,
        "reason": lead.reason,
        "actual_quantity": lead.actual_quantity,
        "unit": lead.unit,
        "via": list(lead.via),
    }
    if lead.created_at is not None:
        values["created_at"] = lead.created_at
    if lead.updated_at is not None:
        values["updated_at"] = lead.updated_at
    return values


def lead_from_row(row: Row) -> Lead:
    return Lead(
        id=row["id"],
        region_id=row["region_id"],
        offer_id=row["offer_id"],
        need_id=row["need_id"],
        status=LeadStatus(row["status"]),
        reason=row["reason"],
        actual_quantity=row["actual_quantity"],
        unit=row["unit"],
        via=tuple(row["via"] or ()),
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
    )


def lead_event_from_row(row: Row) -> LeadEvent:
    before = row["from_status"]
    return LeadEvent(
        lead_id=row["lead_id"],
        at=aware(row["at"]),
        from_status=LeadStatus(before) if before is not None else None,
        to_status=LeadStatus(row["to_status"]),
        reason=row["reason"],
    )


__all__ = [
    "actor_from_row",
    "actor_values",
    "aware",
    "lead_event_from_row",
    "lead_from_row",
    "lead_values",
    "region_from_row",
    "region_values",
    "stream_from_row",
    "stream_values",
]
