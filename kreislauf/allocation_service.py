"""Allocation for the shells: from a region's matches to a consistent set of exchanges.

The stages of :mod:`kreislauf.core.allocation` (build -> solve -> assign) stay callable one
by one; this module only turns matches into candidates (:func:`candidates_from_matches`) and
results into the ``kreislauf-allocation/1`` JSON document.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from kreislauf.core.allocation import (
    Allocation,
    AllocationProblem,
    Candidate,
    Solution,
    assign,
    build,
    per_unit,
    solve,
)
from kreislauf.core.matching import Match
from kreislauf.core.region import Region
from kreislauf.core.units import Quantity
from kreislauf.errors import KreislaufError

Translate = Callable[[str], str]


def exchanged_amount(offer: Quantity | None, need: Quantity | None) -> Quantity | None:
    """The amount a match's impact figure was estimated for: the offer's, or the need's
    (in the offer's unit) where the need is smaller."""
    if offer is None:
        return None
    if need is not None:
        with contextlib.suppress(KreislaufError):
            converted = need.to(offer.unit)
            if converted.value < offer.value:
                return converted
    return offer


def candidates_from_matches(region: Region, matches: Sequence[Match]) -> list[Candidate]:
    """One allocation candidate per match, with its value per unit of the offer's unit."""
    streams = region.streams_by_id
    out: list[Candidate] = []
    for m in matches:
        offer, need = streams[m.offer], streams[m.need]
        offer_q, need_q = offer.amount, need.amount
        basis = exchanged_amount(offer_q, need_q)
        out.append(
            Candidate(
                offer_id=m.offer,
                need_id=m.need,
                offer_actor=offer.actor,
                need_actor=need.actor,
                offer_quantity=offer_q,
                need_quantity=need_q,
                value_per_unit_co2e=per_unit(m.co2e_t_per_year, basis),
                value_per_unit_eur=per_unit(m.eur_per_year, basis),
                score=m.score,
            )
        )
    return out


def allocation_to_json(
    problem: AllocationProblem,
    solution: Solution,
    allocations: Sequence[Allocation],
    translate: Translate | None = None,
) -> dict[str, Any]:
    """The ``kreislauf-allocation/1`` document."""

    def render(note: Any) -> str:
        return str(note.render(translate)) if translate is not None else str(note)

    co2 = [a.co2e_t for a in allocations if a.co2e_t is not None]
    eur = [a.eur for a in allocations if a.eur is not None]
    return {
        "format": "kreislauf-allocation/1",
        "objective": problem.objective,
        "status": solution.status,
        "solver": solution.solver,
        "candidates": problem.size,
        "totals": {
            "exchanges": len(allocations),
            "co2e_t_per_year": round(sum(co2), 2) if co2 else None,
            "eur_per_year": round(sum(eur), 0) if eur else None,
        },
        "allocations": [
            {
                "offer": a.offer_id,
                "need": a.need_id,
                "quantity": round(a.quantity, 6),
                "unit": a.unit,
                "co2e_t_per_year": None if a.co2e_t is None else round(a.co2e_t, 2),
                "eur_per_year": None if a.eur is None else round(a.eur, 0),
                "score": round(a.score, 4),
            }
            for a in allocations
        ],
        "excluded": [
            {"offer": e.candidate.offer_id, "need": e.candidate.need_id, "reason": render(e.reason)}
            for e in problem.excluded
        ],
    }


#: Matches below this score are too uncertain to commit quantities to by default.
DEFAULT_MIN_SCORE = 0.5


def allocate_matches(
    region: Region,
    matches: Sequence[Match],
    objective: str = "co2e",
    *,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[AllocationProblem, Solution, list[Allocation]]:
    """build -> solve -> assign on a region's matches scoring at least ``min_score``;
    each stage's result is returned."""
    plausible = [m for m in matches if m.score >= min_score]
    problem = build(candidates_from_matches(region, plausible), objective)
    solution = solve(problem)
    return problem, solution, assign(problem, solution)


__all__ = [
    "DEFAULT_MIN_SCORE",
    "allocate_matches",
    "allocation_to_json",
    "candidates_from_matches",
    "exchanged_amount",
]
