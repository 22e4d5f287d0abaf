"""Lead statuses: which moves are allowed, what each status needs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kreislauf.core.leads import (
    ALLOWED_TRANSITIONS,
    Lead,
    LeadStatus,
    can_move,
    check_lead_fields,
    check_transition,
    parse_status,
)
from kreislauf.errors import ConflictError, InputError, UnitError

S = LeadStatus


def test_the_transition_table() -> None:
    expected = {
        S.SUGGESTED: {S.CONTACTED, S.NEGOTIATING, S.IMPLEMENTED, S.REJECTED},
        S.CONTACTED: {S.NEGOTIATING, S.IMPLEMENTED, S.REJECTED},
        S.NEGOTIATING: {S.IMPLEMENTED, S.REJECTED},
        S.IMPLEMENTED: set(),
        S.REJECTED: {S.SUGGESTED},
    }
    assert expected == ALLOWED_TRANSITIONS


@given(st.sampled_from(LeadStatus), st.sampled_from(LeadStatus))
def test_check_transition_agrees_with_can_move(current: LeadStatus, new: LeadStatus) -> None:
    if can_move(current, new):
        check_transition(current, new)
    else:
        with pytest.raises(ConflictError):
            check_transition(current, new)
    assert not can_move(current, current)  # no status moves to itself


@given(st.lists(st.sampled_from(LeadStatus), max_size=12))
def test_any_walk_of_allowed_moves_never_leaves_implemented(walk: list[LeadStatus]) -> None:
    lead = Lead("r", "o", "n")
    for status in walk:
        if not can_move(lead.status, status):
            continue
        quantity = (1.0, "t") if status is S.IMPLEMENTED else (None, None)
        lead = lead.moved_to(
            status,
            reason="weil" if status is S.REJECTED else None,
            actual_quantity=quantity[0],
            unit=quantity[1],
        )
        if lead.status is S.IMPLEMENTED:
            assert all(not can_move(lead.status, s) for s in LeadStatus)


def test_fields_each_status_needs() -> None:
    check_lead_fields(S.SUGGESTED, None, None, None)
    check_lead_fields(S.IMPLEMENTED, None, 2.5, "t/a")
    with pytest.raises(InputError, match="needs a reason"):
        check_lead_fields(S.REJECTED, "  ", None, None)
    with pytest.raises(InputError, match="actual quantity and its unit"):
        check_lead_fields(S.IMPLEMENTED, None, 2.5, None)
    with pytest.raises(InputError, match="go together"):
        check_lead_fields(S.CONTACTED, None, None, "t")
    with pytest.raises(InputError, match=">= 0"):
        check_lead_fields(S.IMPLEMENTED, None, -1.0, "t")
    with pytest.raises(InputError, match=">= 0"):
        check_lead_fields(S.IMPLEMENTED, None, float("nan"), "t")
    with pytest.raises(UnitError):
        check_lead_fields(S.IMPLEMENTED, None, 1.0, "tonnes")


def test_moving_keeps_the_quantity_and_says_whether_accepted() -> None:
    lead = Lead("r", "o", "n", status=S.NEGOTIATING, actual_quantity=3.0, unit="t")
    assert lead.is_open and lead.accepted
    done = lead.moved_to(S.IMPLEMENTED)
    assert (done.actual_quantity, done.unit, done.is_open, done.accepted) == (3.0, "t", False, True)
    rejected = Lead("r", "o", "n").moved_to(S.REJECTED, reason="zu weit")
    assert (rejected.accepted, rejected.reason) == (False, "zu weit")


def test_statuses_are_parsed_leniently_and_refused_with_choices() -> None:
    assert parse_status(" Contacted ") is S.CONTACTED
    assert parse_status(S.REJECTED) is S.REJECTED
    with pytest.raises(InputError, match="use one of suggested, contacted"):
        parse_status("won")
