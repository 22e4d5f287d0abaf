"""Invariants of matching, checked on random regions (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kreislauf.core.actors import Actor
from kreislauf.core.matching import match_region
from kreislauf.core.region import Region
from kreislauf.core.scoring import TYPE_RULES
from kreislauf.core.streams import Availability, Direction, Stream, StreamType
from tests.core.matching_kb import small_kb

KB = small_kb()

WORDS = [
    "Treber",
    "Biertreber",
    "Futter",
    "Sägespäne",
    "Holzpellets",
    "Abwärme",
    "Wärme",
    "Prozesswärme",
    "Altlacke",
    "Farbreste",
    "thermische Behandlung",
    "Flugasche",
    "Rohstoff",
    "Zementwerk",
    "Gabelstapler",
    "Brennstoff",
    "Milchviehbetrieb",
    "Pelletwerk",
    "Papier",
    "gesucht",
    "für",
    "aus der",
    "Produktion",
    "fly ash",
    "spent grain",
    "heat",
]
CODES = [None, None, "02 07 02", "03 01 05", "08 01 11*", "10 01 02"]
NACES = [None, "01.41", "16.29", "23.51", "38.22", "01.13", "20.30"]

titles = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def regions(draw: st.DrawFn) -> Region:
    n_actors = draw(st.integers(2, 5))
    actors = []
    for i in range(n_actors):
        located = draw(st.booleans())
        actors.append(
            Actor(
                id=f"a{i}",
                name=f"A{i}",
                nace=draw(st.sampled_from(NACES)),
                lat=draw(st.floats(50, 53)) if located else None,
                lon=draw(st.floats(6, 10)) if located else None,
                licences=tuple(
                    draw(
                        st.lists(st.sampled_from([c for c in CODES if c]), max_size=2, unique=True)
                    )
                ),
            )
        )
    streams = []
    for i in range(draw(st.integers(1, 10))):
        code = draw(st.sampled_from(CODES))
        kind = draw(
            st.sampled_from(
                [StreamType.MATERIAL] * 3
                + [StreamType.ENERGY, StreamType.EQUIPMENT, StreamType.WATER]
            )
        )
        with_qty = draw(st.booleans())
        streams.append(
            Stream(
                id=f"s{i}",
                actor=f"a{draw(st.integers(0, n_actors - 1))}",
                direction=draw(st.sampled_from(list(Direction))),
                title=draw(titles),
                type=kind,
                ewc=code,
                hazardous=bool(code and code.endswith("*"))
                or (draw(st.booleans()) and draw(st.booleans())),
                quantity=draw(st.floats(1, 1000)) if with_qty else None,
                unit=draw(st.sampled_from(["t/a", "MWh/a", "t", "pieces"])) if with_qty else None,
                temperature_c=draw(st.one_of(st.none(), st.floats(10, 150)))
                if kind is StreamType.ENERGY
                else None,
                availability=draw(st.one_of(st.none(), st.sampled_from(list(Availability)))),
            )
        )
    return Region("r", "R", actors=tuple(actors), streams=tuple(streams))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(regions(), st.integers(1, 4))
def test_hard_rules_always_hold(region: Region, top_k: int) -> None:
    matches = match_region(region, KB, top_k=top_k)
    streams = region.streams_by_id
    actors = region.actors_by_id
    per_offer: dict[str, list[int]] = {}
    for m in matches:
        o, n = streams[m.offer], streams[m.need]
        assert o.is_offer and not n.is_offer
        assert o.actor != n.actor
        if o.hazardous or (o.ewc and o.ewc.endswith("*")):
            assert o.ewc is not None and actors[n.actor].holds_licence(o.ewc)
        assert 0.0 <= m.score <= 1.0
        if o.type is not n.type:
            assert (
                (o.type.value, n.type.value) in TYPE_RULES
                or o.type is StreamType.MATERIAL
                or n.type is StreamType.MATERIAL
            )
        if (
            o.temperature_c is not None
            and n.temperature_c is not None
            and o.type is StreamType.ENERGY
        ):
            assert o.temperature_c >= n.temperature_c or "cool" in n.title.lower()
        assert m.via == () or all(v not in (o.actor, n.actor) for v in m.via)
        per_offer.setdefault(m.offer, []).append(m.rank)
    for ranks in per_offer.values():
        assert ranks == list(range(1, len(ranks) + 1))
        assert len(ranks) <= top_k
    for offer_id, ranks in per_offer.items():
        scores = [m.score for m in matches if m.offer == offer_id]
        assert scores == sorted(scores, reverse=True)
        assert len(ranks) == len(scores)


@SETTINGS
@given(regions(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_input_order(region: Region, rnd: random.Random) -> None:
    actors = list(region.actors)
    streams = list(region.streams)
    rnd.shuffle(actors)
    rnd.shuffle(streams)
    shuffled = Region(region.id, region.name, actors=tuple(actors), streams=tuple(streams))
    assert match_region(shuffled, KB, top_k=3) == match_region(region, KB, top_k=3)


@SETTINGS
@given(regions(), st.integers(1, 3))
def test_pruning_hopeless_pairs_changes_no_result(region: Region, top_k: int) -> None:
    import numpy as np

    from kreislauf.core.matching import Matcher, select

    matcher = Matcher(region, KB)
    rows = np.arange(len(matcher.offers.ids), dtype=np.int64)
    if len(rows) == 0:
        return
    full = select(matcher, matcher.score_rows(rows, keep=None), top_k)
    pruned = select(matcher, matcher.score_rows(rows, keep=top_k), top_k)
    assert pruned == full


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.integers(0, 5),  # row
            st.sampled_from([0.0, 0.03, 0.1, 0.25, 0.5, 0.5, 0.51, 0.6, 0.65, 0.7, 0.8, 1.0]),
            st.one_of(st.sampled_from([0.8, 1.0]), st.floats(0.8, 1.0)),  # distance
            st.one_of(st.sampled_from([0.88, 0.94, 1.0]), st.floats(0.88, 1.0)),  # quantity
            st.sampled_from([0.92, 0.95, 0.97, 1.0]),  # availability factor
        ),
        max_size=60,
    ),
    keep=st.integers(1, 8),
)
# worst factors on the first pair still lose to the best factors on a weaker second one
@example(pairs=[(0, 1.0, 0.8, 0.88, 0.92), (0, 0.66, 1.0, 1.0, 1.0)], keep=1)
def test_pairs_out_of_reach_never_rank(
    pairs: list[tuple[int, float, float, float, float]], keep: int
) -> None:
    """Leaving out the pairs ``within_reach`` rejects never changes any row's best
    ``keep`` (score rounded to 6 places, ties by column), and rows keep at least
    ``keep`` pairs where they had them."""
    import numpy as np

    from kreislauf.core.scoring import within_reach

    local = np.asarray([p[0] for p in pairs], dtype=np.int64)
    base = np.asarray([p[1] for p in pairs], dtype=np.float64)
    factors = np.asarray([p[2] * p[3] * p[4] for p in pairs], dtype=np.float64)
    score = np.clip(np.round(base * factors, 6), 0.0, 1.0)

    def best(mask: np.ndarray) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in sorted(np.flatnonzero(mask).tolist(), key=lambda i: (-score[i], i)):
            out.setdefault(int(local[i]), []).append(i)
        return {row: found[:keep] for row, found in out.items()}

    reach = within_reach(local, base, keep)
    assert best(reach) == best(np.ones(len(pairs), dtype=bool))
    counts_all = np.bincount(local, minlength=6)
    counts_kept = np.bincount(local[reach], minlength=6)
    assert np.all(counts_kept >= np.minimum(counts_all, keep))
