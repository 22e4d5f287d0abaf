"""Form fields to actors and streams: any text gives a valid object or problems tied to
fields -- never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kreislauf.core.actors import Actor
from kreislauf.core.region import Region
from kreislauf.core.streams import Direction, Stream
from kreislauf.errors import ValidationError
from kreislauf.web import municipalities
from kreislauf.web.forms import actor_from_fields, free_id, slug, stream_from_fields

REGION = Region(
    "r",
    "R",
    actors=(Actor("a1", "Eins"),),
    streams=(Stream("a1-o1", "a1", Direction.OFFER, "Späne"),),
)
ACTOR_FIELDS = (
    "id",
    "name",
    "kind",
    "nace",
    "employees",
    "lat",
    "lon",
    "municipality",
    "licences",
    "email",
)
STREAM_FIELDS = (
    "id",
    "direction",
    "type",
    "title",
    "ewc",
    "quantity",
    "unit",
    "temperature_c",
    "availability",
)
values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", " ", "1,5", "1e400", "nan", "-5", "16.10", "03 01 05", "t/a", "offer", "Freiberg"]
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(ACTOR_FIELDS), values))
def test_any_actor_form_gives_an_actor_or_field_problems(fields: dict[str, str]) -> None:
    try:
        actor = actor_from_fields(
            fields,
            region=REGION,
            locate=municipalities.locate,
            suggest_place=municipalities.suggest,
        )
    except ValidationError as exc:
        assert exc.problems and all(p.path in ACTOR_FIELDS for p in exc.problems)
        return
    assert actor.name.strip() and actor.id not in REGION.actors_by_id


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(STREAM_FIELDS), values))
def test_any_stream_form_gives_a_stream_or_field_problems(fields: dict[str, str]) -> None:
    try:
        stream = stream_from_fields(fields, region=REGION, actor_id="a1")
    except ValidationError as exc:
        assert exc.problems and all(p.path in STREAM_FIELDS for p in exc.problems)
        return
    assert stream.title.strip() and stream.actor == "a1"
    assert stream.quantity is None or stream.quantity >= 0


def test_a_municipality_fills_in_the_coordinates_and_a_german_comma_is_a_decimal() -> None:
    actor = actor_from_fields(
        {"name": "Holz GmbH", "municipality": "Döbeln", "employees": "12"},
        region=REGION,
        locate=municipalities.locate,
    )
    assert (actor.lat, actor.lon, actor.employees, actor.id) == (51.1219, 13.1114, 12, "holz-gmbh")
    stream = stream_from_fields(
        {
            "title": "Späne",
            "direction": "offer",
            "quantity": "1.234,5".replace(".", ""),
            "unit": "t/a",
            "ewc": "030105",
        },
        region=REGION,
        actor_id="a1",
    )
    assert (stream.quantity, stream.ewc, stream.id) == (1234.5, "03 01 05", "a1-o1-2")


def test_ids_are_readable_and_free() -> None:
    assert slug("Großbäckerei Müller & Söhne") == "grossbackerei-muller-sohne"
    assert free_id("a", ["a", "a-2"]) == "a-3"
