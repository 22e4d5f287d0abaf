"""Invariants: any valid region survives JSON, XLSX and CSV unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kreislauf.core.actors import Actor, ActorKind
from kreislauf.core.region import Region
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from kreislauf.importers.columns import ACTOR_COLUMNS, STREAM_COLUMNS, find_column, is_example
from kreislauf.importers.region_file import dumps_region, parse_region, region_to_dict
from kreislauf.importers.region_validation import region_schema
from kreislauf.importers.spreadsheet import read_csv, read_xlsx
from kreislauf.importers.spreadsheet_write import write_csv, write_xlsx

# (code, hazardous) pairs that agree with the List of Waste, and flags a mirror entry allows.
CODES = [(None, False), (None, True), ("02 07 04", False), ("13 02 05*", True),
         ("17 05 04", False), ("17 05 04", True), ("15 01 03", False)]  # fmt: skip
LICENCES = ["02 07 04", "13 02 05*", "17 05 03*", "15 01 03"]
NACE = [None, "10.51", "11.05", "C", "38", "16.2"]
UNITS = ["t/a", "t", "kg/a", "m3/a", "m3", "MWh/a", "kWh/a", "pieces", "pieces/a", "h/a", "m2"]

# Free text as people write it: letters, umlauts, digits, punctuation, line breaks; no
# control characters (XML cannot hold them) and no spaces at the ends (cells are trimmed).
text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"
        )
        | st.sampled_from("\n"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
ident = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,11}", fullmatch=True).filter(
    lambda s: not is_example(s)
)
# Excel keeps 15 significant digits: numbers as firms write them (up to 4 decimals).
number = st.floats(min_value=0, max_value=1e9).map(lambda x: round(x, 4))
latitude = st.floats(-90, 90).map(lambda x: round(x, 6))
longitude = st.floats(-180, 180).map(lambda x: round(x, 6))
temperature = st.floats(-273.15, 2000).map(lambda x: round(x, 2))
extra_key = st.from_regex(r"x_[a-z]{1,8}", fullmatch=True).filter(
    lambda k: find_column(k, ACTOR_COLUMNS) is None and find_column(k, STREAM_COLUMNS) is None
)
extra_value = st.one_of(text, st.integers(-(10**9), 10**9), st.booleans())


@st.composite
def regions(draw: st.DrawFn) -> Region:
    actor_ids = draw(st.lists(ident, min_size=1, max_size=4, unique=True))
    actors = []
    for actor_id in actor_ids:
        actors.append(
            Actor(
                id=actor_id,
                name=draw(text),
                kind=draw(st.sampled_from(list(ActorKind))),
                nace=draw(st.sampled_from(NACE)),
                employees=draw(st.none() | st.integers(0, 100_000)),
                lat=draw(st.none() | latitude),
                lon=draw(st.none() | longitude),
                municipality=draw(st.none() | text),
                licences=tuple(draw(st.lists(st.sampled_from(LICENCES), unique=True, max_size=3))),
                description=draw(st.none() | text),
                extra=draw(st.dictionaries(extra_key, extra_value, max_size=2)),
            )
        )
    streams = []
    for stream_id in draw(st.lists(ident, max_size=5, unique=True)):
        ewc, hazardous = draw(st.sampled_from(CODES))
        quantity = draw(st.none() | number)
        streams.append(
            Stream(
                id=stream_id,
                actor=draw(st.sampled_from(actor_ids)),
                direction=draw(st.sampled_from(list(Direction))),
                title=draw(text),
                type=draw(st.sampled_from(list(StreamType))),
                description=draw(st.none() | text),
                ewc=ewc,
                hazardous=hazardous,
                quantity=quantity,
                unit=None if quantity is None else draw(st.sampled_from(UNITS)),
                temperature_c=draw(st.none() | temperature),
                availability=draw(st.none() | st.sampled_from(list(Availability))),
                confidential=draw(st.booleans()),
                extra=draw(st.dictionaries(extra_key, extra_value, max_size=2)),
            )
        )
    return Region(
        id=draw(ident),
        name=draw(text),
        country=draw(st.sampled_from(["DE", "AT", "NL"])),
        nuts=draw(st.none() | st.sampled_from(["DEA5A", "DEA5C"])),
        ags=draw(st.none() | st.sampled_from(["05974", "05978"])),
        actors=tuple(actors),
        streams=tuple(streams),
        extra=draw(st.dictionaries(extra_key, extra_value, max_size=2)),
    )


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(regions())
def test_json_round_trip(region: Region) -> None:
    import json

    document = json.loads(dumps_region(region))
    assert parse_region(document) == region
    assert region_to_dict(parse_region(document)) == document


@SETTINGS
@given(regions())
def test_what_we_write_passes_the_schema_alone(region: Region) -> None:
    from jsonschema import Draft202012Validator

    errors = list(Draft202012Validator(region_schema()).iter_errors(region_to_dict(region)))
    assert errors == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions(), st.sampled_from(["de", "en"]))
def test_xlsx_round_trip(region: Region, language: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(region, Path(folder) / "r.xlsx", language=language)
        assert read_xlsx(path) == region


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regions(), st.sampled_from(["de", "en"]))
def test_csv_round_trip(region: Region, language: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        written = write_csv(region, Path(folder) / "r.csv", language=language)
        assert read_csv(written[1]) == region
