"""Matching: which offers can serve which needs, ranked, explained and valued.

Stages you can call one by one::

    reps = represent(region, kb)                  # text meaning, once per distinct text
    matcher = Matcher(region, kb, reps)           # sparse matrices of both sides
    pairs = score(matcher)                        # candidates with hard rules applied
    matches = select(matcher, pairs, top_k=5)     # best K needs per offer, with reasons

or all at once with :func:`match_region`. See :mod:`kreislauf.core.scoring` for how the
score is made and :data:`kreislauf.core.scoring.TYPE_RULES` for type compatibility.

Hard rules (never violated): no pair within one actor; a hazardous offer (code with ``*``
or ``hazardous``) only to a need whose actor holds a licence for that code; compatible
types; heat at least as hot as the need asks (cold at least as cold). Results do not
depend on the order of actors or streams in the input: both sides are sorted by id and
ties are broken on ids.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from kreislauf.core.actors import Actor
from kreislauf.core.impact import FactorTable, estimate_impact, transport_co2e_t
from kreislauf.core.knowledge import KnowledgeBase, nace_under
from kreislauf.core.leads import Lead, LeadStatus
from kreislauf.core.reasons import (
    AVAILABILITY_WORDS,
    TYPE_WORDS,
    Reasons,
    both,
    number,
    strength_word,
)
from kreislauf.core.region import Region
from kreislauf.core.represent import Representations, StreamFeatures, represent, represent_streams
from kreislauf.core.scoring import (
    TYPE_PRIOR,
    CodeKeys,
    FeedbackArrays,
    Pairs,
    Route,
    Side,
    build_side,
    context_for,
    idf_inputs,
    powered,
    score_block,
    weighted,
)
from kreislauf.core.streams import Stream
from kreislauf.core.units import parse_unit

Progress = Callable[[int, int], None]
PAIRS_PER_BLOCK = 2_000_000
SELECT_POOL = 3  # pairs beyond K kept per offer: a two-step pair may find no processor
BLOCKING_MIN_NEEDS = 20_000
TILE_DEGREES = 1.0
PAIR_FIELDS = ("rows", "cols", "score", "raw", "via", "distance_km", "coverage", "text")


@dataclass(frozen=True)
class Match:
    """One proposed exchange: ``offer`` serves ``need`` (stream ids), rank 1 = best."""

    offer: str
    need: str
    rank: int
    score: float
    distance_km: float | None
    reasons_de: tuple[str, ...]
    reasons_en: tuple[str, ...]
    co2e_t_per_year: float | None = None
    eur_per_year: float | None = None
    via: tuple[str, ...] = ()
    pathway: str | None = None
    quantity_coverage: float | None = None

    def reasons(self, language: str) -> tuple[str, ...]:
        return self.reasons_de if language == "de" else self.reasons_en


@dataclass(frozen=True)
class Feedback:
    """Facilitators' verdicts on earlier leads.

    ``similar``: (offer concept id, receiver's NACE division "23") -> net votes
    (accepted minus rejected); pairs of the same kind move up or down.
    ``exact``: (offer id, need id) -> +1 accepted / -1 rejected.
    """

    similar: Mapping[tuple[str, str], float] = field(default_factory=dict)
    exact: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.similar or self.exact)


def _division(nace: str | None) -> str | None:
    if not nace or not nace[:2].isdigit():
        return None
    return nace[:2]


def _main_concept(feat: StreamFeatures | None) -> str | None:
    if feat is None or not feat.concepts:
        return None
    return max(sorted(feat.concepts.items()), key=lambda kv: kv[1])[0]


def feedback_from_leads(
    leads: Iterable[Lead],
    region: Region,
    features: Mapping[str, StreamFeatures],
) -> Feedback:
    """Feedback from a region's leads: accepted (contacted, negotiating, implemented) count
    +1, rejected -1, both for the exact pair and for pairs of the same offer concept and
    receiver sector."""
    similar: dict[tuple[str, str], float] = {}
    exact: dict[tuple[str, str], int] = {}
    streams = region.streams_by_id
    actors = region.actors_by_id
    for lead in leads:
        if lead.status is LeadStatus.SUGGESTED:
            continue
        vote = 1 if lead.accepted else -1 if lead.status is LeadStatus.REJECTED else 0
        if vote == 0:
            continue
        exact[(lead.offer_id, lead.need_id)] = vote
        need = streams.get(lead.need_id)
        concept = _main_concept(features.get(lead.offer_id))
        actor = actors.get(need.actor) if need is not None else None
        division = _division(actor.nace if actor is not None else None)
        if concept is not None and division is not None:
            similar[(concept, division)] = similar.get((concept, division), 0.0) + vote
    return Feedback(similar, exact)


class Matcher:
    """Both sides of a region as sparse matrices, ready to score offers against needs."""

    def __init__(
        self,
        region: Region,
        kb: KnowledgeBase,
        representations: Representations | None = None,
        *,
        feedback: Feedback | None = None,
        impact_table: FactorTable | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.region = region
        self.kb = kb
        self.ctx = context_for(kb)
        if representations is None or not representations.covers(region):
            representations = represent(region, kb, progress=progress)
        self.features: dict[str, StreamFeatures] = dict(representations.features)
        self.impact_table = impact_table
        self.actors: dict[str, Actor] = dict(region.actors_by_id)
        self.actor_ids = {aid: i for i, aid in enumerate(sorted(self.actors))}
        self.codes = CodeKeys()
        offers = sorted((s for s in region.streams if s.is_offer), key=lambda s: s.id)
        needs = sorted((s for s in region.streams if not s.is_offer), key=lambda s: s.id)
        self.offers = self._side(offers, offers=True)
        self.needs = self._side(needs, offers=False)
        self.need_row = {sid: i for i, sid in enumerate(self.needs.ids)}
        self.offer_row = {sid: i for i, sid in enumerate(self.offers.ids)}
        self.processors = self._processors()
        self._mask_via(self.offers)
        self.df, self.n_docs = idf_inputs(self.offers.ngram, self.needs.ngram)
        self.offer_tfidf = weighted(self.offers.ngram, self.df, self.n_docs)
        self.need_tfidf = weighted(self.needs.ngram, self.df, self.n_docs)
        self._transpose_needs()
        self.feedback = feedback or Feedback()
        self._feedback_arrays = self._build_feedback(self.offers, self.needs)
        self._rows_cache: dict[tuple[int, int], dict[int, float]] = {}
        self._labels: dict[tuple[str, str], tuple[str, str]] = {}
        self._word_cache: dict[str, str] = {}
        self._tonnes_cache: dict[tuple[str, float | None, str | None], float | None] = {}
        self._tile_cache: dict[tuple[int, int], tuple[np.ndarray, tuple[sp.csr_matrix, ...]]] = {}
        self._need_tiles: np.ndarray | None = None
        self._need_csc: tuple[sp.csc_matrix, ...] | None = None

    # ------------------------------------------------------------------ building
    def _side(self, streams: Sequence[Stream], *, offers: bool) -> Side:
        return build_side(
            streams, self.features, self.actors, self.actor_ids, self.ctx, self.codes, offers=offers
        )

    def _transpose_needs(self) -> None:
        self.need_link_t = powered(sp.csr_matrix(self.needs.link.T))
        self.need_codes_t = sp.csr_matrix(self.needs.codes.T)
        self.need_licence_t = sp.csr_matrix(self.needs.licence.T)
        self.need_ngram_t = sp.csr_matrix(self.need_tfidf.T)
        self.need_kind_t = sp.csr_matrix(self.needs.kind.T)

    def _processors(self) -> dict[int, list[str]]:
        """Route number -> actor ids able to process for a two-step route."""
        found: dict[int, list[str]] = {}
        for ri, route in enumerate(self.ctx.routes):
            if not route.via:
                continue
            ids = sorted(a.id for a in self.actors.values() if nace_under(a.nace, route.via_nace))
            if ids:
                found[ri] = ids
        return found

    def _mask_via(self, side: Side) -> None:
        if side.via_link is None or side.via_link.nnz == 0:
            return
        keep = np.zeros(len(self.ctx.routes), dtype=np.float32)
        for ri in self.processors:
            keep[ri] = 1.0
        side.via_link = sp.csr_matrix(side.via_link @ sp.diags(keep))
        side.via_link.eliminate_zeros()

    def _build_feedback(self, offers: Side, needs: Side) -> FeedbackArrays | None:
        fb = self.feedback
        if not fb:
            return None
        concepts = sorted({c for c, _ in fb.similar})
        divisions = sorted({d for _, d in fb.similar})
        c_index = {c: i for i, c in enumerate(concepts)}
        d_index = {d: i for i, d in enumerate(divisions)}
        n_div = max(len(divisions), 1)
        offer_concept = np.asarray(
            [c_index.get(c, -1) if c else -1 for c in offers.main_concept], dtype=np.int64
        )
        need_division = np.asarray(
            [d_index.get(_division(n) or "", -1) for n in needs.nace], dtype=np.int64
        )
        keyed = sorted((c_index[c] * n_div + d_index[d], v) for (c, d), v in fb.similar.items())
        exact: dict[tuple[int, int], int] = {}
        o_rows = {sid: i for i, sid in enumerate(offers.ids)}
        n_rows = {sid: i for i, sid in enumerate(needs.ids)}
        for (o, n), v in fb.exact.items():
            if o in o_rows and n in n_rows:
                exact[(o_rows[o], n_rows[n])] = v
        return FeedbackArrays(
            offer_concept=offer_concept,
            need_division=need_division,
            n_divisions=n_div,
            keys=np.asarray([k for k, _ in keyed], dtype=np.int64),
            votes=np.asarray([v for _, v in keyed], dtype=np.float64),
            exact=exact,
        )

    # ------------------------------------------------------------------ scoring
    def block_size(self) -> int:
        return int(min(2048, max(8, PAIRS_PER_BLOCK // max(1, len(self.needs.ids)))))

    def score_rows(
        self, rows: np.ndarray, tile: tuple[int, int] | None = None, keep: int | None = None
    ) -> Pairs:
        """Score offers ``rows`` against all needs, or only against the needs near
        ``tile`` (see :meth:`blocks`)."""
        if tile is None:
            mats = (
                self.need_ngram_t,
                self.need_link_t,
                self.need_codes_t,
                self.need_licence_t,
                self.need_kind_t,
            )
            cols = None
        else:
            cols, mats = self._tile_matrices(tile)
        return score_block(
            self.offers,
            self.needs,
            rows,
            need_ngram_t=mats[0],
            offer_tfidf=self.offer_tfidf,
            need_link_t=mats[1],
            need_codes_t=mats[2],
            need_licence_t=mats[3],
            need_kind_t=mats[4],
            feedback=self._feedback_arrays,
            need_cols=cols,
            keep_per_row=keep,
        )

    # ------------------------------------------------------------------ blocking
    def blocking(self) -> bool:
        """Large regions are scored in spatial blocks: offers of one tile (1° x 1°)
        against the needs of that tile and its eight neighbours plus needs without
        coordinates; offers that find fewer than K partners there are scored against
        all needs. Small regions are scored all against all."""
        located = np.isfinite(self.needs.lat).sum()
        return len(self.needs.ids) >= BLOCKING_MIN_NEEDS and located >= 0.5 * len(self.needs.ids)

    @staticmethod
    def _tile_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        ok = np.isfinite(lat) & np.isfinite(lon)
        tiles = np.full((len(lat), 2), np.iinfo(np.int32).min, dtype=np.int64)
        tiles[ok, 0] = np.floor(lat[ok] / TILE_DEGREES).astype(np.int64)
        tiles[ok, 1] = np.floor(lon[ok] / TILE_DEGREES).astype(np.int64)
        return tiles

    def blocks(self, rows: np.ndarray) -> list[tuple[tuple[int, int] | None, np.ndarray]]:
        """(tile or None, offer rows) in a fixed order: tiles sorted, rows by id within."""
        size = self.block_size()
        if not self.blocking():
            return [(None, rows[i : i + size]) for i in range(0, len(rows), size)]
        tiles = self._tile_of(self.offers.lat[rows], self.offers.lon[rows])
        groups: dict[tuple[int, int] | None, list[int]] = {}
        none_key = np.iinfo(np.int32).min
        for row, (a, b) in zip(rows.tolist(), tiles.tolist(), strict=True):
            key = None if a == none_key else (a, b)
            groups.setdefault(key, []).append(row)
        out: list[tuple[tuple[int, int] | None, np.ndarray]] = []
        block = size * 4  # fewer needs per block: more offers fit
        for key in sorted(groups, key=lambda k: (k is None, k or (0, 0))):
            members = np.asarray(groups[key], dtype=np.int64)
            step = size if key is None else block
            out.extend((key, members[i : i + step]) for i in range(0, len(members), step))
        return out

    def _tile_matrices(self, tile: tuple[int, int]) -> tuple[np.ndarray, tuple[sp.csr_matrix, ...]]:
        cached = self._tile_cache.get(tile)
        if cached is not None:
            return cached
        if self._need_tiles is None:
            self._need_tiles = self._tile_of(self.needs.lat, self.needs.lon)
            self._need_csc = tuple(
                sp.csc_matrix(m)
                for m in (
                    self.need_ngram_t,
                    self.need_link_t,
                    self.need_codes_t,
                    self.need_licence_t,
                    self.need_kind_t,
                )
            )
        t = self._need_tiles
        none_key = np.iinfo(np.int32).min
        near = (np.abs(t[:, 0] - tile[0]) <= 1) & (np.abs(t[:, 1] - tile[1]) <= 1)
        cols = np.flatnonzero(near | (t[:, 0] == none_key)).astype(np.int64)
        assert self._need_csc is not None
        mats = tuple(sp.csr_matrix(m[:, cols]) for m in self._need_csc)
        if len(self._tile_cache) > 64:
            self._tile_cache.clear()
        self._tile_cache[tile] = (cols, mats)
        return cols, mats

    def score_all(
        self, rows: np.ndarray, top_k: int, progress: Progress | None = None
    ) -> Iterator[Pairs]:
        """Scored pairs of ``rows``, block by block, with the blocking fallback applied."""
        done = 0
        retry: list[np.ndarray] = []
        for tile, block in self.blocks(rows):
            pairs = self.score_rows(block, tile, keep=top_k + SELECT_POOL)
            if tile is not None:
                found = np.bincount(np.searchsorted(block, pairs.rows), minlength=len(block))
                short = block[found < top_k]
                if len(short):
                    retry.append(short)
                    keep = ~np.isin(pairs.rows, short)
                    pairs = Pairs(*(getattr(pairs, f)[keep] for f in PAIR_FIELDS))
            yield pairs
            done += len(block)
            if progress is not None:
                progress(done, len(rows))
        if retry:
            again = np.sort(np.concatenate(retry))
            size = self.block_size()
            for i in range(0, len(again), size):
                yield self.score_rows(again[i : i + size], keep=top_k + SELECT_POOL)

    # ------------------------------------------------------------------ explaining
    def _row(self, side: Side, which: str, row: int) -> dict[int, float]:
        key = (id(side) if which != "via" else -id(side), row)
        cached = self._rows_cache.get(key)
        if cached is None:
            matrix = side.via_link if which == "via" else side.link
            assert matrix is not None
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            cached = dict(
                zip(
                    matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True
                )
            )
            if len(self._rows_cache) > 200_000:
                self._rows_cache.clear()
            self._rows_cache[key] = cached
        return cached

    def best_route(
        self, offers: Side, o: int, needs: Side, n: int, via: bool
    ) -> tuple[int, float] | None:
        offer_routes = self._row(offers, "via" if via else "link", o)
        need_routes = self._row(needs, "link", n)
        best: tuple[int, float] | None = None
        for ri, w in offer_routes.items():
            v = need_routes.get(ri)
            if v is None:
                continue
            value = w * v
            if (
                best is None
                or value > best[1] + 1e-12
                or (abs(value - best[1]) <= 1e-12 and ri < best[0])
            ):
                best = (ri, value)
        return best

    def choose_processor(self, route_index: int, offer: Stream, need: Stream) -> str | None:
        candidates = [
            a for a in self.processors.get(route_index, []) if a not in (offer.actor, need.actor)
        ]
        if not candidates:
            return None
        origin = self.actors.get(offer.actor)

        def key(actor_id: str) -> tuple[float, str]:
            a = self.actors[actor_id]
            if (
                origin is None
                or origin.lat is None
                or a.lat is None
                or origin.lon is None
                or a.lon is None
            ):
                return (math.inf, actor_id)
            return (_km(origin.lat, origin.lon, a.lat, a.lon), actor_id)

        return min(candidates, key=key)

    def explain(
        self,
        offers: Side,
        o: int,
        needs: Side,
        n: int,
        *,
        score: float,
        rank: int,
        via: bool,
        distance_km: float,
        coverage: float,
        text_similarity: float,
    ) -> Match | None:
        offer, need = offers.streams[o], needs.streams[n]
        of, nf = self.features[offer.id], self.features[need.id]
        kb = self.kb
        reasons = Reasons()
        best = self.best_route(offers, o, needs, n, via)
        route: Route | None = self.ctx.routes[best[0]] if best is not None else None
        via_ids: tuple[str, ...] = ()
        if via:
            processor = self.choose_processor(best[0], offer, need) if best is not None else None
            if processor is None:
                return None
            via_ids = (processor,)
        pathway = kb.pathways.get(route.id) if route is not None and not route.implicit else None
        offer_concept = (
            max(
                (c for c in of.concepts if c in route.from_),
                key=lambda c: (of.concepts[c], c),
                default=None,
            )
            if route is not None
            else None
        )
        if route is not None and route.id == "fuel:energy":
            reasons.add("fuel_energy")
        elif route is not None and route.id.startswith("use:"):
            uid = route.id[4:]
            reasons.add("same_use", label=self._label("use", uid))
        elif route is not None and route.implicit:
            cid = next(iter(route.from_))
            reasons.add("same", label=self._label("concept", cid))
        elif pathway is not None and route is not None:
            target_ids = sorted(c for c in route.to if c in nf.concepts)
            target = (
                self._label("concept", target_ids[0])
                if target_ids
                else self._label("use", pathway.uses[0])
                if pathway.uses
                else self._label("receiver", pathway.receivers[0])
                if pathway.receivers
                else ("", "")
            )
            process = (pathway.process("en") or pathway.id, pathway.process("de") or pathway.id)
            reasons.add(
                "pathway",
                offer_label=self._label("concept", offer_concept) if offer_concept else offer.title,
                target=target,
                process=process,
                strength=(
                    strength_word(pathway.strength, "en"),
                    strength_word(pathway.strength, "de"),
                ),
            )
            self._link_reason(reasons, route, nf, need)
            if via_ids:
                name = self.actors[via_ids[0]].name
                reasons.add("via", processor=name, process=process)
        terms_text = self._terms_text(offer.id, of, need.id, nf)
        if terms_text is not None:
            reasons.add("terms", offer_terms=terms_text[0], need_terms=terms_text[1])
        sim = text_similarity
        if route is None and of.type == nf.type and TYPE_PRIOR.get(of.type, 0.0) > 0:
            reasons.add("same_type", kind=(TYPE_WORDS["en"][of.type], TYPE_WORDS["de"][of.type]))
        if sim >= 0.2 or (route is None and sim > 0.0):
            reasons.add("text", percent=str(round(sim * 100)))
        self._code_reasons(reasons, offer, need)
        co2_transport: float | None = None
        tonnes = self._tonnes(offer)
        if not math.isnan(distance_km) and self.impact_table is not None and tonnes is not None:
            co2_transport = transport_co2e_t(self.impact_table, distance_km, tonnes)
        if math.isnan(distance_km):
            reasons.add("distance_unknown")
        elif co2_transport is not None:
            reasons.add_each(
                "distance_transport",
                {"km": number(distance_km, "en"), "co2": number(co2_transport, "en")},
                {"km": number(distance_km, "de"), "co2": number(co2_transport, "de")},
            )
        else:
            reasons.add_each(
                "distance", {"km": number(distance_km, "en")}, {"km": number(distance_km, "de")}
            )
        if math.isnan(coverage):
            reasons.add("coverage_unknown")
        else:
            reasons.add(
                "coverage",
                offer_qty=_qty(offer),
                need_qty=_qty(need),
                percent=str(round(coverage * 100)),
            )
        if of.temperature_c is not None and nf.temperature_c is not None:
            cold = self.needs.cooling[n] if needs is self.needs else False
            reasons.add(
                "cold" if cold else "temperature",
                offer_t=both(lambda lang, t=of.temperature_c: number(t, lang, 0)),
                need_t=both(lambda lang, t=nf.temperature_c: number(t, lang, 0)),
            )
        if (
            offer.availability is not None
            and need.availability is not None
            and offer.availability != need.availability
        ):
            reasons.add(
                "availability",
                offer_avail=(
                    AVAILABILITY_WORDS["en"][offer.availability.value],
                    AVAILABILITY_WORDS["de"][offer.availability.value],
                ),
                need_avail=(
                    AVAILABILITY_WORDS["en"][need.availability.value],
                    AVAILABILITY_WORDS["de"][need.availability.value],
                ),
            )
        self._feedback_reason(reasons, offer, need, of)
        co2e, eur = self._impact(offer, need, of, pathway, coverage, distance_km)
        return Match(
            offer=offer.id,
            need=need.id,
            rank=rank,
            score=round(float(score), 4),
            distance_km=None if math.isnan(distance_km) else round(float(distance_km), 1),
            reasons_de=tuple(reasons.de),
            reasons_en=tuple(reasons.en),
            co2e_t_per_year=co2e,
            eur_per_year=eur,
            via=via_ids,
            pathway=route.id if route is not None else None,
            quantity_coverage=None if math.isnan(coverage) else round(float(coverage), 3),
        )

    def _tonnes(self, offer: Stream) -> float | None:
        key = (offer.id, offer.quantity, offer.unit)
        if key in self._tonnes_cache:
            return self._tonnes_cache[key]
        found = _tonnes_per_year(offer)
        if len(self._tonnes_cache) > 300_000:
            self._tonnes_cache.clear()
        self._tonnes_cache[key] = found
        return found

    def _words(self, stream_id: str, feat: StreamFeatures, concepts_only: bool) -> str:
        found = self._word_cache.get(stream_id)
        if found is None:
            words = sorted(
                {
                    w
                    for k, w in feat.terms.items()
                    if w and not w[0].isdigit() and (not concepts_only or k.startswith("concept:"))
                }
            )
            found = ", ".join(words[:4])
            if len(self._word_cache) > 300_000:
                self._word_cache.clear()
            self._word_cache[stream_id] = found
        return found

    def _terms_text(
        self, offer_id: str, of: StreamFeatures, need_id: str, nf: StreamFeatures
    ) -> tuple[str, str] | None:
        offer_words = self._words(offer_id, of, True)
        need_words = self._words(need_id, nf, False)
        return (offer_words, need_words) if offer_words and need_words else None

    def _label(self, kind: str, ident: str) -> tuple[str, str]:
        key = (kind, ident)
        found = self._labels.get(key)
        if found is None:
            found = (self.kb.label(kind, ident, "en"), self.kb.label(kind, ident, "de"))
            self._labels[key] = found
        return found

    def _link_reason(
        self, reasons: Reasons, route: Route, nf: StreamFeatures, need: Stream
    ) -> None:
        named = [c for c in sorted(route.to) if nf.concepts.get(c, 0) > 0]
        if named:
            reasons.add("link_concept", label=self._label("concept", named[0]))
            return
        recv = [r for r in sorted(route.receivers) if r in nf.receivers]
        if recv:
            reasons.add("link_receiver", label=self._label("receiver", recv[0]))
            return
        uses = [u for u in sorted(route.uses) if u in nf.uses]
        if uses:
            reasons.add("link_use", label=self._label("use", uses[0]))
            return
        actor = self.actors.get(need.actor)
        if actor is not None and actor.nace:
            reasons.add("link_sector", nace=actor.nace)

    def _code_reasons(self, reasons: Reasons, offer: Stream, need: Stream) -> None:
        if not offer.ewc:
            return
        bare = offer.ewc.rstrip("*").strip()
        hazardous = offer.hazardous or offer.ewc.endswith("*")
        actor = self.actors.get(need.actor)
        licensed = actor is not None and actor.holds_licence(offer.ewc)
        if need.ewc and need.ewc.rstrip("*").strip() == bare:
            reasons.add("code_same", code=offer.ewc)
        elif need.ewc and need.ewc[:5] == bare[:5]:
            reasons.add("code_group", code=offer.ewc)
        else:
            reasons.add("offer_code", code=offer.ewc)
        if hazardous and licensed:
            reasons.add("hazardous", code=offer.ewc)
        elif licensed:
            reasons.add("licence", code=offer.ewc)

    def _feedback_reason(
        self, reasons: Reasons, offer: Stream, need: Stream, of: StreamFeatures
    ) -> None:
        if not self.feedback:
            return
        actor = self.actors.get(need.actor)
        key = (_main_concept(of) or "", _division(actor.nace if actor else None) or "")
        vote = self.feedback.similar.get(key, 0.0) + self.feedback.exact.get((offer.id, need.id), 0)
        if vote > 0:
            reasons.add("feedback_up")
        elif vote < 0:
            reasons.add("feedback_down")

    def _impact(
        self,
        offer: Stream,
        need: Stream,
        of: StreamFeatures,
        pathway: object,
        coverage: float,
        distance_km: float,
    ) -> tuple[float | None, float | None]:
        from kreislauf.core.knowledge import Pathway

        if self.impact_table is None or not isinstance(pathway, Pathway):
            return (None, None)
        if pathway.avoided_route in (None, "none") and pathway.substitutes is None:
            return (None, None)
        amount = offer.amount
        if amount is None:
            return (None, None)
        if not math.isnan(coverage) and need.amount is not None and coverage >= 1.0:
            with contextlib.suppress(Exception):
                amount = need.amount.to(amount.unit)
        family = None
        for cid in sorted(of.concepts, key=lambda c: -of.concepts[c]):
            concept = self.kb.concepts.get(cid)
            if concept is not None and cid in pathway.from_ and concept.family:
                family = concept.family
                break
        result = estimate_impact(
            self.impact_table,
            material_key=family,
            avoided_route=pathway.avoided_route,
            substitutes=pathway.substitutes,
            ratio=pathway.ratio,
            quantity=amount,
            distance_km=None if math.isnan(distance_km) else distance_km,
        )
        co2 = result.co2e_t
        eur = result.eur
        return (
            None if co2 is None else round(float(co2), 2),
            None if eur is None else round(float(eur), 0),
        )

    # ------------------------------------------------------------------ one stream
    def side_for(self, stream: Stream, features: StreamFeatures) -> Side:
        """A one-stream side for a stream added after the matcher was built."""
        self.features[stream.id] = features
        side = self._side([stream], offers=stream.is_offer)
        if stream.is_offer:
            self._mask_via(side)
        return side


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _qty(stream: Stream) -> str:
    if stream.quantity is None or stream.unit is None:
        return "?"
    return f"{stream.quantity:g} {stream.unit}"


def _tonnes_per_year(stream: Stream) -> float | None:
    amount = stream.amount
    if amount is None or not amount.unit.per_year:
        return None
    try:
        return amount.to(parse_unit("t/a")).value
    except Exception:
        return None


# ---------------------------------------------------------------------- stages


def score(
    matcher: Matcher,
    offer_ids: Sequence[str] | None = None,
    *,
    top_k: int = 5,
    progress: Progress | None = None,
) -> Pairs:
    """Stage 2: candidate pairs (hard rules applied) with their scores, for the given
    offers (default: all), in blocks."""
    rows = (
        np.arange(len(matcher.offers.ids), dtype=np.int64)
        if offer_ids is None
        else np.asarray([matcher.offer_row[o] for o in offer_ids], dtype=np.int64)
    )
    parts = list(matcher.score_all(rows, top_k, progress))
    if not parts:
        empty = np.zeros(0)
        return Pairs(
            empty.astype(np.int64),
            empty.astype(np.int64),
            empty,
            empty,
            empty.astype(bool),
            empty,
            empty,
            empty,
        )
    return Pairs(*(np.concatenate([getattr(p, f) for p in parts]) for f in PAIR_FIELDS))


def candidates(matcher: Matcher, offer_ids: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The (offer id, need id) pairs that pass the hard rules and carry any evidence."""
    pairs = score(matcher, offer_ids)
    return [
        (matcher.offers.ids[r], matcher.needs.ids[c])
        for r, c in zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True)
    ]


def top_k_order(
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    col_rank: np.ndarray,
    k: int,
    pool: int | None = None,
) -> np.ndarray:
    """Indices of the best ``k`` (or ``pool``) pairs per row: score descending, ties by
    the other side's id."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    keep = pool or k
    score_int = np.rint(np.clip(scores, 0.0, 1.0) * 1_000_000).astype(np.int64)
    rank = col_rank[cols].astype(np.int64)
    row_bits = int(rows.max()).bit_length()
    rank_bits = max(int(rank.max()).bit_length(), 1)
    if row_bits + 20 + rank_bits <= 62:
        # one integer key, sorted by numpy's radix sort: row, score descending, id
        key = (
            (rows.astype(np.int64) << (20 + rank_bits))
            | ((1_000_000 - score_int) << rank_bits)
            | rank
        )
        order = np.argsort(key, kind="stable")
    else:
        order = np.lexsort((rank, -score_int, rows))
    sorted_rows = rows[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_rows)) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(sorted_rows)]))
    position = np.arange(len(sorted_rows)) - group_start
    return np.asarray(order[position < keep], dtype=np.int64)


def select(matcher: Matcher, pairs: Pairs, top_k: int = 5) -> list[Match]:
    """Stage 3: the best ``top_k`` needs per offer, explained; ordered by offer id, rank."""
    need_rank = np.arange(len(matcher.needs.ids))  # needs are sorted by id already
    chosen = top_k_order(
        pairs.rows, pairs.cols, pairs.score, need_rank, top_k, pool=top_k + SELECT_POOL
    )
    out: list[Match] = []
    per_offer: dict[int, int] = {}
    for i in chosen.tolist():
        o = int(pairs.rows[i])
        if per_offer.get(o, 0) >= top_k:
            continue
        match = matcher.explain(
            matcher.offers,
            o,
            matcher.needs,
            int(pairs.cols[i]),
            score=float(pairs.score[i]),
            rank=per_offer.get(o, 0) + 1,
            via=bool(pairs.via[i]),
            distance_km=float(pairs.distance_km[i]),
            coverage=float(pairs.coverage[i]),
            text_similarity=float(pairs.text[i]),
        )
        if match is None:
            continue
        per_offer[o] = per_offer.get(o, 0) + 1
        out.append(match)
    out.sort(key=lambda m: (m.offer, m.rank))
    return out


def match_region(
    region: Region,
    kb: KnowledgeBase,
    *,
    top_k: int = 5,
    feedback: Feedback | None = None,
    language: str = "en",
    representations: Representations | None = None,
    progress: Progress | None = None,
    impact_table: FactorTable | None = None,
) -> list[Match]:
    """For every offer its best ``top_k`` needs, best first, with reasons in German and
    English (``language`` is accepted for symmetry with the services; both are filled)."""
    del language
    matcher = Matcher(region, kb, representations, feedback=feedback, impact_table=impact_table)
    total = len(matcher.offers.ids)
    out: list[Match] = []
    rows = np.arange(total, dtype=np.int64)
    for pairs in matcher.score_all(rows, top_k, progress):
        out.extend(select(matcher, pairs, top_k))
    out.sort(key=lambda m: (m.offer, m.rank))
    return out


def match_stream(
    matcher: Matcher,
    stream: Stream,
    kb: KnowledgeBase,
    *,
    top_k: int = 5,
    features: StreamFeatures | None = None,
) -> list[Match]:
    """Match one stream (new or existing) against the other side of the matcher's region.

    An offer gets its best needs; a need gets the offers that serve it best (each
    :class:`Match` still reads offer -> need)."""
    feat = features or represent_streams([stream], kb)[stream.id]
    side = matcher.side_for(stream, feat)
    tf = weighted(side.ngram, matcher.df, matcher.n_docs)
    if stream.is_offer:
        pairs = score_block(
            side,
            matcher.needs,
            np.zeros(1, dtype=np.int64),
            need_ngram_t=matcher.need_ngram_t,
            offer_tfidf=tf,
            need_link_t=matcher.need_link_t,
            need_codes_t=matcher.need_codes_t,
            need_licence_t=matcher.need_licence_t,
            need_kind_t=matcher.need_kind_t,
        )
        order = top_k_order(
            pairs.rows,
            pairs.cols,
            pairs.score,
            np.arange(len(matcher.needs.ids)),
            top_k,
            pool=top_k + 3,
        )
        offers_side, needs_side = side, matcher.needs
        pick = [(0, int(pairs.cols[i]), i) for i in order.tolist()]
    else:
        rows = np.arange(len(matcher.offers.ids), dtype=np.int64)
        pairs = score_block(
            matcher.offers,
            side,
            rows,
            need_ngram_t=sp.csr_matrix(tf.T),
            offer_tfidf=matcher.offer_tfidf,
            need_link_t=powered(sp.csr_matrix(side.link.T)),
            need_codes_t=sp.csr_matrix(side.codes.T),
            need_licence_t=sp.csr_matrix(side.licence.T),
            need_kind_t=sp.csr_matrix(side.kind.T),
        )
        flipped_rows = np.zeros(len(pairs.rows), dtype=np.int64)
        order = top_k_order(
            flipped_rows,
            pairs.rows,
            pairs.score,
            np.arange(len(matcher.offers.ids)),
            top_k,
            pool=top_k + 3,
        )
        offers_side, needs_side = matcher.offers, side
        pick = [(int(pairs.rows[i]), 0, i) for i in order.tolist()]
    out: list[Match] = []
    for o, n, i in pick:
        if len(out) >= top_k:
            break
        match = matcher.explain(
            offers_side,
            o,
            needs_side,
            n,
            score=float(pairs.score[i]),
            rank=len(out) + 1,
            via=bool(pairs.via[i]),
            distance_km=float(pairs.distance_km[i]),
            coverage=float(pairs.coverage[i]),
            text_similarity=float(pairs.text[i]),
        )
        if match is not None:
            out.append(match)
    return out


__all__ = [
    "Feedback",
    "Match",
    "Matcher",
    "candidates",
    "feedback_from_leads",
    "match_region",
    "match_stream",
    "represent",
    "score",
    "select",
    "top_k_order",
]
