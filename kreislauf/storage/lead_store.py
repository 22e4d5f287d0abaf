"""Leads in the database: record, move through their statuses, list, read the history.

The rules (which statuses follow which, what each status needs) are the core's
(:mod:`kreislauf.core.leads`); this part checks the streams a lead names and writes a
lead event for every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from kreislauf.core.leads import (
    Lead,
    LeadEvent,
    LeadStatus,
    check_lead_fields,
    parse_status,
)
from kreislauf.core.streams import Direction
from kreislauf.errors import ConflictError, InputError, NotFoundError
from kreislauf.storage.base import Store, database_errors
from kreislauf.storage.database import read_transaction, write_transaction
from kreislauf.storage.mapping import lead_event_from_row, lead_from_row, lead_values
from kreislauf.storage.tables import (
    ActorRow,
    LeadEventRow,
    LeadRow,
    StreamRow,
    utcnow,
)

_actors: Table = ActorRow.__table__  # type: ignore[assignment]
_streams: Table = StreamRow.__table__  # type: ignore[assignment]
_leads: Table = LeadRow.__table__  # type: ignore[assignment]
_events: Table = LeadEventRow.__table__  # type: ignore[assignment]


class LeadStore(Store):
    """The lead functions of :class:`~kreislauf.storage.repository.Repository`."""

    def _stream_of(
        self, connection: Connection, region_id: str, stream_id: str, direction: Direction
    ) -> Any:
        row = self._find(connection, _streams, region_id, stream_id, "stream")
        if row["direction"] != direction.value:
            if direction is Direction.OFFER:
                raise InputError('stream "{id}" is a need, not an offer', id=stream_id)
            raise InputError('stream "{id}" is an offer, not a need', id=stream_id)
        return row

    def record_lead(
        self,
        region_id: str,
        offer_id: str,
        need_id: str,
        status: LeadStatus | str = LeadStatus.SUGGESTED,
        reason: str | None = None,
        actual_quantity: float | None = None,
        unit: str | None = None,
        via: Sequence[str] = (),
    ) -> Lead:
        """Record a lead for offer ``offer_id`` and need ``need_id``.

        The streams must be stored, an offer and a need of different actors; ``via``
        names stored actors. :class:`ConflictError` where the pair has a lead already
        (move that one with :meth:`set_lead_status`).
        """
        state = parse_status(status)
        check_lead_fields(state, reason, actual_quantity, unit)
        with database_errors(), write_transaction(self.engine) as connection:
            offer = self._stream_of(connection, region_id, offer_id, Direction.OFFER)
            need = self._stream_of(connection, region_id, need_id, Direction.NEED)
            if offer["actor_id"] == need["actor_id"]:
                raise InputError(
                    'offer "{offer}" and need "{need}" belong to the same actor "{actor}"',
                    offer=offer_id,
                    need=need_id,
                    actor=offer["actor_id"],
                )
            for actor_id in via:
                self._find(connection, _actors, region_id, actor_id, "actor")
            existing = connection.scalar(
                select(_leads.c.id).where(
                    _leads.c.region_id == region_id,
                    _leads.c.offer_id == offer_id,
                    _leads.c.need_id == need_id,
                )
            )
            if existing is not None:
                raise ConflictError(
                    'offer "{offer}" and need "{need}" already have lead {lead}',
                    offer=offer_id,
                    need=need_id,
                    lead=existing,
                )
            now = utcnow()
            lead = Lead(
                region_id=region_id,
                offer_id=offer_id,
                need_id=need_id,
                status=state,
                reason=reason,
                actual_quantity=actual_quantity,
                unit=unit,
                via=tuple(via),
                created_at=now,
                updated_at=now,
            )
            lead_id = connection.execute(
                insert(_leads).values(**lead_values(lead)).returning(_leads.c.id)
            ).scalar_one()
            connection.execute(
                insert(_events).values(
                    lead_id=lead_id, at=now, from_status=None, to_status=state.value, reason=reason
                )
            )
            return self._lead(connection, lead_id)

    def _lead(self, connection: Connection, lead_id: int) -> Lead:
        row = connection.execute(select(_leads).where(_leads.c.id == lead_id)).mappings().first()
        if row is None:
            raise NotFoundError("there is no lead {lead}", lead=lead_id)
        return lead_from_row(row)

    def get_lead(self, lead_id: int) -> Lead:
        with database_errors(), read_transaction(self.engine) as connection:
            return self._lead(connection, lead_id)

    def set_lead_status(
        self,
        lead_id: int,
        status: LeadStatus | str,
        *,
        reason: str | None = None,
        actual_quantity: float | None = None,
        unit: str | None = None,
    ) -> Lead:
        """Move a lead to ``status`` where the transition is allowed
        (:class:`ConflictError` otherwise) and record the change in its history."""
        state = parse_status(status)
        with database_errors(), write_transaction(self.engine) as connection:
            lead = self._lead(connection, lead_id)
            now = utcnow()
            moved = lead.moved_to(
                state, reason=reason, actual_quantity=actual_quantity, unit=unit, at=now
            )
            connection.execute(
                update(_leads)
                .where(_leads.c.id == lead_id, _leads.c.status == lead.status.value)
                .values(
                    status=moved.status.value,
                    reason=moved.reason,
                    actual_quantity=moved.actual_quantity,
                    unit=moved.unit,
                    updated_at=now,
                )
            )
            connection.execute(
                insert(_events).values(
                    lead_id=lead_id,
                    at=now,
                    from_status=lead.status.value,
                    to_status=moved.status.value,
                    reason=reason,
                )
            )
            return self._lead(connection, lead_id)

    def list_leads(self, region_id: str, status: LeadStatus | str | None = None) -> list[Lead]:
        """The region's leads, oldest first; only those in ``status`` where given."""
        query = select(_leads).where(_leads.c.region_id == region_id).order_by(_leads.c.id)
        if status is not None:
            query = query.where(_leads.c.status == parse_status(status).value)
        with database_errors(), read_transaction(self.engine) as connection:
            self._require_region(connection, region_id)
            return [lead_from_row(r) for r in connection.execute(query).mappings()]

    def lead_history(self, lead_id: int) -> list[LeadEvent]:
        """Every status change of a lead, oldest first."""
        with database_errors(), read_transaction(self.engine) as connection:
            self._lead(connection, lead_id)
            rows = connection.execute(
                select(_events).where(_events.c.lead_id == lead_id).order_by(_events.c.id)
            ).mappings()
            return [lead_event_from_row(r) for r in rows]


__all__ = ["LeadStore"]
