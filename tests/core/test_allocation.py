"""Allocation: build -> solve -> assign picks a consistent set of exchanges."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kreislauf.core.allocation import (
    AllocationProblem,
    Candidate,
    Solution,
    allocate,
    assign,
    build,
    greedy_solver,
    highs_solver,
    solve,
)
from kreislauf.core.units import Quantity
from kreislauf.errors import InputError


def cand(
    offer: str,
    need: str,
    offer_q: Quantity | None,
    need_q: Quantity | None,
    co2e: float | None = 1.0,
    eur: float | None = None,
) -> Candidate:
    return Candidate(offer, need, f"actor-{offer}", f"actor-{need}", offer_q, need_q, co2e, eur)


def t(value: float, unit: str = "t/a") -> Quantity:
    return Quantity.of(value, unit)


def test_the_better_exchange_is_filled_first_and_the_rest_goes_on() -> None:
    cands = [cand("A", "N1", t(100), t(60), co2e=2.0), cand("A", "N2", t(100), t(80), co2e=1.0)]
    result = {(a.offer_id, a.need_id): a for a in allocate(cands)}
    assert result["A", "N1"].quantity == pytest.approx(60)
    assert result["A", "N2"].quantity == pytest.approx(40)
    assert result["A", "N1"].co2e_t == pytest.approx(120)
    assert result["A", "N1"].unit == "t/a"


def test_optimal_beats_greedy_where_greedy_blocks_itself() -> None:
    cands = [
        cand("A", "X", t(10), t(10), co2e=10.0),
        cand("A", "Y", t(10), t(10), co2e=9.0),
        cand("B", "X", t(10), t(10), co2e=8.0),
    ]
    problem = build(cands)
    best = solve(problem)
    greedy = solve(problem, greedy_solver)
    assert greedy.objective == pytest.approx(100)
    assert best.objective == pytest.approx(170)
    pairs = {(a.offer_id, a.need_id) for a in assign(problem, best)}
    assert pairs == {("A", "Y"), ("B", "X")}


def test_eur_objective_uses_eur_values() -> None:
    cands = [
        cand("A", "X", t(10), t(10), co2e=10.0, eur=1.0),
        cand("A", "Y", t(10), t(10), co2e=1.0, eur=50.0),
    ]
    (only,) = allocate(cands, objective="eur")
    assert only.need_id == "Y" and only.eur == pytest.approx(500)


def test_quantities_in_different_units_are_compared_in_a_common_unit() -> None:
    cands = [cand("A", "N", t(5000, "kg/a"), t(2), co2e=0.001)]  # 0.001 t CO2e per kg
    (a,) = allocate(cands)
    assert a.unit == "kg/a"
    assert a.quantity == pytest.approx(2000)
    assert a.co2e_t == pytest.approx(2.0)


def test_energy_in_kwh_and_mwh() -> None:
    cands = [cand("H", "N", t(3000, "MWh/a"), t(1_000_000, "kWh/a"), co2e=0.2)]
    (a,) = allocate(cands)
    assert a.quantity == pytest.approx(1000)
    assert a.co2e_t == pytest.approx(200)


def test_unusable_candidates_are_excluded_with_a_reason() -> None:
    cands = [
        cand("A", "N1", None, None),
        cand("B", "N2", t(10), t(5, "m3/a")),
        cand("C", "N3", t(10, "t"), t(5)),
        cand("D", "N4", t(10), t(5), co2e=None),
        cand("E", "N5", t(10), t(5)),
    ]
    problem = build(cands)
    assert [c.offer_id for c in problem.candidates] == ["E"]
    reasons = {e.candidate.offer_id: str(e.reason) for e in problem.excluded}
    assert reasons["A"] == "neither offer nor need has a quantity"
    assert "cannot be compared" in reasons["B"]
    assert "one is per year" in reasons["C"]
    assert reasons["D"] == "no co2e value"


def test_one_missing_side_is_bounded_by_the_other() -> None:
    cands = [cand("A", "N", None, t(7)), cand("B", "M", t(3), None)]
    result = {a.offer_id: a for a in allocate(cands)}
    assert result["A"].quantity == pytest.approx(7) and result["A"].unit == "t/a"
    assert result["B"].quantity == pytest.approx(3)


def test_exchanges_that_lose_get_no_flow() -> None:
    cands = [cand("A", "N", t(10), t(10), co2e=-0.5), cand("B", "N", t(10), t(10), co2e=0.0)]
    assert allocate(cands) == []


def test_an_offer_with_two_quantities_is_an_error() -> None:
    with pytest.raises(InputError, match="different quantities"):
        build([cand("A", "N", t(10), t(5)), cand("A", "M", t(12), t(5))])


def test_unknown_objective_is_an_error() -> None:
    with pytest.raises(InputError, match="not an allocation objective"):
        build([], objective="joy")


def test_the_solver_is_pluggable() -> None:
    calls: list[int] = []

    def everything_to_nothing(problem: AllocationProblem) -> Solution:
        calls.append(problem.size)
        return Solution(np.zeros(problem.size), 0.0, "optimal", "nothing")

    problem = build([cand("A", "N", t(10), t(5))])
    solution = solve(problem, everything_to_nothing)
    assert calls == [1] and solution.solver == "nothing"
    assert assign(problem, solution) == []


def test_empty_input() -> None:
    problem = build([])
    assert assign(problem, solve(problem)) == []


def test_assign_refuses_a_solution_of_another_problem() -> None:
    problem = build([cand("A", "N", t(10), t(5))])
    with pytest.raises(InputError):
        assign(problem, Solution(np.zeros(3), 0.0, "optimal", "x"))


# -- properties --------------------------------------------------------------------------

UNITS = ["t/a", "kg/a"]


@st.composite
def instances(draw: st.DrawFn) -> list[Candidate]:
    n_offers = draw(st.integers(1, 6))
    n_needs = draw(st.integers(1, 6))
    offers = {
        f"o{i}": draw(
            st.one_of(st.none(), st.builds(t, st.floats(0, 1000), st.sampled_from(UNITS)))
        )
        for i in range(n_offers)
    }
    needs = {
        f"n{i}": draw(
            st.one_of(st.none(), st.builds(t, st.floats(0, 1000), st.sampled_from(UNITS)))
        )
        for i in range(n_needs)
    }
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(sorted(offers)), st.sampled_from(sorted(needs))),
            min_size=1,
            max_size=15,
        )
    )
    return [
        cand(o, n, offers[o], needs[n], co2e=draw(st.floats(-2, 10, allow_nan=False)))
        for o, n in pairs
    ]


def _used(allocations: list, side: str) -> dict[str, float]:  # type: ignore[type-arg]
    total: dict[str, float] = defaultdict(float)
    for a in allocations:
        total[getattr(a, f"{side}_id")] += Quantity.of(a.quantity, a.unit).to("t/a").value
    return total


@given(instances())
@settings(max_examples=80, deadline=None)
def test_allocation_never_exceeds_an_offer_or_a_need(cands: list[Candidate]) -> None:
    allocations = allocate(cands)
    limits = {"offer": {}, "need": {}}  # type: dict[str, dict[str, float]]
    for c in cands:
        if c.offer_quantity is not None:
            limits["offer"][c.offer_id] = c.offer_quantity.to("t/a").value
        if c.need_quantity is not None:
            limits["need"][c.need_id] = c.need_quantity.to("t/a").value
    for side in ("offer", "need"):
        for key, used in _used(allocations, side).items():
            if key in limits[side]:
                assert used <= limits[side][key] * (1 + 1e-9) + 1e-12
    assert all(a.quantity >= 0 for a in allocations)


@given(instances())
@settings(max_examples=80, deadline=None)
def test_optimum_is_at_least_greedy(cands: list[Candidate]) -> None:
    problem = build(cands)
    best = highs_solver(problem).objective
    greedy = greedy_solver(problem).objective
    assert best >= greedy - 1e-6 * max(1.0, abs(greedy))


@given(instances(), st.randoms(use_true_random=False))
@settings(max_examples=60, deadline=None)
def test_the_optimum_does_not_depend_on_candidate_order(cands: list[Candidate], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    a = solve(build(cands)).objective
    b = solve(build(shuffled)).objective
    assert a == pytest.approx(b, rel=1e-7, abs=1e-7)


def test_candidates_take_their_values_from_impact_estimates() -> None:
    from kreislauf.core.allocation import per_unit
    from kreislauf.core.impact import FactorTable, estimate_impact

    rows = [
        {
            "id": "p",
            "kind": "primary",
            "key": "heat",
            "route": "",
            "kg_co2e": "200",
            "per": "MWh",
            "source": "s",
        },
    ]
    table = FactorTable.from_rows(rows, version="v")
    offered = Quantity.of(5000, "MWh/a")
    impact = estimate_impact(
        table,
        material_key="heat",
        avoided_route="none",
        substitutes="heat",
        ratio=1.0,
        quantity=offered,
        distance_km=1.0,
    )
    value = per_unit(impact.co2e_t_per_year, offered)
    assert value == pytest.approx(0.2)
    assert per_unit(None, offered) is None and per_unit(1.0, Quantity.of(0, "t/a")) is None
    (a,) = allocate([cand("H", "N", offered, Quantity.of(3000, "MWh/a"), co2e=value)])
    assert a.co2e_t == pytest.approx(600)
