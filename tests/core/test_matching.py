"""Matching behaviour on a small hand-made knowledge base and region."""

from __future__ import annotations

import pytest

from kreislauf.core.matching import Feedback, Matcher, match_region, match_stream, score, select
from kreislauf.core.represent import Representations, StreamFeatures, represent
from kreislauf.core.streams import StreamType
from tests.core.matching_kb import actor, need, offer, region, small_kb


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return small_kb()


def best_needs(matches, offer_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.need for m in matches if m.offer == offer_id]


def test_compound_offer_reaches_the_farm_that_needs_feed(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("brewery", "11.05"), actor("farm", "01.41"), actor("office", "70.10")],
        [
            offer("o1", "brewery", "Biertreber aus der Brauerei", quantity=500, unit="t/a"),
            need("n1", "farm", "Futter für unsere Milchkühe", quantity=400, unit="t/a"),
            need("n2", "office", "Büropapier gesucht"),
        ],
    )
    matches = match_region(r, kb, top_k=3)
    assert best_needs(matches, "o1")[0] == "n1"
    top = matches[0]
    assert top.pathway == "grain_to_feed"
    assert 0.0 < top.score <= 1.0
    assert top.quantity_coverage == 1.0
    assert top.distance_km == 0.0


def test_reasons_in_both_languages_name_pathway_distance_and_quantity(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("brewery", "11.05", lat=51.5, lon=7.5), actor("farm", "01.41", lat=51.6, lon=7.5)],
        [
            offer("o1", "brewery", "Treber", ewc="02 07 02", quantity=300, unit="t/a"),
            need("n1", "farm", "Futtermittel für Milchviehbetrieb", quantity=600, unit="t/a"),
        ],
    )
    (m,) = match_region(r, kb, top_k=1)
    assert len(m.reasons_de) == len(m.reasons_en) >= 4
    en = " ".join(m.reasons_en)
    de = " ".join(m.reasons_de)
    assert "fed to cattle" in en and "Verfütterung an Rinder" in de
    assert "02 07 02" in en and "02 07 02" in de
    assert "11.1 km" in en and "11,1 km" in de
    assert "covers 50 %" in en and "deckt 50 %" in de


def test_missing_coordinates_are_neutral_and_said(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("brewery", lat=None, lon=None), actor("farm", "01.41")],
        [offer("o1", "brewery", "Treber"), need("n1", "farm", "Futter")],
    )
    (m,) = match_region(r, kb, top_k=1)
    assert m.distance_km is None
    assert any("coordinates missing" in s for s in m.reasons_en)
    assert any("Koordinaten fehlen" in s for s in m.reasons_de)


def test_no_pair_within_one_actor(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("brewery"), actor("farm", "01.41")],
        [
            offer("o1", "brewery", "Treber"),
            need("n1", "brewery", "Futter"),
            need("n2", "farm", "Futter"),
        ],
    )
    assert best_needs(match_region(r, kb, top_k=5), "o1") == ["n2"]


def test_hazardous_offer_only_to_licensed_receiver(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [
            actor("paintworks", "20.30"),
            actor("carpenter", "16.23"),
            actor("treatment", "38.22", licences=("08 01 11*",)),
        ],
        [
            offer("o1", "paintworks", "Altlacke und Farbreste", ewc="08 01 11*", hazardous=True),
            need("x1", "carpenter", "Farbe und Lack, Farbreste willkommen"),
            need("n1", "treatment", "Lösemittelhaltige Abfälle zur thermischen Behandlung"),
        ],
    )
    matches = match_region(r, kb, top_k=5)
    assert best_needs(matches, "o1") == ["n1"]
    assert any("licence" in s or "licensed" in s for s in matches[0].reasons_en)


def test_hazardous_flag_without_star_is_respected(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("a"), actor("b", "38.22")],
        [offer("o1", "a", "Altlacke", hazardous=True, ewc="08 01 11"), need("n1", "b", "Altlacke")],
    )
    assert match_region(r, kb) == []


def test_heat_must_reach_the_needed_temperature(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("compressor"), actor("greenhouse", "01.13"), actor("dryer", "01.13")],
        [
            offer("o1", "compressor", "Abwärme", type=StreamType.ENERGY, temperature_c=40),
            need(
                "n1",
                "greenhouse",
                "Wärme für das Gewächshaus",
                type=StreamType.ENERGY,
                temperature_c=25,
            ),
            need("n2", "dryer", "Prozesswärme", type=StreamType.ENERGY, temperature_c=70),
        ],
    )
    matches = match_region(r, kb)
    assert best_needs(matches, "o1") == ["n1"]
    assert any("40 °C reaches the 25 °C" in s for s in matches[0].reasons_en)


def test_pathway_minimum_temperature_applies_where_the_need_gives_none(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("a"), actor("b", "01.13")],
        [
            offer("o1", "a", "Abwärme", type=StreamType.ENERGY, temperature_c=20),
            need("n1", "b", "Heizung Gewächshaus", type=StreamType.ENERGY),
        ],
    )
    assert all(m.pathway != "heat_to_greenhouse" for m in match_region(r, kb))


def test_types_must_be_compatible(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("a"), actor("b")],
        [
            offer("o1", "a", "Gabelstapler", type=StreamType.EQUIPMENT),
            need("n1", "b", "Gabelstapler-Fahrer (Dienstleistung)", type=StreamType.DATA),
            need("n2", "b", "Gabelstapler gesucht", type=StreamType.EQUIPMENT),
        ],
    )
    assert best_needs(match_region(r, kb), "o1") == ["n2"]


def test_fuel_may_serve_an_energy_need_where_a_pathway_says_so(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("sawmill"), actor("pellets", "16.29"), actor("heating")],
        [
            offer("o1", "sawmill", "Sägespäne", quantity=100, unit="t/a"),
            need("n1", "heating", "Holzpellets als Brennstoff", type=StreamType.ENERGY),
        ],
    )
    matches = match_region(r, kb)
    assert best_needs(matches, "o1") == ["n1"]


def test_multi_step_route_names_the_processor_in_via(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("sawmill", "16.10"), actor("pelletwerk", "16.29"), actor("school", "85.31")],
        [
            offer("o1", "sawmill", "Sägemehl"),
            need("n1", "school", "Holzpellets für die Heizung"),
        ],
    )
    (m,) = match_region(r, kb)
    assert m.via == ("pelletwerk",)
    assert m.pathway == "sawdust_to_pellet_fuel"
    assert any("Firma pelletwerk" in s for s in m.reasons_en)
    assert any("Zwei Schritte" in s for s in m.reasons_de)


def test_no_processor_in_the_region_means_no_two_step_route(kb) -> None:  # type: ignore[no-untyped-def]
    r = region(
        [actor("sawmill", "16.10"), actor("school", "85.31")],
        [offer("o1", "sawmill", "Sägemehl"), need("n1", "school", "Holzpellets für die Heizung")],
    )
    assert all(m.via == () for m in match_region(r, kb))


def feed_region():  # type: ignore[no-untyped-def]
    return region(
        [actor("brewery", "11.05"), actor("farm", "01.41"), actor("mill", "10.91")],
        [
            offer("o1", "brewery", "Treber"),
            offer("o2", "brewery", "Biertreber, nass"),
            need("n1", "farm", "Futter"),
            need("n2", "mill", "Futter"),
        ],
    )


def test_feedback_moves_similar_pairs_up_and_down(kb) -> None:  # type: ignore[no-untyped-def]
    r = feed_region()
    plain = match_region(r, kb)
    assert best_needs(plain, "o2")[0] == "n1"  # tie broken by id
    reps = represent(r, kb)
    feedback = Feedback(similar={("spent_grain", "01"): -2.0, ("spent_grain", "10"): 1.0})
    moved = match_region(r, kb, feedback=feedback, representations=reps)
    assert best_needs(moved, "o2") == ["n2", "n1"]
    assert any("accepted" in s for m in moved if m.need == "n2" for s in m.reasons_en)


def test_feedback_on_the_exact_pair(kb) -> None:  # type: ignore[no-untyped-def]
    r = feed_region()
    moved = match_region(r, kb, feedback=Feedback(exact={("o1", "n1"): -1}))
    assert best_needs(moved, "o1") == ["n2", "n1"]


def test_stages_can_be_called_one_by_one(kb) -> None:  # type: ignore[no-untyped-def]
    r = feed_region()
    reps = represent(r, kb)
    matcher = Matcher(r, kb, reps)
    pairs = score(matcher)
    assert len(pairs.rows) == 4
    matches = select(matcher, pairs, top_k=1)
    assert [(m.offer, m.rank) for m in matches] == [("o1", 1), ("o2", 1)]
    assert matches == match_region(r, kb, top_k=1)


def test_representations_round_trip_through_bytes(kb) -> None:  # type: ignore[no-untyped-def]
    r = feed_region()
    reps = represent(r, kb)
    stored = reps.to_bytes()
    back = Representations.from_bytes(reps.model_key, stored)
    assert back.features.keys() == reps.features.keys()
    f = back.features["o2"]
    assert isinstance(f, StreamFeatures)
    assert f.concepts == reps.features["o2"].concepts
    assert match_region(r, kb, representations=back) == match_region(r, kb)


def test_one_stream_is_matched_against_the_rest(kb) -> None:  # type: ignore[no-untyped-def]
    r = feed_region()
    matcher = Matcher(r, kb)
    new_offer = offer("o9", "brewery", "Brauereitreber")
    assert [m.need for m in match_stream(matcher, new_offer, kb)] == ["n1", "n2"]
    new_need = need("n9", "farm", "Treber als Futter")
    found = match_stream(matcher, new_need, kb)
    assert {m.offer for m in found} == {"o1", "o2"}
    assert all(m.need == "n9" for m in found)


def test_empty_sides_give_no_matches(kb) -> None:  # type: ignore[no-untyped-def]
    assert match_region(region([actor("a")], [offer("o1", "a", "Treber")]), kb) == []
    assert match_region(region([actor("a")], [need("n1", "a", "Futter")]), kb) == []
