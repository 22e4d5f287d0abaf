"""Impact estimates: CO2e and EUR saved per exchange, from a versioned factor table."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kreislauf.core.impact import (
    MATERIAL_KEYS,
    PIPED_KEYS,
    ROUTES,
    FactorTable,
    PriceKind,
    estimate_impact,
    transport_co2e_t,
    transport_cost_eur,
)
from kreislauf.core.knowledge import AVOIDED_ROUTES, IMPACT_MATERIAL_KEYS
from kreislauf.core.units import Quantity
from kreislauf.errors import ValidationError
from kreislauf.impact_factors import factor_rows, load_factor_table

HEADER = ("id", "kind", "key", "route", "kg_co2e", "per", "source")


def _rows(*rows: tuple[str, ...]) -> list[dict[str, str]]:
    return [dict(zip(HEADER, row, strict=True)) for row in rows]


FACTORS = _rows(
    ("d:concrete:landfill", "disposal", "concrete", "landfill", "1.2", "t", "test"),
    ("p:aggregates", "primary", "aggregates", "", "8", "t", "test"),
    ("p:heat", "primary", "heat", "", "200", "MWh", "test"),
    ("p:water", "primary", "water", "", "0.2", "m3", "test"),
    ("p:cement", "primary", "cement", "", "", "t", "none: gap"),
    ("t:hgv", "transport", "hgv", "", "0.1", "t.km", "test"),
)
PRICE_HEADER = ("id", "kind", "key", "route", "eur", "per", "low", "high", "source")
PRICES = [
    dict(zip(PRICE_HEADER, row, strict=True))
    for row in (
        ("f:any:landfill", "disposal_fee", "*", "landfill", "30", "t", "10", "50", "test"),
        ("f:concrete:landfill", "disposal_fee", "concrete", "landfill", "20", "t", "", "", "test"),
        ("pr:aggregates", "primary_price", "aggregates", "", "8", "t", "5", "11", "test"),
        ("pr:heat", "primary_price", "heat", "", "70", "MWh", "", "", "test"),
        ("fr:hgv", "transport", "hgv", "", "0.1", "t.km", "", "", "test"),
    )
]


@pytest.fixture()
def table() -> FactorTable:
    return FactorTable.from_rows(FACTORS, PRICES, version="test-1")


def concrete(table: FactorTable, **overrides: object) -> object:
    args: dict[str, object] = {
        "material_key": "concrete",
        "avoided_route": "landfill",
        "substitutes": "aggregates",
        "ratio": 1.0,
        "quantity": Quantity.of(1000, "t/a"),
        "distance_km": 20.0,
    }
    args.update(overrides)
    return estimate_impact(table, **args)  # type: ignore[arg-type]


def test_co2e_is_avoided_route_plus_avoided_primary_minus_transport(table: FactorTable) -> None:
    impact = concrete(table)
    # 1000 t x 1.2 kg + 1000 t x 1.0 x 8 kg - 20 km x 1000 t x 0.1 kg = 7200 kg
    assert impact.co2e_t_per_year == pytest.approx(7.2)
    # fee 20 EUR/t (the specific one, not the * one) + 8 EUR/t - 0.1 EUR/t.km x 20000 t.km
    assert impact.eur_per_year == pytest.approx(20_000 + 8_000 - 2_000)
    assert not impact.one_off
    assert impact.version == "test-1"
    terms = {p.term: p for p in impact.parts}
    assert terms["avoided_route"].factor_id == "d:concrete:landfill"
    assert terms["avoided_primary"].factor_id == "p:aggregates"
    assert terms["transport"].value == pytest.approx(-2.0)
    assert terms["avoided_fee"].factor_id == "f:concrete:landfill"
    assert sum(p.value for p in impact.parts if p.value_unit == "t CO2e") == pytest.approx(7.2)


def test_ratio_scales_the_avoided_primary_production(table: FactorTable) -> None:
    half = concrete(table, ratio=0.5, distance_km=0.0)
    assert half.co2e_t_per_year == pytest.approx(1.2 + 4.0)


def test_missing_quantity_gives_none_and_says_so(table: FactorTable) -> None:
    impact = concrete(table, quantity=None)
    assert impact.co2e_t_per_year is None and impact.eur_per_year is None
    assert "quantity missing" in str(impact.notes[0])


def test_missing_disposal_factor_gives_none_and_names_it(table: FactorTable) -> None:
    impact = concrete(table, avoided_route="combustion")
    assert impact.co2e_t_per_year is None
    assert "no combustion factor for concrete per t" in [str(n) for n in impact.notes]


def test_a_gap_row_is_a_missing_factor(table: FactorTable) -> None:
    assert table.primary("cement") is None
    impact = concrete(table, substitutes="cement")
    assert impact.co2e_t_per_year is None
    assert "no primary-production factor for cement" in [str(n) for n in impact.notes]


def test_missing_ratio_gives_none(table: FactorTable) -> None:
    assert concrete(table, ratio=None).co2e_t_per_year is None


def test_kilograms_are_converted_to_tonnes(table: FactorTable) -> None:
    in_kg = concrete(table, quantity=Quantity.of(1_000_000, "kg/a"))
    assert in_kg.co2e_t_per_year == pytest.approx(7.2)


def test_one_off_amounts_give_a_flagged_one_off_figure(table: FactorTable) -> None:
    impact = concrete(table, quantity=Quantity.of(1000, "t"))
    assert impact.one_off
    assert impact.co2e_t == pytest.approx(7.2)
    assert any("one-off" in str(n) for n in impact.notes)


def test_energy_moves_by_pipe_without_truck_transport(table: FactorTable) -> None:
    impact = estimate_impact(
        table,
        material_key="heat",
        avoided_route="none",
        substitutes="heat",
        ratio=1.0,
        quantity=Quantity.of(500_000, "kWh/a"),
        distance_km=None,
    )
    assert impact.co2e_t_per_year == pytest.approx(500 * 200 / 1000)
    assert impact.eur_per_year == pytest.approx(500 * 70)
    assert not any(p.term == "transport" for p in impact.parts)
    assert any("pipe" in str(n) for n in impact.notes)


def test_water_moves_by_pipe(table: FactorTable) -> None:
    impact = estimate_impact(
        table,
        material_key="water",
        avoided_route=None,
        substitutes="water",
        ratio=1.0,
        quantity=Quantity.of(1000, "m3/a"),
        distance_km=50.0,
    )
    assert impact.co2e_t_per_year == pytest.approx(0.2)


def test_a_volume_of_a_trucked_material_needs_a_density(table: FactorTable) -> None:
    impact = concrete(table, quantity=Quantity.of(10, "m3/a"), avoided_route="none")
    assert impact.co2e_t_per_year is None
    assert any("density" in str(n) for n in impact.notes)


def test_pieces_cannot_be_estimated(table: FactorTable) -> None:
    impact = concrete(table, quantity=Quantity.of(10, "pieces/a"))
    assert impact.co2e_t_per_year is None


def test_missing_distance_leaves_trucked_exchanges_unestimated(table: FactorTable) -> None:
    impact = concrete(table, distance_km=None)
    assert impact.co2e_t_per_year is None
    assert any("distance missing" in str(n) for n in impact.notes)


def test_no_freight_rate_means_no_eur_but_a_caller_rate_fills_in() -> None:
    table = FactorTable.from_rows(FACTORS, PRICES[:4], version="v")
    without = concrete(table)
    assert without.co2e_t_per_year == pytest.approx(7.2)
    assert without.eur_per_year is None
    with_rate = concrete(table, eur_per_tkm=0.05)
    assert with_rate.eur_per_year == pytest.approx(20_000 + 8_000 - 1_000)


def test_disposal_fee_falls_back_to_the_routes_general_fee(table: FactorTable) -> None:
    fee = table.price("bricks", kind=PriceKind.DISPOSAL_FEE, route="landfill")
    assert fee is not None and fee.id == "f:any:landfill"
    assert table.price("bricks", kind=PriceKind.PRIMARY_PRICE) is None


def test_transport_helpers(table: FactorTable) -> None:
    assert transport_co2e_t(table, 100.0, 25.0) == pytest.approx(0.25)
    assert transport_co2e_t(table, 100.0, 25.0, mode="rail") is None
    assert transport_cost_eur(table, 100.0, 25.0) == pytest.approx(250.0)
    assert transport_cost_eur(table, 100.0, 25.0, eur_per_tkm=0.2) == pytest.approx(500.0)
    assert table.transport_per_tkm("hgv") == 0.1


def test_rows_are_validated_and_all_problems_reported() -> None:
    bad = _rows(
        ("a", "primary", "unobtainium", "", "1", "t", "x"),
        ("b", "disposal", "wood", "burial", "1", "t", "x"),
        ("c", "primary", "wood", "", "1", "kg", "x"),
        ("d", "primary", "glass", "", "1", "t", ""),
        ("e", "transport", "zeppelin", "", "1", "t.km", "x"),
        ("f", "primary", "glass", "", "lots", "t", "x"),
    )
    with pytest.raises(ValidationError) as caught:
        FactorTable.from_rows(bad, version="")
    messages = [p.render() for p in caught.value.problems]
    assert len(messages) == 7
    assert any("unobtainium" in m for m in messages)
    assert any("burial" in m for m in messages)
    assert any('"kg" is not a factor unit' in m for m in messages)
    assert any("needs a source" in m for m in messages)
    assert any("zeppelin" in m for m in messages)
    assert any("lots" in m for m in messages)
    assert any("no version" in m for m in messages)


def test_duplicate_ids_are_refused() -> None:
    rows = _rows(
        ("x", "primary", "glass", "", "1", "t", "s"), ("x", "primary", "wood", "", "2", "t", "s")
    )
    with pytest.raises(ValidationError, match="duplicate id"):
        FactorTable.from_rows(rows, version="v")


def test_a_price_outside_its_range_is_refused() -> None:
    rows = [
        dict(
            zip(
                PRICE_HEADER,
                ("p", "primary_price", "sand", "", "20", "t", "5", "15", "s"),
                strict=True,
            )
        )
    ]
    with pytest.raises(ValidationError, match="outside its range"):
        FactorTable.from_rows(FACTORS, rows, version="v")


# -- properties ------------------------------------------------------------------------

amounts = st.floats(min_value=0.001, max_value=1e6, allow_nan=False)
distances = st.floats(min_value=0.0, max_value=2000.0, allow_nan=False)


@given(amount=amounts, d1=distances, d2=distances)
@settings(max_examples=60, deadline=None)
def test_more_kilometres_never_save_more(amount: float, d1: float, d2: float) -> None:
    table = FactorTable.from_rows(FACTORS, PRICES, version="p")
    near, far = sorted((d1, d2))
    q = Quantity.of(amount, "t/a")
    a = concrete(table, quantity=q, distance_km=near)
    b = concrete(table, quantity=q, distance_km=far)
    assert a.co2e_t is not None and b.co2e_t is not None
    assert b.co2e_t <= a.co2e_t + 1e-9 * max(1.0, abs(a.co2e_t))
    assert a.eur is not None and b.eur is not None
    assert b.eur <= a.eur + 1e-9 * max(1.0, abs(a.eur))
    if far - near > 1.0:
        assert b.co2e_t < a.co2e_t


@given(drop=st.sets(st.sampled_from([0, 1, 5])), amount=amounts)
@settings(max_examples=40, deadline=None)
def test_co2e_is_none_exactly_when_a_needed_factor_is_missing(
    drop: set[int], amount: float
) -> None:
    kept = [row for i, row in enumerate(FACTORS) if i not in drop]
    table = FactorTable.from_rows(kept, PRICES, version="p")
    impact = concrete(table, quantity=Quantity.of(amount, "t/a"))
    assert (impact.co2e_t_per_year is None) == bool(drop)


# -- the shipped table -----------------------------------------------------------------


def test_the_shipped_table_loads_once_with_a_version() -> None:
    table = load_factor_table()
    assert table is load_factor_table()
    assert table.version
    assert table.transport_per_tkm("hgv") is not None


def test_material_keys_and_routes_agree_with_the_knowledge_base() -> None:
    assert set(MATERIAL_KEYS) == set(IMPACT_MATERIAL_KEYS)
    assert tuple(ROUTES) == tuple(AVOIDED_ROUTES)
    assert set(MATERIAL_KEYS) >= PIPED_KEYS


def test_every_material_key_has_a_row_in_the_shipped_factors() -> None:
    keys = {row["key"] for row in factor_rows()}
    assert set(MATERIAL_KEYS) - keys == set()


def test_shipped_example_spent_grain_reports_the_missing_feed_factor() -> None:
    impact = estimate_impact(
        load_factor_table(),
        material_key="food_waste",
        avoided_route="anaerobic_digestion",
        substitutes="animal_feed",
        ratio=0.25,
        quantity=Quantity.of(1200, "t/a"),
        distance_km=15.0,
    )
    assert impact.co2e_t_per_year is None
    assert "no primary-production factor for animal_feed" in [str(n) for n in impact.notes]


def test_shipped_example_waste_heat_replaces_gas_boiler_heat() -> None:
    impact = estimate_impact(
        load_factor_table(),
        material_key="heat",
        avoided_route="none",
        substitutes="heat",
        ratio=1.0,
        quantity=Quantity.of(2000, "MWh/a"),
        distance_km=3.0,
    )
    # natural gas 0.2027 kg/kWh (net CV, DESNZ 2025) / 0.92 boiler efficiency
    assert impact.co2e_t_per_year == pytest.approx(2000 * 0.2027 / 0.92, rel=1e-4)
    assert impact.eur_per_year is not None and impact.eur_per_year > 0


def test_every_note_and_message_of_impact_and_allocation_has_german() -> None:
    import ast
    from pathlib import Path

    import kreislauf.core.allocation as allocation_module
    import kreislauf.core.impact as impact_module
    from kreislauf.i18n import catalogue

    german = catalogue("de")
    templates: set[str] = {allocation_module.OFFER_TWICE, allocation_module.NEED_TWICE}
    for module in (impact_module, allocation_module):
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            index = (
                0 if name == "Note" or name.endswith("Error") else 1 if name == "Problem" else None
            )
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    templates.add(arg.value)
    assert len(templates) > 30
    assert sorted(templates - set(german)) == []
