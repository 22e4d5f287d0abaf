"""Evaluation of matching against expected partners (the spec's "Expected-partners file").

An offer hits when at least one of its expected partners is among its top K; the hit rate
is the share of listed offers that hit; the mean reciprocal rank averages 1/rank of the
first partner found (0 where none is in the top K). Forbidden pairs proposed at any rank
count as violations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kreislauf.errors import Problem, ValidationError


class RankedPair(Protocol):
    @property
    def offer(self) -> str: ...
    @property
    def need(self) -> str: ...
    @property
    def rank(self) -> int: ...


@dataclass(frozen=True)
class Expected:
    """Expected partners per offer and forbidden pairs."""

    expected: Mapping[str, tuple[str, ...]]
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _id_lists(value: Any, path: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        problems.append(Problem(path, "must map offer ids to lists of need ids"))
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for key, ids in value.items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append(
                Problem(f"{path}.{key}" if path else str(key), "must be a list of need ids")
            )
            continue
        out[str(key)] = tuple(ids)
    return out


def parse_expected(document: Any) -> Expected:
    """An :class:`Expected` from the parsed JSON of an expected-partners file, either
    ``{"o1": ["n7"]}`` or ``{"expected": {...}, "forbidden": {...}}``."""
    problems: list[Problem] = []
    if not isinstance(document, Mapping):
        raise ValidationError([Problem("", "an expected-partners file must be a JSON object")])
    if "expected" in document and isinstance(document.get("expected"), Mapping):
        unknown = sorted(set(document) - {"expected", "forbidden"})
        for key in unknown:
            problems.append(Problem(key, "unknown key; use expected and forbidden"))
        expected = _id_lists(document["expected"], "expected", problems)
        forbidden = _id_lists(document.get("forbidden", {}), "forbidden", problems)
    else:
        expected = _id_lists(document, "", problems)
        forbidden = {}
    if problems:
        raise ValidationError(problems)
    return Expected(expected, forbidden)


@dataclass(frozen=True)
class OfferResult:
    offer: str
    expected: tuple[str, ...]
    proposed: tuple[str, ...]
    first_rank: int | None

    @property
    def hit(self) -> bool:
        return self.first_rank is not None


@dataclass(frozen=True)
class Evaluation:
    top_k: int
    hit_rate: float
    mrr: float
    offers: int
    hits: int
    violations: int
    violating_pairs: tuple[tuple[str, str], ...]
    per_offer: tuple[OfferResult, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "top_k": self.top_k,
            "hit_rate": round(self.hit_rate, 4),
            "mrr": round(self.mrr, 4),
            "offers": self.offers,
            "hits": self.hits,
            "violations": self.violations,
            "violating_pairs": [list(p) for p in self.violating_pairs],
            "per_offer": [
                {
                    "offer": r.offer,
                    "expected": list(r.expected),
                    "proposed": list(r.proposed),
                    "first_rank": r.first_rank,
                }
                for r in self.per_offer
            ],
        }


def evaluate(matches: Iterable[RankedPair], expected: Expected, top_k: int) -> Evaluation:
    """Hit rate at ``top_k``, MRR, violations and a per-offer breakdown."""
    ranked: dict[str, list[tuple[int, str]]] = {}
    proposed_pairs: set[tuple[str, str]] = set()
    for m in matches:
        ranked.setdefault(m.offer, []).append((m.rank, m.need))
        proposed_pairs.add((m.offer, m.need))
    per_offer: list[OfferResult] = []
    hits = 0
    rr = 0.0
    for offer in sorted(expected.expected):
        partners = set(expected.expected[offer])
        proposed = [n for r, n in sorted(ranked.get(offer, [])) if r <= top_k]
        first: int | None = None
        for position, need in enumerate(proposed, start=1):
            if need in partners:
                first = position
                break
        if first is not None:
            hits += 1
            rr += 1.0 / first
        per_offer.append(
            OfferResult(offer, tuple(expected.expected[offer]), tuple(proposed), first)
        )
    violating = tuple(
        sorted(
            (o, n)
            for o, needs in expected.forbidden.items()
            for n in needs
            if (o, n) in proposed_pairs
        )
    )
    count = len(expected.expected)
    return Evaluation(
        top_k=top_k,
        hit_rate=hits / count if count else 0.0,
        mrr=rr / count if count else 0.0,
        offers=count,
        hits=hits,
        violations=len(violating),
        violating_pairs=violating,
        per_offer=tuple(per_offer),
    )


def misses(evaluation: Evaluation) -> Sequence[OfferResult]:
    """The offers whose partners were not in the top K (for debugging)."""
    return [r for r in evaluation.per_offer if not r.hit]


__all__ = ["Evaluation", "Expected", "OfferResult", "evaluate", "misses", "parse_expected"]
