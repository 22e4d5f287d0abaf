"""Who may see and change what (kreislauf.core.permissions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kreislauf.core.actors import Actor
from kreislauf.core.permissions import (
    Principal,
    Role,
    can_edit_actor,
    can_edit_region,
    can_manage_leads,
    can_request_contact,
    can_see_contact,
    can_view_region,
    non_contact_extra,
    parse_role,
    public_contact,
    stream_view,
    streams_listed_with_actor,
    visible_streams,
)
from kreislauf.core.streams import Direction, Stream
from kreislauf.errors import InputError

SAWMILL = Actor(
    "a1",
    "Sägewerk Huber",
    nace="16.10",
    lat=50.9,
    lon=13.3,
    municipality="Freiberg",
    extra={"email": "info@huber.example", "phone": "0373 1", "website": "huber.example"},
)
BAKERY = Actor("a2", "Bäckerei Klein", nace="10.71", municipality="Döbeln")
SECRET = Stream(
    "s1", "a1", Direction.OFFER, "Holzspäne", description="from Huber's line 3", confidential=True
)
OPEN = Stream("s2", "a1", Direction.OFFER, "Rinde")
NEED = Stream("s3", "a2", Direction.NEED, "Brennstoff")

ADMIN = Principal(1, Role.ADMIN)
FACILITATOR = Principal(2, Role.FACILITATOR, frozenset({"ms"}))
OTHER_FACILITATOR = Principal(3, Role.FACILITATOR, frozenset({"other"}))
OWNER = Principal(4, Role.MEMBER, actor_region="ms", actor_id="a1")
BAKER = Principal(5, Role.MEMBER, actor_region="ms", actor_id="a2")
VIEWER = Principal(6, Role.VIEWER, frozenset({"ms"}))
STRANGER = Principal(7, Role.VIEWER, frozenset({"other"}))


def test_roles_parse_and_refuse_unknown_names() -> None:
    assert parse_role(" Facilitator ") is Role.FACILITATOR
    with pytest.raises(InputError, match="not a role"):
        parse_role("boss")


def test_regions_are_visible_to_their_people_only() -> None:
    assert can_view_region(ADMIN, "anything")
    assert can_view_region(FACILITATOR, "ms")
    assert not can_view_region(OTHER_FACILITATOR, "ms")
    assert can_view_region(BAKER, "ms")
    assert can_view_region(VIEWER, "ms")
    assert not can_view_region(STRANGER, "ms")


def test_members_edit_only_their_own_firm() -> None:
    assert can_edit_actor(OWNER, "ms", "a1")
    assert not can_edit_actor(OWNER, "ms", "a2")
    assert not can_edit_actor(OWNER, "other", "a1")
    assert can_edit_actor(FACILITATOR, "ms", "a2")
    assert not can_edit_actor(OTHER_FACILITATOR, "ms", "a2")
    assert not can_edit_actor(VIEWER, "ms", "a1")
    assert not can_edit_region(OWNER, "ms")


def test_only_facilitators_and_admins_manage_leads_and_only_members_ask_for_contact() -> None:
    assert can_manage_leads(FACILITATOR, "ms") and can_manage_leads(ADMIN, "ms")
    assert not can_manage_leads(BAKER, "ms") and not can_manage_leads(VIEWER, "ms")
    assert can_request_contact(BAKER, "ms")
    assert not can_request_contact(VIEWER, "ms") and not can_request_contact(FACILITATOR, "ms")


def test_a_confidential_stream_is_anonymised_for_another_firm() -> None:
    view = stream_view(BAKER, "ms", SECRET, SAWMILL)
    assert not view.owner_visible
    assert view.actor_id is None and view.actor_name is None
    assert view.lat is None and view.lon is None and view.description is None
    assert (view.sector, view.municipality) == ("16.10", "Freiberg")
    assert "Huber" not in repr(view.as_dict())


def test_the_owner_facilitator_and_introduced_firms_see_the_name() -> None:
    assert stream_view(OWNER, "ms", SECRET, SAWMILL).actor_name == "Sägewerk Huber"
    assert stream_view(FACILITATOR, "ms", SECRET, SAWMILL).owner_visible
    assert stream_view(BAKER, "ms", SECRET, SAWMILL, introduced={"a1"}).owner_visible
    assert stream_view(BAKER, "ms", OPEN, SAWMILL).actor_name == "Sägewerk Huber"


def test_visible_streams_is_empty_outside_ones_regions() -> None:
    actors = {"a1": SAWMILL, "a2": BAKERY}
    assert visible_streams(STRANGER, "ms", [SECRET, OPEN, NEED], actors) == []
    assert [v.id for v in visible_streams(VIEWER, "ms", [SECRET, OPEN, NEED], actors)] == [
        "s1",
        "s2",
        "s3",
    ]


def test_an_actor_page_lists_no_confidential_stream_to_others() -> None:
    listed = streams_listed_with_actor(BAKER, "ms", "a1", [SECRET, OPEN, NEED])
    assert listed == [OPEN]
    assert streams_listed_with_actor(OWNER, "ms", "a1", [SECRET, OPEN, NEED]) == [SECRET, OPEN]


def test_contact_data_needs_an_introduction() -> None:
    assert public_contact(BAKER, "ms", SAWMILL) == {}
    assert not can_see_contact(VIEWER, "ms", "a1")
    assert public_contact(BAKER, "ms", SAWMILL, introduced={"a1"}) == {
        "email": "info@huber.example",
        "phone": "0373 1",
    }
    assert public_contact(FACILITATOR, "ms", SAWMILL)["email"] == "info@huber.example"
    assert non_contact_extra(SAWMILL) == {"website": "huber.example"}


principals = st.builds(
    Principal,
    user_id=st.integers(1, 100),
    role=st.sampled_from(list(Role)),
    regions=st.frozensets(st.sampled_from(["ms", "other"]), max_size=2),
    actor_region=st.sampled_from([None, "ms", "other"]),
    actor_id=st.sampled_from([None, "a1", "a2"]),
)


@given(who=principals, introduced=st.frozensets(st.sampled_from(["a1", "a2"])))
def test_a_name_is_shown_only_to_whom_it_may_be(who: Principal, introduced: frozenset[str]) -> None:
    view = stream_view(who, "ms", SECRET, SAWMILL, introduced)
    allowed = (
        who.role is Role.ADMIN
        or (who.role is Role.FACILITATOR and "ms" in who.regions)
        or (who.role is Role.MEMBER and who.actor_region == "ms" and who.actor_id == "a1")
        or (can_view_region(who, "ms") and "a1" in introduced)
    )
    assert view.owner_visible == allowed
    if not allowed:
        assert view.actor_name is None and view.actor_id is None and view.lat is None
