"""Scoring offers against needs in blocks of sparse matrices.

The evidence that an offer O can serve a need N, each a number in 0..1:

- **pathway**: O names a concept that a knowledge-base pathway P takes (``Of[O, P]``:
  concept weight x pathway strength) and N names what P delivers: one of its concepts
  (1.0), receivers (0.85) or uses (0.7, less for broad uses such as "raw material"), or
  N's actor works in a sector under P's receivers (0.45; less where N names a specific
  thing). A concept named on both sides is an implicit pathway (strength 0.85).
  ``path = 1 - exp(-1.6 * sum_P Of[O,P] * Nf[N,P])``.
- **code**: N gives O's waste code (or its group), or N's actor holds a licence for it.
- **text**: cosine of character 3..5-gram TF-IDF vectors of the two texts.

``raw = 1 - (1 - path)(1 - 0.95 code)(1 - 0.6 text)``; the score multiplies ``raw`` with
factors for distance, quantity coverage and availability (each 0.8..1) and moves it up or
down with the facilitators' feedback. Hard rules remove pairs outright: same actor,
hazardous offer to an actor without a licence for the code, incompatible types (see
:data:`TYPE_RULES`), heat colder than needed.

Every product runs on a block of offers against all needs (scipy sparse), never a Python
loop over pairs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kreislauf.core.actors import Actor
from kreislauf.core.knowledge import KnowledgeBase, nace_under
from kreislauf.core.represent import StreamFeatures
from kreislauf.core.streams import Availability, Stream
from kreislauf.core.text import N_FEATURES, document_frequency, tfidf
from kreislauf.core.units import UNITS, Dimension

IMPLICIT_STRENGTH = 0.85
USE_STRENGTH = 0.6
MIN_OFFER_USE = 0.6
CROSS_TYPE_FACTOR = 0.85
MIN_TEXT = 0.12
MIN_LINK = 0.2
VAGUE_BELOW = 0.6
BROAD_USE_SHARE = 0.2
VIA_PENALTY = 0.8
PATH_GAIN = 1.6
W_CODE = 0.95
W_TEXT = 0.6
MIN_RAW = 0.03
LINK_CONCEPT = 1.0
LINK_RECEIVER = 0.85
LINK_USE = 0.7
LINK_NACE = 0.45
CODE_WIDTH = 1 << 16
ROUTE_POWER = 8.0

TYPES: tuple[str, ...] = (
    "material",
    "energy",
    "water",
    "equipment",
    "service",
    "knowledge",
    "capacity",
    "data",
)
_T = {name: i for i, name in enumerate(TYPES)}

#: Type compatibility (offer type, need type) -> 1 always, 2 only where a knowledge-base
#: pathway links the two (a fuel for an energy need, say). Same type is always allowed;
#: pairs not listed are never matched.
TYPE_RULES: dict[tuple[str, str], int] = {
    ("material", "energy"): 2,  # fuels, biomass, waste heat carriers
    ("material", "water"): 2,  # liquid residues, condensate named as material
    ("water", "material"): 2,  # water named by a need that left its type at "material"
    ("water", "energy"): 2,  # warm water as a heat carrier
    ("energy", "water"): 2,
    ("capacity", "service"): 2,
    ("service", "capacity"): 2,
    ("equipment", "capacity"): 2,
    ("capacity", "equipment"): 2,
    ("service", "knowledge"): 2,
    ("knowledge", "service"): 2,
    ("data", "knowledge"): 2,
    ("knowledge", "data"): 2,
}


#: Evidence that two streams of the same type belong together before any word is read:
#: equipment, capacity, services, know-how and data are few and specific to their type.
TYPE_PRIOR: dict[str, float] = {
    "equipment": 0.3,
    "capacity": 0.3,
    "service": 0.3,
    "knowledge": 0.3,
    "data": 0.3,
    "energy": 0.12,
    "water": 0.12,
}


def type_table() -> np.ndarray:
    table = np.zeros((len(TYPES), len(TYPES)), dtype=np.int8)
    for i in range(len(TYPES)):
        table[i, i] = 1
    for (a, b), rule in TYPE_RULES.items():
        table[_T[a], _T[b]] = rule
    return table


@dataclass(frozen=True)
class Route:
    """A pathway as the scoring uses it (explicit from the KB, or implicit)."""

    id: str
    from_: frozenset[str]
    to: frozenset[str]
    uses: frozenset[str]
    receivers: frozenset[str]
    strength: float
    nace: tuple[str, ...]
    min_temperature_c: float | None
    via: tuple[str, ...] = ()
    via_nace: tuple[str, ...] = ()
    implicit: bool = False


@dataclass
class Context:
    """What the knowledge base contributes to scoring, built once per KB."""

    kb: KnowledgeBase
    routes: list[Route]
    route_index: dict[str, int]
    by_from: dict[str, list[int]]
    by_to: dict[str, list[int]]
    by_use: dict[str, list[int]]
    by_receiver: dict[str, list[int]]
    use_weight: dict[str, float]
    receiver_weight: dict[str, float]
    broad_uses: frozenset[str]
    _nace_cache: dict[str, list[int]] = field(default_factory=dict)

    def routes_for_nace(self, code: str | None) -> list[int]:
        if not code:
            return []
        cached = self._nace_cache.get(code)
        if cached is None:
            cached = [i for i, r in enumerate(self.routes) if r.nace and nace_under(code, r.nace)]
            self._nace_cache[code] = cached
        return cached


def _specificity(counts: Mapping[str, int], total: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for key, n in counts.items():
        spec = 1.0 - math.log1p(n) / math.log1p(max(total, 2))
        out[key] = 0.55 + 0.45 * max(0.0, min(1.0, spec))
    return out


FUEL_USE = "fuel"
FUEL_STRENGTH = 0.45


def _fuel_route(kb: KnowledgeBase) -> Route | None:
    """Whatever the knowledge base burns as a fuel can also meet a need for heat or
    energy (through the receiver's own boiler): one implicit route from every material
    that a pathway uses as fuel to every energy concept and energy use that needs name."""
    fuels = sorted(
        {
            c
            for p in kb.pathways.values()
            if FUEL_USE in p.uses
            for c in p.from_
            if c in kb.concepts and kb.concepts[c].type == "material"
        }
    )
    if not fuels:
        return None
    energy_targets = sorted(
        {
            c
            for p in kb.pathways.values()
            for c in p.to
            if c in kb.concepts and kb.concepts[c].type == "energy"
        }
    )
    energy_uses = sorted(
        {
            u
            for p in kb.pathways.values()
            if any(kb.concepts[c].type == "energy" for c in p.from_ if c in kb.concepts)
            for u in p.uses
        }
    )
    return Route(
        id="fuel:energy",
        from_=frozenset(fuels),
        to=frozenset(energy_targets),
        uses=frozenset(energy_uses),
        receivers=frozenset(),
        strength=FUEL_STRENGTH,
        nace=(),
        min_temperature_c=None,
        implicit=True,
    )


def build_context(kb: KnowledgeBase) -> Context:
    routes: list[Route] = []
    for pid in sorted(kb.pathways):
        p = kb.pathways[pid]
        nace = tuple(sorted({c for rid in p.receivers for c in kb.receivers[rid].nace}))
        via_nace = tuple(sorted({c for rid in p.via for c in kb.receivers[rid].nace}))
        to = set(p.to)
        if p.via:
            to |= set(p.produces)
        routes.append(
            Route(
                id=pid,
                from_=frozenset(p.from_),
                to=frozenset(to),
                uses=frozenset(p.uses),
                receivers=frozenset(p.receivers),
                strength=p.strength,
                nace=nace,
                min_temperature_c=p.min_temperature_c,
                via=p.via,
                via_nace=via_nace,
            )
        )
    for cid in sorted(kb.concepts):
        routes.append(
            Route(
                id=f"same:{cid}",
                from_=frozenset({cid}),
                to=frozenset({cid}),
                uses=frozenset(),
                receivers=frozenset(),
                strength=IMPLICIT_STRENGTH,
                nace=(),
                min_temperature_c=None,
                implicit=True,
            )
        )
    fuel_route = _fuel_route(kb)
    if fuel_route is not None:
        routes.append(fuel_route)
    for uid in sorted(kb.uses):
        routes.append(
            Route(
                id=f"use:{uid}",
                from_=frozenset(),
                to=frozenset(),
                uses=frozenset({uid}),
                receivers=frozenset(),
                strength=USE_STRENGTH,
                nace=(),
                min_temperature_c=None,
                implicit=True,
            )
        )
    by_from: dict[str, list[int]] = {}
    by_to: dict[str, list[int]] = {}
    by_use: dict[str, list[int]] = {}
    by_receiver: dict[str, list[int]] = {}
    for i, r in enumerate(routes):
        for c in r.from_:
            by_from.setdefault(c, []).append(i)
        for c in r.to:
            by_to.setdefault(c, []).append(i)
        for u in r.uses:
            by_use.setdefault(u, []).append(i)
        for rc in r.receivers:
            by_receiver.setdefault(rc, []).append(i)
    explicit = len(kb.pathways)
    return Context(
        kb=kb,
        routes=routes,
        route_index={r.id: i for i, r in enumerate(routes)},
        by_from=by_from,
        by_to=by_to,
        by_use=by_use,
        by_receiver=by_receiver,
        use_weight=_specificity({u: len(v) for u, v in by_use.items()}, explicit),
        receiver_weight=_specificity({u: len(v) for u, v in by_receiver.items()}, explicit),
        broad_uses=frozenset(
            u for u, v in by_use.items() if len(v) > max(10, BROAD_USE_SHARE * explicit)
        ),
    )


_CONTEXTS: dict[str, Context] = {}


def context_for(kb: KnowledgeBase) -> Context:
    key = kb.fingerprint() + str(len(kb.pathways))
    ctx = _CONTEXTS.get(key)
    if ctx is None:
        ctx = build_context(kb)
        _CONTEXTS.clear()
        _CONTEXTS[key] = ctx
    return ctx


# ------------------------------------------------------------------------ sides

_AVAIL = {None: 0, Availability.CONTINUOUS: 1, Availability.SEASONAL: 2, Availability.ONE_OFF: 3}
_DIMS = {d: i for i, d in enumerate(Dimension)}


@dataclass
class Side:
    """The offers (or the needs) of a region as arrays and sparse matrices."""

    streams: list[Stream]
    ids: list[str]
    link: sp.csr_matrix  # rows x routes: Of (offers, direct routes) or Nf (needs)
    via_link: sp.csr_matrix | None  # offers only: Of for two-step routes
    codes: sp.csr_matrix  # rows x code keys
    licence: sp.csr_matrix  # offers: own full code (hazardous only); needs: actor licences
    ngram: sp.csr_matrix  # raw n-gram counts
    kind: sp.csr_matrix  # rows x types: the type prior (offers) or a one-hot type (needs)
    actor: np.ndarray
    type: np.ndarray
    temperature: np.ndarray
    cooling: np.ndarray
    hazardous: np.ndarray
    amount: np.ndarray
    dim: np.ndarray
    per_year: np.ndarray
    avail: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    main_concept: list[str | None]
    nace: list[str | None]


class CodeKeys:
    """Column numbers of waste codes ("02 07 02") and groups ("g:02 07")."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def col(self, key: str, grow: bool = True) -> int | None:
        found = self.index.get(key)
        if found is None and grow and len(self.index) < CODE_WIDTH:
            found = len(self.index)
            self.index[key] = found
        return found


def _bare(code: str) -> str:
    return code.rstrip("*").strip()


def _csr(
    rows: list[int], cols: list[int], vals: list[float], shape: tuple[int, int]
) -> sp.csr_matrix:
    m = sp.csr_matrix(
        (
            np.asarray(vals, dtype=np.float32),
            (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)),
        ),
        shape=shape,
        dtype=np.float32,
    )
    m.sum_duplicates()
    return m


def _max_into(table: dict[int, float], key: int, value: float) -> None:
    if value > table.get(key, 0.0):
        table[key] = value


def _quantity(stream: Stream) -> tuple[float, int, bool]:
    if stream.quantity is None or stream.unit is None:
        return (math.nan, -1, False)
    unit = UNITS.get(stream.unit)
    if unit is None:
        return (math.nan, -1, False)
    return (float(stream.quantity) * unit.factor, _DIMS[unit.dimension], unit.per_year)


def _cooling(feat: StreamFeatures) -> bool:
    return any(u == "cooling" or u.startswith("cooling") for u in feat.uses) or any(
        c.startswith(("cold", "cooling", "chilled")) for c in feat.concepts
    )


def build_side(
    streams: Sequence[Stream],
    features: Mapping[str, StreamFeatures],
    actors: Mapping[str, Actor],
    actor_ids: Mapping[str, int],
    ctx: Context,
    codes: CodeKeys,
    *,
    offers: bool,
) -> Side:
    n_routes = len(ctx.routes)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    vrows: list[int] = []
    vcols: list[int] = []
    vvals: list[float] = []
    crow: list[int] = []
    ccol: list[int] = []
    cval: list[float] = []
    lrow: list[int] = []
    lcol: list[int] = []
    n = len(streams)
    actor = np.zeros(n, dtype=np.int64)
    stype = np.zeros(n, dtype=np.int8)
    temperature = np.full(n, np.nan, dtype=np.float64)
    cooling = np.zeros(n, dtype=bool)
    hazardous = np.zeros(n, dtype=bool)
    amount = np.full(n, np.nan, dtype=np.float64)
    dim = np.full(n, -1, dtype=np.int8)
    per_year = np.zeros(n, dtype=bool)
    avail = np.zeros(n, dtype=np.int8)
    lat = np.full(n, np.nan, dtype=np.float64)
    lon = np.full(n, np.nan, dtype=np.float64)
    main_concept: list[str | None] = []
    naces: list[str | None] = []
    ng_indptr = [0]
    ng_indices: list[np.ndarray] = []
    ng_data: list[np.ndarray] = []
    grow = True
    for i, s in enumerate(streams):
        feat = features[s.id]
        who = actors.get(s.actor)
        actor[i] = actor_ids.get(s.actor, -1 - i)
        stype[i] = _T.get(feat.type, 0)
        if feat.temperature_c is not None:
            temperature[i] = feat.temperature_c
        cooling[i] = _cooling(feat)
        amount[i], dim[i], per_year[i] = _quantity(s)
        avail[i] = _AVAIL.get(s.availability, 0)
        if who is not None and who.lat is not None and who.lon is not None:
            lat[i], lon[i] = who.lat, who.lon
        naces.append(who.nace if who is not None else None)
        main_concept.append(
            max(sorted(feat.concepts.items()), key=lambda kv: kv[1])[0] if feat.concepts else None
        )
        ng_indices.append(feat.ngram_cols)
        ng_data.append(feat.ngram_vals)
        ng_indptr.append(ng_indptr[-1] + len(feat.ngram_cols))
        if offers:
            haz = s.hazardous or bool(s.ewc and s.ewc.endswith("*"))
            hazardous[i] = haz
            direct: dict[int, float] = {}
            via: dict[int, float] = {}
            for cid, w in feat.concepts.items():
                for ri in ctx.by_from.get(cid, ()):
                    route = ctx.routes[ri]
                    value = w * route.strength
                    if route.min_temperature_c is not None:
                        if (
                            feat.temperature_c is not None
                            and feat.temperature_c < route.min_temperature_c
                        ):
                            continue
                        if feat.temperature_c is None:
                            value *= 0.9
                    _max_into(via if route.via else direct, ri, value)
            for uid, w in feat.uses.items():
                use_route = ctx.route_index.get(f"use:{uid}")
                if use_route is not None and w >= MIN_OFFER_USE:
                    _max_into(direct, use_route, w * USE_STRENGTH * ctx.use_weight.get(uid, 1.0))
            for ri, v in direct.items():
                rows.append(i)
                cols.append(ri)
                vals.append(v)
            for ri, v in via.items():
                vrows.append(i)
                vcols.append(ri)
                vvals.append(v)
            if s.ewc:
                bare = _bare(s.ewc)
                for key in (bare, "g:" + bare[:5]):
                    col = codes.col(key, grow)
                    if col is None:
                        continue
                    crow.append(i)
                    ccol.append(col)
                    cval.append(1.0)
                col = codes.col(bare, grow)
                if haz and col is not None:
                    lrow.append(i)
                    lcol.append(col)
        else:
            links: dict[int, float] = {}
            specific = any(w >= 0.6 for w in feat.concepts.values()) or any(
                w >= 0.6 for w in feat.receivers.values()
            )
            for cid, w in feat.concepts.items():
                for ri in ctx.by_to.get(cid, ()):
                    _max_into(links, ri, LINK_CONCEPT * w)
            for rid, w in feat.receivers.items():
                rw = LINK_RECEIVER * w * ctx.receiver_weight.get(rid, 1.0)
                for ri in ctx.by_receiver.get(rid, ()):
                    links[ri] = 1.0 - (1.0 - links.get(ri, 0.0)) * (1.0 - rw)
            opened = set(links)
            for uid, w in feat.uses.items():
                uw = LINK_USE * w * ctx.use_weight.get(uid, 1.0)
                # a broad use ("raw material", "recycling") confirms what a specific need
                # names; it opens routes only for needs that name nothing more specific
                broad = uid in ctx.broad_uses and specific
                for ri in ctx.by_use.get(uid, ()):
                    if broad and ri not in opened:
                        continue
                    links[ri] = 1.0 - (1.0 - links.get(ri, 0.0)) * (1.0 - uw)
            # The receiving firm's sector confirms a route the text names; on its own it
            # opens routes only for vague needs ("Rohstoff für die Produktion").
            vague = not specific and max(links.values(), default=0.0) < VAGUE_BELOW
            for ri in ctx.routes_for_nace(who.nace if who is not None else None):
                if ri in links:
                    links[ri] = 1.0 - (1.0 - links[ri]) * (1.0 - LINK_NACE)
                elif vague:
                    links[ri] = LINK_NACE
            for ri, v in links.items():
                if v < MIN_LINK:
                    continue
                rows.append(i)
                cols.append(ri)
                vals.append(v)
            code_w: dict[int, float] = {}
            if s.ewc:
                bare = _bare(s.ewc)
                for key, w in ((bare, 0.7), ("g:" + bare[:5], 0.25)):
                    col = codes.col(key, grow)
                    if col is not None:
                        _max_into(code_w, col, w)
            if who is not None:
                for lic in who.licences:
                    bare = _bare(lic)
                    for key, w in ((bare, 0.6), ("g:" + bare[:5], 0.2)):
                        col = codes.col(key, grow)
                        if col is not None:
                            _max_into(code_w, col, w)
                    col = codes.col(bare, grow)
                    if col is not None:
                        lrow.append(i)
                        lcol.append(col)
            for col, w in code_w.items():
                crow.append(i)
                ccol.append(col)
                cval.append(w)
    width = CODE_WIDTH
    ngram = sp.csr_matrix(
        (
            np.concatenate(ng_data) if ng_data else np.zeros(0, np.float32),
            np.concatenate(ng_indices) if ng_indices else np.zeros(0, np.int32),
            np.asarray(ng_indptr, dtype=np.int64),
        ),
        shape=(n, N_FEATURES),
        dtype=np.float32,
    )
    return Side(
        streams=list(streams),
        ids=[s.id for s in streams],
        link=_csr(rows, cols, vals, (n, n_routes)),
        via_link=_csr(vrows, vcols, vvals, (n, n_routes)) if offers else None,
        codes=_csr(crow, ccol, cval, (n, width)),
        licence=_csr(lrow, lcol, [1.0] * len(lrow), (n, width)),
        ngram=ngram,
        kind=_kind_matrix(stype, offers),
        actor=actor,
        type=stype,
        temperature=temperature,
        cooling=cooling,
        hazardous=hazardous,
        amount=amount,
        dim=dim,
        per_year=per_year,
        avail=avail,
        lat=lat,
        lon=lon,
        main_concept=main_concept,
        nace=naces,
    )


def _kind_matrix(types: np.ndarray, offers: bool) -> sp.csr_matrix:
    n = len(types)
    if offers:
        values = np.asarray(
            [TYPE_PRIOR.get(TYPES[t], 0.0) for t in types.tolist()], dtype=np.float32
        )
    else:
        values = np.ones(n, dtype=np.float32)
    m = sp.csr_matrix(
        (values, (np.arange(n), types.astype(np.int64))), shape=(n, len(TYPES)), dtype=np.float32
    )
    m.eliminate_zeros()
    return m


# ------------------------------------------------------------------------ pair factors


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


NEUTRAL_DISTANCE_KM = 40.0


def distance_factor(km: np.ndarray) -> np.ndarray:
    """0.8..1: near partners first; unknown distance counts as 40 km (neutral)."""
    d = np.where(np.isnan(km), NEUTRAL_DISTANCE_KM, km)
    return 0.8 + 0.2 * np.exp(-d / 60.0)


def quantity_factors(
    o_amount: np.ndarray,
    o_dim: np.ndarray,
    o_year: np.ndarray,
    n_amount: np.ndarray,
    n_dim: np.ndarray,
    n_year: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """(factor 0.88..1, coverage of the need 0..1 or NaN where incomparable)."""
    comparable = (
        (o_dim >= 0) & (o_dim == n_dim) & (o_year == n_year) & (o_amount > 0) & (n_amount > 0)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        balance = np.minimum(o_amount, n_amount) / np.maximum(o_amount, n_amount)
        coverage = np.minimum(1.0, o_amount / n_amount)
    factor = np.where(comparable, 0.88 + 0.12 * np.sqrt(np.nan_to_num(balance)), 0.94)
    return factor, np.where(comparable, coverage, np.nan)


def availability_factor(o_avail: np.ndarray, n_avail: np.ndarray) -> np.ndarray:
    f = np.ones(o_avail.shape, dtype=np.float64)
    f[(o_avail == 2) & (n_avail == 1)] = 0.95
    f[(o_avail == 3) & (n_avail == 1)] = 0.92
    f[(o_avail == 1) & (n_avail == 3)] = 0.97
    return f


@dataclass
class Pairs:
    """Candidate pairs of one block: offer rows, need columns and their evidence."""

    rows: np.ndarray
    cols: np.ndarray
    score: np.ndarray
    raw: np.ndarray
    via: np.ndarray
    distance_km: np.ndarray
    coverage: np.ndarray
    text: np.ndarray


_TYPE_TABLE = type_table()


#: The smallest product of the soft factors (distance, quantity, availability, cross-type).
MIN_FACTOR = 0.8 * 0.88 * 0.92 * CROSS_TYPE_FACTOR


def row_kth_largest(matrix: sp.csr_matrix, k: int) -> np.ndarray:
    """Per row the ``k``-th largest stored value (0 where a row holds fewer)."""
    n = matrix.shape[0]
    counts = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(n), counts)
    # one integer key (row, value descending) sorted by numpy's radix sort
    quantised = np.rint(np.clip(matrix.data, 0.0, 4.0) * 250_000).astype(np.int64)
    key = (rows.astype(np.int64) << 21) | ((1 << 21) - 1 - quantised)
    order = np.argsort(key, kind="stable")
    position = np.arange(len(order)) - np.repeat(matrix.indptr[:-1], counts)
    out = np.zeros(n, dtype=np.float64)
    hit = position == k - 1
    out[rows[order][hit]] = matrix.data[order][hit]
    return out


def _prune_hopeless(
    best: sp.csr_matrix,
    keep: int,
    offers: Side,
    needs: Side,
    rows: np.ndarray,
    need_cols: np.ndarray | None,
    others: Sequence[sp.csr_matrix] = (),
) -> sp.csr_matrix:
    """Drop pathway evidence that cannot reach a row's best ``keep`` pairs: even with
    every soft factor at its best it stays more than 2e-6 below what ``keep`` other
    admissible pairs reach with every factor at its worst. Pairs that ``others`` (text,
    code, type evidence) also name keep theirs: together it may reach further. Rows of
    hazardous offers are left alone."""
    best.sort_indices()
    counts = np.diff(best.indptr)
    local_rows = np.repeat(np.arange(best.shape[0]), counts)
    r = rows[local_rows]
    col = best.indices if need_cols is None else need_cols[best.indices]
    admissible = _admissible(offers, needs, r, col, best.data > 0.05, np.ones(len(r), dtype=bool))
    admissible &= ~offers.hazardous[r]
    masked = sp.csr_matrix(
        (np.where(admissible, best.data, 0.0), best.indices, best.indptr), shape=best.shape
    )
    kth = row_kth_largest(masked, keep)
    kth[offers.hazardous[rows]] = 0.0
    floor_raw = MIN_FACTOR * (1.0 - np.exp(-PATH_GAIN * kth))
    # path evidence x gives 1 - exp(-PATH_GAIN x): hopeless below this x
    floor_x = -np.log1p(-np.clip(floor_raw - 2e-6, 0.0, 0.999)) / PATH_GAIN
    hopeless = np.flatnonzero(best.data < np.repeat(floor_x, counts))
    if others and len(hopeless):
        # every value of the other evidence is positive: their sum is > 0 where any names
        # the pair
        named = sp.csr_matrix(best.shape, dtype=np.float64)
        for m in others:
            named = named + abs(m)
        named.sort_indices()
        seen = np.asarray(named[local_rows[hopeless], best.indices[hopeless]]).ravel()
        hopeless = hopeless[seen == 0]
    pruned = best.copy()
    pruned.data[hopeless] = 0.0
    pruned.eliminate_zeros()
    return pruned


def _admissible(
    offers: Side,
    needs: Side,
    r: np.ndarray,
    col: np.ndarray,
    has_path: np.ndarray,
    has_lic: np.ndarray,
) -> np.ndarray:
    """The hard rules on pairs (offer rows ``r``, need columns ``col``)."""
    keep = offers.actor[r] != needs.actor[col]
    keep &= ~offers.hazardous[r] | has_lic
    rule = _TYPE_TABLE[offers.type[r], needs.type[col]]
    keep &= (rule == 1) | ((rule == 2) & has_path)
    ot, nt = offers.temperature[r], needs.temperature[col]
    both = ~np.isnan(ot) & ~np.isnan(nt)
    heat_fail = both & ~needs.cooling[col] & (ot < nt)
    cold_fail = both & needs.cooling[col] & (ot > nt)
    keep &= ~(heat_fail | cold_fail)
    return np.asarray(keep, dtype=bool)


#: The smallest product of the pair factors: distance, quantity, availability.
MIN_PAIR_FACTOR = 0.8 * 0.88 * 0.92
_QUANT = float(1 << 20)


def within_reach(local: np.ndarray, base: np.ndarray, keep: int) -> np.ndarray:
    """Which pairs (row numbers ``local``, score before the pair factors ``base``) can
    still be among their row's best ``keep`` once the pair factors are applied.

    A pair is left out only where even its best case (every factor 1) stays more than
    2e-6 below what ``keep`` other pairs of its row reach at worst (every factor at its
    minimum): after rounding scores to 6 places it ranks below them, ties included. The
    threshold is rounded down, so no pair that could rank is ever left out."""
    if len(local) == 0:
        return np.ones(0, dtype=bool)
    n = int(local.max()) + 1
    lower = np.floor(np.clip(base * MIN_PAIR_FACTOR, 0.0, 1.0) * _QUANT).astype(np.int64)
    key = (local.astype(np.int64) << 22) | ((1 << 21) - lower)
    order = np.argsort(key, kind="stable")
    sorted_rows = local[order]
    counts = np.bincount(local, minlength=n)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    position = np.arange(len(order)) - starts[sorted_rows]
    hit = position == keep - 1
    kth = np.full(n, -1.0)
    kth[sorted_rows[hit]] = lower[order][hit] / _QUANT
    return np.asarray(base >= kth[local] - 2e-6, dtype=bool)


def powered(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """A copy with every value raised to :data:`ROUTE_POWER`."""
    out = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    out.data = out.data**ROUTE_POWER
    return out


def _log_miss(
    matrix: sp.csr_matrix, transform: Callable[[np.ndarray], np.ndarray]
) -> sp.csr_matrix:
    """log(1 - p) of each entry, p = transform(value) clipped below 1."""
    out = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    out.data = np.log1p(-np.clip(transform(out.data), 0.0, 0.999))
    return out


def _flags(matrix: sp.csr_matrix, on: np.ndarray) -> sp.csr_matrix:
    """1.0 where ``on`` holds for an entry of ``matrix`` (same pattern, others dropped)."""
    out = sp.csr_matrix(
        (on.astype(np.float32), matrix.indices.copy(), matrix.indptr.copy()),
        shape=matrix.shape,
        dtype=np.float32,
    )
    out.eliminate_zeros()
    return out


def score_block(
    offers: Side,
    needs: Side,
    rows: np.ndarray,
    *,
    need_ngram_t: sp.csr_matrix,
    offer_tfidf: sp.csr_matrix,
    need_link_t: sp.csr_matrix,
    need_codes_t: sp.csr_matrix,
    need_licence_t: sp.csr_matrix,
    need_kind_t: sp.csr_matrix,
    feedback: FeedbackArrays | None = None,
    need_cols: np.ndarray | None = None,
    keep_per_row: int | None = None,
) -> Pairs:
    """Score the offers ``rows`` against every need (or the needs ``need_cols`` where the
    transposed need matrices hold only those columns); hard rules applied."""
    # routes combine by a power mean (close to the strongest route, a little more for
    # several): need_link_t holds the need links raised to ROUTE_POWER already
    direct = sp.csr_matrix(powered(offers.link[rows]) @ need_link_t)
    direct.data = direct.data ** (1.0 / ROUTE_POWER)
    assert offers.via_link is not None
    via_rows = offers.via_link[rows]
    if via_rows.nnz:
        via = sp.csr_matrix(powered(via_rows) @ need_link_t)
        via.data = via.data ** (1.0 / ROUTE_POWER) * VIA_PENALTY
    else:
        via = sp.csr_matrix(direct.shape, dtype=np.float32)
    code = sp.csr_matrix(offers.codes[rows] @ need_codes_t)
    code.data = np.minimum(code.data, 1.0)
    text = sp.csr_matrix(offer_tfidf[rows] @ need_ngram_t)
    text.data = np.minimum(text.data, 1.0)
    text.data[text.data < MIN_TEXT] = 0.0
    text.eliminate_zeros()
    lic = sp.csr_matrix(offers.licence[rows] @ need_licence_t)
    lic.data[:] = 1.0
    best = sp.csr_matrix(direct.maximum(via))
    prior = sp.csr_matrix(offers.kind[rows] @ need_kind_t)
    if keep_per_row is not None and feedback is None and best.nnz > keep_per_row * best.shape[0]:
        best = _prune_hopeless(
            best, keep_per_row, offers, needs, rows, need_cols, others=(code, text, prior)
        )
    # noisy-or of the evidence, in log space so that sparse patterns simply add up
    log_miss = _log_miss(best, lambda x: 1.0 - np.exp(-PATH_GAIN * x))
    log_miss = log_miss + _log_miss(code, lambda x: W_CODE * x)
    log_miss = log_miss + _log_miss(text, lambda x: W_TEXT * x)
    log_miss = log_miss + _log_miss(prior, lambda x: x)
    raw = sp.csr_matrix(log_miss)
    raw.data = 1.0 - np.exp(raw.data)
    pflag = _flags(best, best.data > 0.05)
    # via beats direct: compared on via's few entries only (direct holds many more)
    via.sum_duplicates()
    via_local = np.repeat(np.arange(via.shape[0]), np.diff(via.indptr))
    direct_at_via = np.asarray(direct[via_local, via.indices]).ravel() if via.nnz else np.zeros(0)
    vflag = _flags(via, via.data > direct_at_via)
    combined = sp.csr_matrix(raw + 2.0 * pflag + 4.0 * lic + 8.0 * vflag)
    # make sure rows with licence-only or flag-only entries keep raw >= 0
    coo = combined.tocoo()
    value = coo.data.astype(np.float64)
    flags = np.floor(value / 2.0 + 1e-9).astype(np.int64)
    raw_v = np.clip(value - 2.0 * flags, 0.0, 1.0)
    has_path = (flags & 1) > 0
    has_lic = (flags & 2) > 0
    is_via = (flags & 4) > 0
    r = rows[coo.row]
    local_col = coo.col
    col = local_col if need_cols is None else need_cols[local_col]
    keep = (raw_v >= MIN_RAW) & _admissible(offers, needs, r, col, has_path, has_lic)
    rule = _TYPE_TABLE[offers.type[r], needs.type[col]]
    local, col, raw_v, is_via = coo.row[keep], col[keep], raw_v[keep], is_via[keep]
    local_col = local_col[keep]
    cross = rule[keep] == 2
    if keep_per_row is not None and feedback is None and len(local) > keep_per_row * len(rows):
        # only the pairs that can still reach a row's best keep_per_row get the pair
        # factors (distance, quantity, availability) and text values computed
        reach = within_reach(local, np.where(cross, CROSS_TYPE_FACTOR, 1.0) * raw_v, keep_per_row)
        local, col, raw_v, is_via = local[reach], col[reach], raw_v[reach], is_via[reach]
        local_col, cross = local_col[reach], cross[reach]
    r = rows[local]
    text_v = np.asarray(text[local, local_col]).ravel() if len(local) else np.zeros(0)
    km = haversine_km(offers.lat[r], offers.lon[r], needs.lat[col], needs.lon[col])
    qf, coverage = quantity_factors(
        offers.amount[r],
        offers.dim[r],
        offers.per_year[r],
        needs.amount[col],
        needs.dim[col],
        needs.per_year[col],
    )
    score = (
        np.where(cross, CROSS_TYPE_FACTOR, 1.0)
        * raw_v
        * distance_factor(km)
        * qf
        * availability_factor(offers.avail[r], needs.avail[col])
    )
    if feedback is not None:
        score = feedback.apply(r, col, score)
    score = np.clip(np.round(score, 6), 0.0, 1.0)
    return Pairs(r, col, score, raw_v, is_via, km, coverage, text_v)


@dataclass
class FeedbackArrays:
    """Facilitators' feedback as lookups on offer rows and need columns.

    ``similar`` maps (offer concept, receiver NACE division) to a net vote (accepted
    minus rejected); ``exact`` maps (offer id, need id) to +1 / -1.
    """

    offer_concept: np.ndarray  # per offer row: concept number or -1
    need_division: np.ndarray  # per need col: division number or -1
    n_divisions: int
    keys: np.ndarray  # sorted combined keys concept * n_div + div
    votes: np.ndarray
    exact: dict[tuple[int, int], int]

    def apply(self, rows: np.ndarray, cols: np.ndarray, score: np.ndarray) -> np.ndarray:
        out = score.copy()
        if len(self.keys):
            oc = self.offer_concept[rows]
            nd = self.need_division[cols]
            valid = (oc >= 0) & (nd >= 0)
            key = oc * self.n_divisions + nd
            pos = np.searchsorted(self.keys, key)
            pos = np.clip(pos, 0, len(self.keys) - 1)
            hit = valid & (self.keys[pos] == key)
            vote = np.where(hit, self.votes[pos], 0.0)
            up = np.tanh(np.maximum(vote, 0.0))
            down = np.tanh(np.maximum(-vote, 0.0))
            out = out + (1.0 - out) * 0.35 * up
            out = out * (1.0 - 0.5 * down)
        if self.exact:
            for i, (r, c) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
                v = self.exact.get((r, c))
                if v is not None:
                    out[i] = out[i] * 0.2 if v < 0 else out[i] + (1.0 - out[i]) * 0.5
        return out


def idf_inputs(*counts: sp.csr_matrix) -> tuple[np.ndarray, int]:
    """Document frequencies over all given count matrices, and the number of documents."""
    df = np.zeros(N_FEATURES, dtype=np.float32)
    n = 0
    for m in counts:
        if m.shape[0]:
            df += document_frequency(m)
            n += m.shape[0]
    return df, n


def weighted(counts: sp.csr_matrix, df: np.ndarray, n_docs: int) -> sp.csr_matrix:
    return tfidf(counts, df, n_docs, max_df_share=0.02)


__all__ = [
    "TYPES",
    "TYPE_RULES",
    "CodeKeys",
    "Context",
    "FeedbackArrays",
    "Pairs",
    "Route",
    "Side",
    "build_context",
    "build_side",
    "context_for",
    "distance_factor",
    "haversine_km",
    "idf_inputs",
    "quantity_factors",
    "score_block",
    "type_table",
    "weighted",
    "within_reach",
]
