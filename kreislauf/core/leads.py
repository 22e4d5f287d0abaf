"""Leads: a facilitator's record of a proposed pairing of an offer with a need.

A lead moves through the statuses ``suggested -> contacted -> negotiating ->
implemented``; it may skip forward (a facilitator who hears of a deal already struck
records it at once), and any open lead may be ``rejected`` with a reason. A rejected lead
may be reopened (back to ``suggested``); an implemented one is final. Implemented leads
carry the quantity actually exchanged, with its unit. Accepted and rejected leads are the
feedback the matching uses to move similar pairs up or down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from kreislauf.core.units import parse_unit
from kreislauf.errors import ConflictError, InputError


class LeadStatus(StrEnum):
    SUGGESTED = "suggested"
    CONTACTED = "contacted"
    NEGOTIATING = "negotiating"
    IMPLEMENTED = "implemented"
    REJECTED = "rejected"


_FORWARD = (
    LeadStatus.SUGGESTED,
    LeadStatus.CONTACTED,
    LeadStatus.NEGOTIATING,
    LeadStatus.IMPLEMENTED,
)


def _allowed() -> dict[LeadStatus, frozenset[LeadStatus]]:
    table: dict[LeadStatus, frozenset[LeadStatus]] = {}
    for index, status in enumerate(_FORWARD):
        later = set(_FORWARD[index + 1 :])
        if status is not LeadStatus.IMPLEMENTED:
            later.add(LeadStatus.REJECTED)
        table[status] = frozenset(later)
    table[LeadStatus.REJECTED] = frozenset({LeadStatus.SUGGESTED})
    return table


#: Status -> the statuses a lead may move to from there.
ALLOWED_TRANSITIONS: dict[LeadStatus, frozenset[LeadStatus]] = _allowed()


def can_move(current: LeadStatus, new: LeadStatus) -> bool:
    """True where a lead in ``current`` may move to ``new``."""
    return new in ALLOWED_TRANSITIONS[current]


def check_transition(current: LeadStatus, new: LeadStatus) -> None:
    """Raise :class:`ConflictError` where a lead may not move from ``current`` to ``new``."""
    if can_move(current, new):
        return
    allowed = sorted(s.value for s in ALLOWED_TRANSITIONS[current])
    raise ConflictError(
        'a lead cannot move from "{current}" to "{new}"; allowed: {allowed}',
        current=current.value,
        new=new.value,
        allowed=", ".join(allowed) or "none (final)",
    )


def parse_status(value: str | LeadStatus) -> LeadStatus:
    """The :class:`LeadStatus` a text names; :class:`InputError` otherwise."""
    if isinstance(value, LeadStatus):
        return value
    try:
        return LeadStatus(value.strip().lower())
    except ValueError:
        raise InputError(
            '"{value}" is not a lead status; use one of {choices}',
            value=value,
            choices=", ".join(s.value for s in LeadStatus),
        ) from None


def check_lead_fields(
    status: LeadStatus,
    reason: str | None,
    actual_quantity: float | None,
    unit: str | None,
) -> None:
    """Raise :class:`InputError` where the fields do not fit the status.

    A rejected lead needs a reason; an implemented one needs the actual quantity and its
    unit; a quantity must be a finite number >= 0 and comes with a unit, and vice versa.
    """
    if status is LeadStatus.REJECTED and not (reason and reason.strip()):
        raise InputError("a rejected lead needs a reason")
    if status is LeadStatus.IMPLEMENTED and (actual_quantity is None or unit is None):
        raise InputError("an implemented lead needs the actual quantity and its unit")
    if (actual_quantity is None) != (unit is None):
        raise InputError("a lead's actual quantity and its unit go together")
    if actual_quantity is not None and (not math.isfinite(actual_quantity) or actual_quantity < 0):
        raise InputError(
            "a lead's actual quantity must be a number >= 0, not {value}",
            value=actual_quantity,
        )
    if unit is not None:
        parse_unit(unit)


@dataclass(frozen=True, slots=True)
class Lead:
    """One lead: offer ``offer_id`` proposed to need ``need_id`` in region ``region_id``.

    ``id`` is None until the lead is stored. ``via`` lists intermediary actors of a
    multi-step pathway. ``reason`` says why it was rejected (or any note on the last
    change); ``actual_quantity`` and ``unit`` what was really exchanged.
    """

    region_id: str
    offer_id: str
    need_id: str
    status: LeadStatus = LeadStatus.SUGGESTED
    reason: str | None = None
    actual_quantity: float | None = None
    unit: str | None = None
    via: tuple[str, ...] = ()
    id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in (LeadStatus.IMPLEMENTED, LeadStatus.REJECTED)

    @property
    def accepted(self) -> bool:
        """True where the facilitator's feedback was positive (the pair was pursued)."""
        return self.status in (
            LeadStatus.CONTACTED,
            LeadStatus.NEGOTIATING,
            LeadStatus.IMPLEMENTED,
        )

    def moved_to(
        self,
        status: LeadStatus,
        *,
        reason: str | None = None,
        actual_quantity: float | None = None,
        unit: str | None = None,
        at: datetime | None = None,
    ) -> Lead:
        """This lead in ``status``, after checking the transition and the fields.

        The actual quantity carries over where none is given.
        """
        check_transition(self.status, status)
        if actual_quantity is None and unit is None:
            actual_quantity, unit = self.actual_quantity, self.unit
        check_lead_fields(status, reason, actual_quantity, unit)
        return replace(
            self,
            status=status,
            reason=reason,
            actual_quantity=actual_quantity,
            unit=unit,
            updated_at=at if at is not None else self.updated_at,
        )


@dataclass(frozen=True, slots=True)
class LeadEvent:
    """One change of a lead's status, for the history a facilitator reads."""

    lead_id: int
    at: datetime
    from_status: LeadStatus | None
    to_status: LeadStatus
    reason: str | None = None


__all__ = [
    "ALLOWED_TRANSITIONS",
    "Lead",
    "LeadEvent",
    "LeadStatus",
    "can_move",
    "check_lead_fields",
    "check_transition",
    "parse_status",
]
