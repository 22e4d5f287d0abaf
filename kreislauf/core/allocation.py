"""Optimal allocation: a consistent set of exchanges under quantity limits.

Matching proposes many candidate exchanges; an offer of 100 t/a may appear in five of
them and a need of 40 t/a in three. Allocation chooses how much flows along each
candidate so that no offer gives more than it has, no need takes more than it wants, and
the total CO2e (or EUR) saved is largest. It is a linear programme (a transportation
problem) solved in three stages you can call one by one:

``build(candidates, objective)``
    -> :class:`AllocationProblem`: one variable per usable candidate (the flow, in the
    standard unit of its dimension: t, MWh, m3, ...), one row per offer and per need
    with its capacity. Candidates that cannot take part are listed in
    ``problem.excluded`` with the reason (no quantity on either side, units of different
    dimensions, a rate per year against a one-off amount, no value for the objective).
``solve(problem, solver=None)``
    -> :class:`Solution`. The default solver is HiGHS through
    :func:`scipy.optimize.linprog`; any callable ``(problem) -> Solution`` can be passed
    instead (OR-Tools, a greedy heuristic: :func:`greedy_solver`).
``assign(problem, solution)``
    -> a list of :class:`Allocation` (offer, need, quantity in the offer's unit, CO2e, EUR).

Values are per unit of the offer's unit (``t/a`` offer: t CO2e per t); only candidates
with a positive value receive flow. Where only one side has a quantity, that side bounds
the flow; where neither has one, the candidate is excluded (an unbounded flow would be
invented).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from scipy.optimize import linprog

from kreislauf.core.impact import STANDARD_UNIT, Note
from kreislauf.core.units import Quantity, Unit
from kreislauf.errors import InputError

Objective = Literal["co2e", "eur"]
OBJECTIVES: tuple[str, ...] = ("co2e", "eur")

#: Flows below this (in standard units) are treated as zero.
TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible exchange, as the matching stage proposes it.

    ``value_per_unit_co2e`` (t CO2e) and ``value_per_unit_eur`` (EUR) are per unit of
    ``offer_quantity.unit`` (per unit of ``need_quantity.unit`` where the offer has no
    quantity); ``None`` where not estimated.
    """

    offer_id: str
    need_id: str
    offer_actor: str
    need_actor: str
    offer_quantity: Quantity | None
    need_quantity: Quantity | None
    value_per_unit_co2e: float | None
    value_per_unit_eur: float | None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Excluded:
    """A candidate left out of the problem; ``str(reason)`` says why in English."""

    candidate: Candidate
    reason: Note


@dataclass(frozen=True)
class AllocationProblem:
    """The linear programme: maximise ``values @ x`` subject to ``matrix @ x <= capacity``,
    ``0 <= x <= upper``. Row ``i < len(offer_ids)`` is an offer, the rest are needs."""

    objective: str
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    values: NDArray[np.float64]
    upper: NDArray[np.float64]
    matrix: sparse.csr_matrix
    capacity: NDArray[np.float64]
    offer_ids: tuple[str, ...]
    need_ids: tuple[str, ...]
    units: tuple[str, ...]
    to_offer_unit: NDArray[np.float64]

    @property
    def size(self) -> int:
        return len(self.candidates)


@dataclass(frozen=True)
class Solution:
    """Flows per candidate of a problem (standard units), the objective and status."""

    flows: NDArray[np.float64]
    objective: float
    status: str
    solver: str


Solver = Callable[[AllocationProblem], Solution]


@dataclass(frozen=True, slots=True)
class Allocation:
    """One chosen exchange: ``quantity`` in ``unit`` (the offer's unit) flows from offer
    to need, saving ``co2e_t`` and ``eur`` (None where not estimated)."""

    offer_id: str
    need_id: str
    offer_actor: str
    need_actor: str
    quantity: float
    unit: str
    co2e_t: float | None
    eur: float | None
    score: float = 0.0


def _standard(unit: Unit) -> Unit:
    symbol = STANDARD_UNIT[unit.dimension]
    factor = {"t": 1000.0, "MWh": 1000.0}.get(symbol, 1.0)
    return Unit(f"{symbol}/a" if unit.per_year else symbol, unit.dimension, factor, unit.per_year)


def _in_standard(q: Quantity) -> float:
    return q.value * q.unit.factor / _standard(q.unit).factor


def build(
    candidates: Iterable[Candidate], objective: Objective | str = "co2e"
) -> AllocationProblem:
    """Stage 1: the linear programme of ``candidates`` for ``objective`` (co2e or eur)."""
    if objective not in OBJECTIVES:
        raise InputError(
            '"{objective}" is not an allocation objective; use one of {choices}',
            objective=objective,
            choices=", ".join(OBJECTIVES),
        )
    offer_cap: dict[str, float] = {}
    offer_q: dict[str, Quantity | None] = {}
    need_cap: dict[str, float] = {}
    need_q: dict[str, Quantity | None] = {}
    kept: list[Candidate] = []
    excluded: list[Excluded] = []
    values: list[float] = []
    units: list[str] = []
    to_offer: list[float] = []
    for c in candidates:
        _remember(offer_q, c.offer_id, c.offer_quantity, OFFER_TWICE)
        _remember(need_q, c.need_id, c.need_quantity, NEED_TWICE)
        reason = _unusable(c, objective)
        if reason is not None:
            excluded.append(Excluded(c, reason))
            continue
        ref = c.offer_quantity if c.offer_quantity is not None else c.need_quantity
        assert ref is not None
        std = _standard(ref.unit)
        # flow x is in standard units; the value is given per unit of ref.unit
        per_ref = c.value_per_unit_co2e if objective == "co2e" else c.value_per_unit_eur
        assert per_ref is not None
        scale = std.factor / ref.unit.factor  # ref units per standard unit
        values.append(per_ref * scale)
        units.append(std.symbol)
        to_offer.append(scale)
        if c.offer_quantity is not None:
            offer_cap[c.offer_id] = max(_in_standard(c.offer_quantity), 0.0)
        if c.need_quantity is not None:
            need_cap[c.need_id] = max(_in_standard(c.need_quantity), 0.0)
        kept.append(c)

    offer_ids = tuple(sorted(offer_cap))
    need_ids = tuple(sorted(need_cap))
    offer_row = {o: i for i, o in enumerate(offer_ids)}
    need_row = {n: len(offer_ids) + i for i, n in enumerate(need_ids)}
    rows: list[int] = []
    cols: list[int] = []
    upper = np.empty(len(kept))
    for j, c in enumerate(kept):
        bound = np.inf
        if c.offer_id in offer_row:
            rows.append(offer_row[c.offer_id])
            cols.append(j)
            bound = min(bound, offer_cap[c.offer_id])
        if c.need_id in need_row:
            rows.append(need_row[c.need_id])
            cols.append(j)
            bound = min(bound, need_cap[c.need_id])
        upper[j] = bound
    n_rows = len(offer_ids) + len(need_ids)
    matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=(n_rows, len(kept)),
    )
    capacity = np.array(
        [offer_cap[o] for o in offer_ids] + [need_cap[n] for n in need_ids], dtype=np.float64
    )
    return AllocationProblem(
        objective=objective,
        candidates=tuple(kept),
        excluded=tuple(excluded),
        values=np.asarray(values, dtype=np.float64),
        upper=upper,
        matrix=matrix,
        capacity=capacity,
        offer_ids=offer_ids,
        need_ids=need_ids,
        units=tuple(units),
        to_offer_unit=np.asarray(to_offer, dtype=np.float64),
    )


OFFER_TWICE = 'offer "{id}" appears with different quantities ({first}, {second})'
NEED_TWICE = 'need "{id}" appears with different quantities ({first}, {second})'


def _remember(
    seen: dict[str, Quantity | None], key: str, q: Quantity | None, template: str
) -> None:
    if key not in seen:
        seen[key] = q
        return
    before = seen[key]
    same = (before is None and q is None) or (
        before is not None
        and q is not None
        and before.unit == q.unit
        and abs(before.value - q.value) <= 1e-9 * max(1.0, abs(q.value))
    )
    if not same:
        raise InputError(
            template,
            id=key,
            first=str(before),
            second=str(q),
        )


def _unusable(c: Candidate, objective: str) -> Note | None:
    value = c.value_per_unit_co2e if objective == "co2e" else c.value_per_unit_eur
    if value is None:
        return Note("no {objective} value", objective=objective)
    if not np.isfinite(value):
        return Note("{objective} value is not finite", objective=objective)
    o, n = c.offer_quantity, c.need_quantity
    if o is None and n is None:
        return Note("neither offer nor need has a quantity")
    for q in (o, n):
        if q is not None and (not np.isfinite(q.value) or q.value < 0):
            return Note("quantity {quantity} is not a non-negative number", quantity=str(q))
    if o is not None and n is not None:
        if o.unit.dimension is not n.unit.dimension:
            return Note(
                "offer in {offer_unit} and need in {need_unit} cannot be compared",
                offer_unit=o.unit.symbol,
                need_unit=n.unit.symbol,
            )
        if o.unit.per_year != n.unit.per_year:
            return Note(
                "offer in {offer_unit} and need in {need_unit}: one is per year, the other one-off",
                offer_unit=o.unit.symbol,
                need_unit=n.unit.symbol,
            )
    return None


# -- stage 2: solvers ------------------------------------------------------------------


def highs_solver(problem: AllocationProblem) -> Solution:
    """The default solver: HiGHS (dual simplex) through :func:`scipy.optimize.linprog`."""
    if problem.size == 0:
        return Solution(np.zeros(0), 0.0, "optimal", "highs")
    # Candidates with no positive value never carry flow in an optimum: fix them at 0.
    upper = np.where(problem.values > 0, problem.upper, 0.0)
    result = linprog(
        c=-problem.values,
        A_ub=problem.matrix if problem.matrix.shape[0] else None,
        b_ub=problem.capacity if problem.matrix.shape[0] else None,
        bounds=np.column_stack([np.zeros(problem.size), upper]),
        method="highs",
    )
    if result.status != 0:
        raise InputError("the allocation could not be solved: {reason}", reason=str(result.message))
    flows = _feasible(problem, np.asarray(result.x, dtype=np.float64))
    return Solution(flows, float(problem.values @ flows), "optimal", "highs")


def greedy_solver(problem: AllocationProblem) -> Solution:
    """A heuristic: fill candidates in order of value per unit, best first."""
    remaining = problem.capacity.copy()
    flows = np.zeros(problem.size)
    rows_of = problem.matrix.tocsc()
    order = sorted(
        range(problem.size),
        key=lambda j: (
            -problem.values[j],
            problem.candidates[j].offer_id,
            problem.candidates[j].need_id,
        ),
    )
    for j in order:
        if problem.values[j] <= 0:
            break
        rows = rows_of.indices[rows_of.indptr[j] : rows_of.indptr[j + 1]]
        room = min([problem.upper[j], *(remaining[r] for r in rows)])
        if room <= TOLERANCE:
            continue
        flows[j] = room
        remaining[rows] -= room
    flows = _feasible(problem, flows)
    return Solution(flows, float(problem.values @ flows), "heuristic", "greedy")


def _feasible(problem: AllocationProblem, flows: NDArray[np.float64]) -> NDArray[np.float64]:
    """Clip solver round-off so that no bound and no capacity is exceeded."""
    flows = np.clip(flows, 0.0, problem.upper)
    flows[flows <= TOLERANCE] = 0.0
    if problem.matrix.shape[0] and flows.size:
        used = problem.matrix @ flows
        over = used > problem.capacity
        if over.any():
            # shrink the flows of every over-full row (by a hair more than needed,
            # so that the float sum cannot land above the capacity)
            ratio = np.ones_like(used)
            ratio[over] = problem.capacity[over] / used[over] * (1.0 - 1e-12)
            coo = problem.matrix.tocoo()
            scale = np.ones_like(flows)
            np.minimum.at(scale, coo.col, ratio[coo.row])
            flows = flows * scale
    return flows


def solve(problem: AllocationProblem, solver: Solver | None = None) -> Solution:
    """Stage 2: solve ``problem`` with ``solver`` (default :func:`highs_solver`)."""
    return (solver or highs_solver)(problem)


# -- stage 3 -----------------------------------------------------------------------------


def assign(problem: AllocationProblem, solution: Solution) -> list[Allocation]:
    """Stage 3: the exchanges that carry flow, in the offer's unit, best value first."""
    if len(solution.flows) != problem.size:
        raise InputError(
            "the solution has {got} flows for a problem of {expected} candidates",
            got=len(solution.flows),
            expected=problem.size,
        )
    out: list[Allocation] = []
    for j in np.flatnonzero(solution.flows > TOLERANCE):
        c = problem.candidates[j]
        ref = c.offer_quantity if c.offer_quantity is not None else c.need_quantity
        assert ref is not None
        qty = float(solution.flows[j] * problem.to_offer_unit[j])
        out.append(
            Allocation(
                offer_id=c.offer_id,
                need_id=c.need_id,
                offer_actor=c.offer_actor,
                need_actor=c.need_actor,
                quantity=qty,
                unit=ref.unit.symbol,
                co2e_t=None if c.value_per_unit_co2e is None else qty * c.value_per_unit_co2e,
                eur=None if c.value_per_unit_eur is None else qty * c.value_per_unit_eur,
                score=c.score,
            )
        )
    key = "co2e_t" if problem.objective == "co2e" else "eur"
    out.sort(key=lambda a: (-(getattr(a, key) or 0.0), a.offer_id, a.need_id))
    return out


def per_unit(total: float | None, quantity: Quantity | None) -> float | None:
    """A total (an :class:`~kreislauf.core.impact.Impact` figure for ``quantity``) per
    unit of ``quantity.unit``: the value a :class:`Candidate` carries. None where either
    is missing or the quantity is zero."""
    if total is None or quantity is None or quantity.value == 0:
        return None
    return total / quantity.value


def allocate(
    candidates: Sequence[Candidate],
    objective: Objective | str = "co2e",
    solver: Solver | None = None,
) -> list[Allocation]:
    """All three stages in one call."""
    problem = build(candidates, objective)
    return assign(problem, solve(problem, solver))


__all__ = [
    "OBJECTIVES",
    "Allocation",
    "AllocationProblem",
    "Candidate",
    "Excluded",
    "Solution",
    "Solver",
    "allocate",
    "assign",
    "build",
    "greedy_solver",
    "highs_solver",
    "per_unit",
    "solve",
]
