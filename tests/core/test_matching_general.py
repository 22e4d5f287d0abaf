"""Held-out style checks of the shipped knowledge base and text understanding.

Cases written from domain knowledge (industrial-symbiosis literature, German waste and
energy practice), not from any benchmark: each offer has one true partner among
plausible distractors, in German or English, titles as firms and case studies write them.
"""

from __future__ import annotations

from functools import cache

import pytest

from kreislauf.core.knowledge import KnowledgeBase
from kreislauf.core.matching import match_region
from kreislauf.core.represent import vocabulary
from kreislauf.core.streams import Stream, StreamType
from tests.core.matching_kb import actor, need, offer, region


@cache
def _kb() -> KnowledgeBase:
    from kreislauf.knowledge_base import clear_cache, load_knowledge_base

    clear_cache()
    return load_knowledge_base()


def _concepts(text: str) -> dict[str, float]:
    return {s.id: s.weight for s in vocabulary(_kb()).spot(text) if s.kind == "concept"}


def _receivers(text: str) -> set[str]:
    return {s.id for s in vocabulary(_kb()).spot(text) if s.kind == "receiver" and s.weight >= 0.6}


# ---------------------------------------------------------------------- text understanding


@pytest.mark.parametrize(
    "word", ["Arbeitsteam", "Behörde", "Umweltbehörde", "Ultraschallbad", "Mitarbeiter"]
)
def test_everyday_german_words_hold_no_material(word: str) -> None:
    assert _concepts(word) == {}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Scrap wood", "wood_generic"),
        ("Food processing scraps", None),
        ("Plastic scrap from injection moulding", "plastics_generic"),
    ],
)
def test_scrap_beside_another_material_is_no_metal(text: str, concept: str | None) -> None:
    found = _concepts(text)
    assert "metal_scrap_generic" not in found
    if concept is not None:
        assert concept in found


def test_scrap_alone_is_metal_scrap() -> None:
    assert "metal_scrap_generic" in _concepts("Scrap")
    assert "metal_scrap_generic" in _concepts("Schrott")


def test_english_water_alone_is_fresh_water() -> None:
    assert "fresh_water" in _concepts("Water")


def test_a_term_inside_a_longer_term_counts_less() -> None:
    found = _concepts("Waste water")
    assert found["organic_wastewater"] > found.get("fresh_water", 0.0)
    assert "alumina_refinery" in _receivers("for the alumina refinery")
    assert "refinery" not in _receivers("for the alumina refinery")


def test_english_plural_and_singular_meet() -> None:
    assert _concepts("Distillery residue") == _concepts("Distillery residues") != {}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Municipal solid waste", "mixed_commercial_waste"),
        ("Urban waste", "mixed_commercial_waste"),
        ("Industrieabfälle, gemischt", "mixed_commercial_waste"),
        ("Sugarcane bagasse", "agro_fibrous_residues"),
        ("Rice husk", "rice_husk"),
        ("Palm kernel shells", "agro_fibrous_residues"),
        ("Chlorine gas", "chlorine"),
        ("Coke oven gas", "process_fuel_gas"),
        ("Gichtgas aus dem Hochofen", "process_fuel_gas"),
        ("Bauxite residue", "bauxite_residue"),
        ("Coal gangue", "coal_gangue"),
        ("Zinc leach residue", "metal_bearing_residues"),
    ],
)
def test_generic_and_world_industry_words_are_known(text: str, concept: str) -> None:
    assert concept in _concepts(text)


@pytest.mark.parametrize(
    ("text", "receiver"),
    [
        ("Raw material for the steelworks", "steelworks"),
        ("Feedstock for pig iron production", "steelworks"),
        ("Input for a nickel refinery", "nickel_cobalt_refinery"),
        ("For a titanium dioxide plant", "pigment_plant"),
        ("CO2 for a soft drinks producer", "beverage_producer"),
        ("Steam for an ethanol plant", "distillery"),
        ("Für die Tierhaltung", None),
    ],
)
def test_receivers_named_by_industry(text: str, receiver: str | None) -> None:
    found = _receivers(text)
    if receiver is not None:
        assert receiver in found
    assert "pig_farm" not in found or "Tierhaltung" in text


# ---------------------------------------------------------------------- ranking


def _first_need(streams: list[Stream], actors: list[tuple[str, str | None]]) -> str:
    r = region([actor(a, nace) for a, nace in actors], streams)
    matches = match_region(r, _kb(), top_k=3)
    ranked = [m.need for m in matches if m.offer == streams[0].id]
    assert ranked, "the offer found no partner"
    return ranked[0]


CASES: list[tuple[str, tuple[str, str | None], str, list[tuple[str, str | None, str]]]] = [
    # (offer title, (offer actor, NACE), true need, [(need id, actor NACE, title), ...])
    (
        "Sugarcane bagasse from the sugar mill",
        ("mill", "10.81"),
        "n1",
        [
            ("n1", "17.12", "Non-wood fibre for our paper mill"),
            ("n2", "24.10", "Scrap for the electric arc furnace"),
            ("n3", "46.71", "Diesel for the truck fleet"),
        ],
    ),
    (
        "Rice husk",
        ("ricemill", "10.61"),
        "n1",
        [
            ("n1", "35.11", "Biomass fuel for the power station boiler"),
            ("n2", "23.19", "Cullet for glass melting"),
            ("n3", "26.11", "Ultra-pure water for wafer rinsing"),
        ],
    ),
    (
        "By-product hydrogen from chlor-alkali electrolysis",
        ("chloralkali", "20.13"),
        "n1",
        [
            ("n1", "19.20", "Hydrogen for hydrotreating at the refinery"),
            ("n2", "01.41", "Straw for bedding"),
            ("n3", "23.61", "Aggregates for precast concrete"),
        ],
    ),
    (
        "Fermentation CO2 from bioethanol production",
        ("ethanol", "20.14"),
        "n1",
        [
            ("n1", "11.07", "CO2 for carbonating soft drinks"),
            ("n2", "24.10", "Lime as flux for the steel plant"),
            ("n3", "16.10", "Sawdust for particle board"),
        ],
    ),
    (
        "Municipal solid waste, household collection",
        ("city", "38.11"),
        "n1",
        [
            ("n1", "38.21", "Waste for our energy-from-waste plant"),
            ("n2", "10.51", "Milk for cheese making"),
            ("n3", "17.12", "Recovered paper, sorted grades"),
        ],
    ),
    (
        "EAF dust",
        ("steel", "24.10"),
        "n1",
        [
            ("n1", "24.43", "Zinc-bearing residues for the Waelz kiln"),
            ("n2", "01.13", "Heat for greenhouse tomatoes"),
            ("n3", "16.21", "Wood chips for the dryer"),
        ],
    ),
    (
        "Spent pot lining from aluminium electrolysis",
        ("smelter", "24.42"),
        "n1",
        [
            ("n1", "23.51", "Alternative raw materials for the cement kiln"),
            ("n2", "10.71", "Flour for baking"),
            ("n3", "85.31", "Used laptops for schools"),
        ],
    ),
    (
        "Überschussdampf 12 bar, 190 °C",
        ("chem", "20.14"),
        "n1",
        [
            ("n1", "17.12", "Prozessdampf für die Papierfabrik"),
            ("n2", "41.20", "Recyclingbeton für den Hochbau"),
            ("n3", "01.41", "Futtermittel für Milchkühe"),
        ],
    ),
    (
        "Gewerbeabfall, gemischt (hausmüllähnlich)",
        ("handel", "47.11"),
        "n1",
        [
            ("n1", "38.21", "Ersatzbrennstoffe für unser EBS-Kraftwerk"),
            ("n2", "10.11", "Schweinefutter aus Lebensmittelresten"),
            ("n3", "23.32", "Ton für die Ziegelherstellung"),
        ],
    ),
    (
        "Kokereigas",
        ("kokerei", "19.10"),
        "n1",
        [
            ("n1", "35.11", "Brenngas für unser Gaskraftwerk"),
            ("n2", "41.20", "Bauschutt für den Straßenbau"),
            ("n3", "01.13", "Kompost für den Gemüsebau"),
        ],
    ),
    (
        "Ammoniumsulfatlösung aus der Abluftwäsche",
        ("tierfutter", "10.91"),
        "n1",
        [
            ("n1", "20.15", "Stickstoffträger für die Düngemittelproduktion"),
            ("n2", "24.10", "Schrott für das Elektrostahlwerk"),
            ("n3", "16.10", "Rundholz für das Sägewerk"),
        ],
    ),
]


@pytest.mark.parametrize(("title", "who", "expected", "needs"), CASES, ids=[c[0] for c in CASES])
def test_true_partner_ranks_first(
    title: str,
    who: tuple[str, str | None],
    expected: str,
    needs: list[tuple[str, str | None, str]],
) -> None:
    actors = [who] + [(f"a_{nid}", nace) for nid, nace, _ in needs]
    streams = [offer("o1", who[0], title)] + [need(nid, f"a_{nid}", text) for nid, _, text in needs]
    assert _first_need(streams, actors) == expected


def test_surplus_electricity_goes_to_an_industrial_user_not_to_a_water_need() -> None:
    actors = [("hydro", "35.11"), ("a_n1", "24.42"), ("a_n2", "36.00")]
    streams = [
        offer("o1", "hydro", "Surplus electricity", type=StreamType.ENERGY),
        need("n1", "a_n1", "Power for the alumina refinery", type=StreamType.ENERGY),
        need("n2", "a_n2", "Raw water for treatment", type=StreamType.WATER),
    ]
    assert _first_need(streams, actors) == "n1"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Leather scraps from cutting", "leather_waste"),
        ("Plastic scraps", "plastics_generic"),
        ("Condensate water", "condensate"),
    ],
)
def test_weak_words_give_way_to_the_material(text: str, concept: str) -> None:
    found = _concepts(text)
    assert concept in found
    assert "metal_scrap_generic" not in found
    assert "fresh_water" not in found


@pytest.mark.parametrize(
    ("text", "receiver"),
    [
        ("Rohstoff für die Zementproduktion", "cement_plant"),
        ("Zuschlag für Betonhersteller", "concrete_plant"),
        ("Wood chips for particleboard production", "board_plant"),
        ("Pellet production needs dry sawdust", "pellet_plant"),
    ],
)
def test_receivers_named_by_their_activity(text: str, receiver: str) -> None:
    assert receiver in _receivers(text)


def test_activity_names_never_shadow_a_given_term() -> None:
    from kreislauf.core.knowledge import Terms, receiver_variants

    variants = dict(receiver_variants(Terms(de=("Plattenwerk",), en=("oil mill", "paper mill"))))
    assert variants["plattenproduktion"] is True
    assert variants["paper production"] is False
    assert not any(v.startswith("oil ") for v in variants)
    assert "plattenwerk" not in variants and "paper mill" not in variants


def test_a_modifier_that_runs_into_a_longer_word_is_no_part() -> None:
    found = _concepts("Spanplattenverschnitt")
    assert "panel_offcuts" in found
    assert "steel_swarf" not in found  # "Span" belongs to "Spanplatte", not to "Späne"


def test_by_product_gypsum_finds_the_plasterboard_plant() -> None:
    actors = [("fert", "20.15"), ("a_n1", "23.62"), ("a_n2", "10.71")]
    streams = [
        offer("o1", "fert", "Gypsum"),
        need("n1", "a_n1", "Raw material for plasterboard production"),
        need("n2", "a_n2", "Flour for the bakery"),
    ]
    assert _first_need(streams, actors) == "n1"


def test_waste_plastics_reach_the_blast_furnace_as_reducing_agent() -> None:
    actors = [("mrf", "38.32"), ("a_n1", "24.10"), ("a_n2", "01.13")]
    streams = [
        offer("o1", "mrf", "Mixed waste plastics, shredded"),
        need("n1", "a_n1", "Reducing agent for the blast furnace"),
        need("n2", "a_n2", "Heat for the greenhouse"),
    ]
    assert _first_need(streams, actors) == "n1"
