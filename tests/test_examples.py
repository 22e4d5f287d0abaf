"""The demo region Landkreis Mittelsachsen: deterministic, complete, valid, German, realistic."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kreislauf.core import Direction, Region, StreamType, parse_unit
from kreislauf.core.units import SPEC_UNITS
from kreislauf.examples import PLACES, SECTOR_FAMILIES, mittelsachsen, sector_family
from kreislauf.examples.partners import EXPECTED, FORBIDDEN, expected_partners
from kreislauf.examples.spec import KM_PER_DEGREE, marker_offset
from tests.conftest import ROOT, need_shared

# The district's extent, generously rounded (BKG VG5000: 50.633-51.234 N, 12.618-13.653 E).
LAT_RANGE = (50.63, 51.24)
LON_RANGE = (12.61, 13.66)


@cache
def region() -> Region:
    return mittelsachsen()


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    north = (lat1 - lat2) * KM_PER_DEGREE
    east = (lon1 - lon2) * KM_PER_DEGREE * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(north, east)


# --- determinism -----------------------------------------------------------------------------


def test_two_calls_give_equal_regions() -> None:
    first, second = mittelsachsen(), mittelsachsen()
    assert first == second
    assert first is not second


_FINGERPRINT = (
    "import hashlib; from kreislauf.examples import mittelsachsen; "
    "print(hashlib.sha256(repr(mittelsachsen()).encode()).hexdigest())"
)


def test_same_region_under_different_hash_seeds() -> None:
    digests = set()
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _FINGERPRINT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1


@given(key=st.text(min_size=1, max_size=60), spread=st.floats(min_value=0.1, max_value=3.0))
def test_marker_offset_is_bounded_and_stable(key: str, spread: float) -> None:
    north, east = marker_offset(key, spread)
    assert (north, east) == marker_offset(key, spread)
    assert 0.15 * spread - 1e-9 <= math.hypot(north, east) <= spread + 1e-9


def test_marker_offsets_differ_between_actors() -> None:
    offsets = {marker_offset(f"actor-{i}", 2.5) for i in range(200)}
    assert len(offsets) == 200


# --- the region as a whole ---------------------------------------------------------------------


def test_region_header() -> None:
    r = region()
    assert (r.id, r.name, r.country, r.nuts, r.ags) == (
        "mittelsachsen",
        "Landkreis Mittelsachsen",
        "DE",
        "DED43",
        "14522",
    )


def test_size() -> None:
    r = region()
    assert len(r.actors) >= 220
    assert 450 <= len(r.streams) <= 650


def test_ids_are_unique_and_streams_belong_to_actors() -> None:
    r = region()
    actor_ids = [a.id for a in r.actors]
    stream_ids = [s.id for s in r.streams]
    assert len(actor_ids) == len(set(actor_ids))
    assert len(stream_ids) == len(set(stream_ids))
    assert not set(actor_ids) & set(stream_ids)
    assert all(s.actor in r.actors_by_id for s in r.streams)
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in actor_ids + stream_ids)


def test_every_actor_has_streams_and_most_have_both_directions() -> None:
    r = region()
    directions: dict[str, set[Direction]] = {a.id: set() for a in r.actors}
    for s in r.streams:
        directions[s.actor].add(s.direction)
    assert all(directions.values()), [a for a, d in directions.items() if not d]
    both = sum(1 for d in directions.values() if len(d) == 2)
    assert both / len(r.actors) >= 0.6


def test_every_sector_family_is_present() -> None:
    r = region()
    families = Counter(sector_family(a.nace or "") for a in r.actors)
    assert None not in families, [a.id for a in r.actors if sector_family(a.nace or "") is None]
    assert set(families) == set(SECTOR_FAMILIES)
    for family in (
        "agriculture",
        "food",
        "wood",
        "metal",
        "construction",
        "energy",
        "waste",
        "public",
    ):
        assert families[family] >= 10, family


def test_actor_kinds() -> None:
    kinds = Counter(a.kind.value for a in region().actors)
    assert set(kinds) == {"company", "research", "public", "association", "other"}
    assert kinds["company"] > len(region().actors) / 2


# --- places and coordinates --------------------------------------------------------------------


def test_places_lie_in_the_district() -> None:
    assert len(PLACES) >= 30
    for place in PLACES.values():
        assert LAT_RANGE[0] <= place.lat <= LAT_RANGE[1], place
        assert LON_RANGE[0] <= place.lon <= LON_RANGE[1], place
        assert re.fullmatch(r"0[49]\d{3}", place.postcode), place
        assert 0 < place.spread_km <= 3


def test_actors_sit_near_their_town_centre_without_stacking() -> None:
    r = region()
    for a in r.actors:
        assert a.lat is not None and a.lon is not None and a.municipality is not None
        place = PLACES[a.municipality]
        assert LAT_RANGE[0] <= a.lat <= LAT_RANGE[1]
        assert LON_RANGE[0] <= a.lon <= LON_RANGE[1]
        assert km_between(a.lat, a.lon, place.lat, place.lon) < 3.0, a.id
    points = Counter((a.lat, a.lon) for a in r.actors)
    assert max(points.values()) == 1


def _inside(lat: float, lon: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_every_actor_lies_inside_the_official_district_boundary() -> None:
    path = need_shared("data/geo/bkg_vg5000_2021-01-01_kreise.geojson")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    (district,) = [f for f in features if f["properties"]["ARS"] == "14522"]
    assert district["geometry"]["type"] == "Polygon"
    ring = district["geometry"]["coordinates"][0]
    outside = [a.id for a in region().actors if not _inside(a.lat or 0, a.lon or 0, ring)]
    assert outside == []
    assert all(_inside(p.lat, p.lon, ring) for p in PLACES.values())


# --- streams -----------------------------------------------------------------------------------


def test_every_stream_type_appears() -> None:
    types = Counter(s.type for s in region().streams)
    assert set(types) == set(StreamType)
    assert types[StreamType.MATERIAL] > len(region().streams) / 2


def test_energy_covers_heat_steam_and_electricity() -> None:
    energy = [s for s in region().streams if s.type is StreamType.ENERGY]
    heat = [s for s in energy if s.temperature_c is not None]
    assert len(heat) >= 30
    assert any(t < 40 for t in (s.temperature_c for s in heat if s.temperature_c is not None))
    assert any("Dampf" in s.title and (s.temperature_c or 0) > 100 for s in energy)
    assert sum("strom" in s.title.lower() for s in energy) >= 5


def test_units_are_canonical_and_quantities_positive() -> None:
    streams = region().streams
    for s in streams:
        assert (s.quantity is None) == (s.unit is None), s.id
        if s.unit is not None:
            parse_unit(s.unit, strict=True)
            assert s.unit in SPEC_UNITS, (s.id, s.unit)
            assert s.quantity is not None and s.quantity > 0, s.id
    with_quantity = sum(s.quantity is not None for s in streams)
    assert with_quantity / len(streams) >= 0.75


def test_availability_and_confidentiality_are_mixed() -> None:
    streams = region().streams
    availability = Counter(s.availability for s in streams)
    assert set(availability) == {None, *availability} and len(availability) == 4
    assert 5 <= sum(s.confidential for s in streams) <= len(streams) / 10


def test_waste_codes_on_about_half_of_the_material_streams() -> None:
    material = [s for s in region().streams if s.type is StreamType.MATERIAL]
    share = sum(s.ewc is not None for s in material) / len(material)
    assert 0.40 <= share <= 0.60, share


def test_waste_codes_are_normalised_and_star_means_hazardous() -> None:
    r = region()
    codes = [s.ewc for s in r.streams if s.ewc] + [c for a in r.actors for c in a.licences]
    assert all(re.fullmatch(r"\d\d \d\d \d\d\*?", c) for c in codes)
    for s in r.streams:
        assert s.hazardous == bool(s.ewc and s.ewc.endswith("*")), s.id
    assert sum(s.hazardous for s in r.streams) >= 15


def test_waste_codes_exist_in_the_catalogue() -> None:
    from kreislauf.catalogues import waste_catalogue

    catalogue = waste_catalogue()
    r = region()
    codes = {s.ewc for s in r.streams if s.ewc} | {c for a in r.actors for c in a.licences}
    for code in sorted(codes):
        entry = catalogue.get(code)
        assert entry is not None, code
        assert entry.notation == code, (code, entry.notation)


def test_sector_codes_are_valid_classes() -> None:
    from kreislauf.catalogues import sector_catalogue

    catalogue = sector_catalogue()
    for a in region().actors:
        assert a.nace is not None and re.fullmatch(r"\d\d\.\d\d", a.nace), a.id
        assert catalogue.get(a.nace) is not None, (a.id, a.nace)


def test_employees_are_plausible() -> None:
    employees = [a.employees for a in region().actors]
    assert all(e is not None and 1 <= e <= 1000 for e in employees)


# --- language ----------------------------------------------------------------------------------

_GERMAN = re.compile(
    r"[äöüßÄÖÜ]|\b(und|für|aus|mit|zu|von|vom|der|die|das|im|ca\.|gesucht|suchen|frei)\b"
    r"|(ung|ungen|keit|stoff|stoffe|abfälle|späne|schlamm|wärme|holz|reste|schrott|asche|boden)\b",
    re.IGNORECASE,
)


def test_titles_read_german() -> None:
    streams = region().streams
    german = sum(bool(_GERMAN.search(s.title)) for s in streams)
    assert german / len(streams) >= 0.8
    assert all(len(s.title) >= 4 and s.title == s.title.strip() for s in streams)


def test_titles_vary_as_different_firms_write_them() -> None:
    titles = [s.title for s in region().streams]
    assert len(set(titles)) / len(titles) >= 0.85
    assert max(Counter(titles).values()) <= 5


def test_most_actors_describe_themselves_in_german() -> None:
    actors = region().actors
    described = [a.description for a in actors if a.description]
    assert len(described) / len(actors) >= 0.75
    assert sum(bool(_GERMAN.search(d)) for d in described) / len(described) >= 0.9


def test_trade_jargon_the_brief_names_is_there() -> None:
    text = " ".join(s.text for s in region().streams)
    for word in (
        "Biertreber",
        "Sägespäne",
        "Altsand",
        "REA-Gips",
        "EBS",
        "Molke",
        "Gülle",
        "Gärrest",
        "Z0-Boden",
    ):
        assert word in text, word


# --- the exchanges the region was written for --------------------------------------------------


def test_expected_partners_exist_and_point_the_right_way() -> None:
    r = region()
    streams = r.streams_by_id
    assert len(EXPECTED) >= 40
    for offer_id, need_ids in EXPECTED.items():
        offer = streams[offer_id]
        assert offer.direction is Direction.OFFER, offer_id
        assert need_ids, offer_id
        for need_id in need_ids:
            need = streams[need_id]
            assert need.direction is Direction.NEED, need_id
            assert need.actor != offer.actor, (offer_id, need_id)
            if offer.hazardous:
                assert r.actor_of(need).holds_licence(offer.ewc or ""), (offer_id, need_id)


def test_forbidden_pairs_are_hazardous_offers_to_unlicensed_receivers() -> None:
    r = region()
    streams = r.streams_by_id
    assert len(FORBIDDEN) >= 5
    for offer_id, need_ids in FORBIDDEN.items():
        offer = streams[offer_id]
        assert offer.direction is Direction.OFFER and offer.hazardous and offer.ewc, offer_id
        for need_id in need_ids:
            need = streams[need_id]
            assert need.direction is Direction.NEED
            assert not r.actor_of(need).holds_licence(offer.ewc), (offer_id, need_id)
            assert need_id not in EXPECTED.get(offer_id, ())


def test_every_hazardous_material_offer_has_a_licensed_receiver_in_the_region() -> None:
    r = region()
    for offer in r.offers:
        if offer.hazardous and offer.type is StreamType.MATERIAL:
            holders = [
                a.id for a in r.actors if a.id != offer.actor and a.holds_licence(offer.ewc or "")
            ]
            assert holders, offer.id


def test_expected_partners_document_has_the_evaluate_format() -> None:
    document = expected_partners()
    assert set(document) == {"expected", "forbidden"}
    assert json.loads(json.dumps(document)) == document
    assert all(isinstance(v, list) for part in document.values() for v in part.values())


# --- the region file ---------------------------------------------------------------------------


def test_round_trip_through_the_region_file(tmp_path: Path) -> None:
    region_file = pytest.importorskip("kreislauf.importers.region_file")
    r = region()
    path = region_file.write_region(r, tmp_path / "mittelsachsen.json")
    back = region_file.read_region(path)
    assert region_file.region_to_dict(back) == region_file.region_to_dict(r)
    assert back.summary() == r.summary()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "kreislauf-region/1"
    assert document["region"]["nuts"] == "DED43"


def test_numbers_are_floats_as_the_core_types_say() -> None:
    for s in region().streams:
        assert s.quantity is None or type(s.quantity) is float
        assert s.temperature_c is None or type(s.temperature_c) is float
