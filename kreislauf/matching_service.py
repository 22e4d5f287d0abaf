"""Matching for the CLI, the web app and the Python API alike.

Thin adapters around :mod:`kreislauf.core.matching`: they load the knowledge base and the
impact factors, read region files, keep stream representations in storage (computed at
import, reused by every later match) and turn matches into the spec's
``kreislauf-matches/1`` JSON.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kreislauf.core.evaluation import evaluate, parse_expected
from kreislauf.core.impact import FactorTable
from kreislauf.core.knowledge import KnowledgeBase
from kreislauf.core.matching import (
    Feedback,
    Match,
    Matcher,
    feedback_from_leads,
    match_region,
    match_stream,
)
from kreislauf.core.region import Region
from kreislauf.core.represent import (
    Representations,
    StreamFeatures,
    model_key,
    represent_streams,
    vocabulary,
)
from kreislauf.core.streams import Stream
from kreislauf.core.text import ngram_counts
from kreislauf.errors import InputError, KreislaufError, Problem, ValidationError
from kreislauf.knowledge_base import load_knowledge_base

if TYPE_CHECKING:
    from kreislauf.storage.repository import Repository

Progress = Callable[[int, int], None]

MATCHES_FORMAT = "kreislauf-matches/1"


def knowledge_base() -> KnowledgeBase:
    """The knowledge base (shipped files plus the facilitators' own)."""
    return load_knowledge_base()


def impact_table() -> FactorTable | None:
    """The impact factor table, or None where it cannot be loaded (no estimates then)."""
    try:
        from kreislauf.impact_factors import load_factor_table
    except ImportError:  # pragma: no cover - ships with the package
        return None
    try:
        return load_factor_table()
    except KreislaufError:
        return None


# ---------------------------------------------------------------------- files


def match_region_data(
    region: Region,
    *,
    top_k: int = 5,
    feedback: Feedback | None = None,
    representations: Representations | None = None,
    progress: Progress | None = None,
) -> list[Match]:
    """Match a region already in memory."""
    _check_top_k(top_k)
    if len(region.streams) < PARALLEL_MIN_STREAMS:
        return match_region(
            region,
            knowledge_base(),
            top_k=top_k,
            feedback=feedback,
            representations=representations,
            progress=progress,
            impact_table=impact_table(),
        )
    matcher = Matcher(
        region, knowledge_base(), representations, feedback=feedback, impact_table=impact_table()
    )
    return run_matcher(matcher, top_k, progress)


# ---------------------------------------------------------------------- parallel runs

#: Regions with at least this many streams are scored by two worker processes.
PARALLEL_MIN_STREAMS = 20_000
_WORKER_MATCHER: Matcher | None = None


def _worker(args: tuple[Any, int]) -> list[Match]:
    rows, top_k = args
    from kreislauf.core.matching import select

    matcher = _WORKER_MATCHER
    assert matcher is not None
    out: list[Match] = []
    for pairs in matcher.score_all(rows, top_k):
        out.extend(select(matcher, pairs, top_k))
    return out


def run_matcher(
    matcher: Matcher,
    top_k: int,
    progress: Progress | None = None,
    *,
    meanwhile: Callable[[], object] | None = None,
) -> list[Match]:
    """Every offer's best ``top_k`` needs; large regions in two forked processes that
    share the built matcher (copy on write), each taking every other spatial block.

    ``meanwhile`` runs in this process while the workers score (or after scoring where
    there are none): preparation for later calls that the matching itself does not need."""
    import multiprocessing
    import os

    import numpy as np

    from kreislauf.core.matching import select

    global _WORKER_MATCHER
    rows = np.arange(len(matcher.offers.ids), dtype=np.int64)
    workers = min(2, os.cpu_count() or 1)
    out: list[Match] = []
    if (
        workers < 2
        # forking is safe only where no other thread runs (not in a threaded web server)
        or threading.active_count() > 1
        or len(matcher.region.streams) < PARALLEL_MIN_STREAMS
        or ("fork" not in multiprocessing.get_all_start_methods())
    ):
        for pairs in matcher.score_all(rows, top_k, progress):
            out.extend(select(matcher, pairs, top_k))
        if meanwhile is not None:
            meanwhile()
    else:
        # split along the spatial blocks so that each worker keeps its tiles together
        blocks = [b for _, b in matcher.blocks(rows)]
        parts = [
            np.sort(np.concatenate(blocks[i::workers]))
            for i in range(workers)
            if blocks[i::workers]
        ]
        _WORKER_MATCHER = matcher
        try:
            with multiprocessing.get_context("fork").Pool(len(parts)) as pool:
                results = pool.imap_unordered(_worker, [(p, top_k) for p in parts])
                if meanwhile is not None:
                    meanwhile()
                for done, found in enumerate(results, 1):
                    out.extend(found)
                    if progress is not None:
                        progress(done, len(parts))
        finally:
            _WORKER_MATCHER = None
    out.sort(key=lambda m: (m.offer, m.rank))
    return out


def read_region_file(path: Path | str) -> Region:
    """A region from a region file (JSON) or spreadsheet, validated; ValidationError
    names the field where it is not valid."""
    from kreislauf.services import read_file

    return read_file(Path(path))


def match_file(
    path: Path | str, top_k: int = 5, *, progress: Progress | None = None
) -> list[Match]:
    """Match the region in a file: for every offer its best ``top_k`` needs."""
    return match_region_data(read_region_file(path), top_k=top_k, progress=progress)


def _check_top_k(top_k: int) -> None:
    if not isinstance(top_k, int) or top_k < 1:
        raise InputError("--top must be a whole number of at least 1, not {value}", value=top_k)


# ---------------------------------------------------------------------- stored regions

_MATCHERS: dict[tuple[str, str], Matcher] = {}
_LOCK = threading.Lock()


def _cache_key(repo: Repository, region_id: str) -> tuple[str, str]:
    return (str(repo.engine.url), region_id)


def stored_representations(
    repo: Repository,
    region_id: str,
    region: Region,
    kb: KnowledgeBase,
    *,
    progress: Progress | None = None,
) -> Representations:
    """The region's stored representations; missing ones are computed and stored."""
    key = model_key(kb)
    stored = repo.load_features(region_id, key)
    features: dict[str, StreamFeatures] = {}
    broken: list[str] = []
    for sid, raw in stored.items():
        try:
            features[sid] = StreamFeatures.from_bytes(raw)
        except (ValueError, KeyError):
            broken.append(sid)
    missing = [s for s in region.streams if s.id not in features]
    if missing:
        fresh = represent_streams(missing, kb, progress=progress)
        repo.save_features(region_id, key, {sid: f.to_bytes() for sid, f in fresh.items()})
        features.update(fresh)
    return Representations(key, features)


def represent_and_store(
    repo: Repository,
    region_id: str,
    *,
    region: Region | None = None,
    progress: Progress | None = None,
) -> int:
    """Compute and store the representations of every stream of a stored region that
    has none yet (called at import). Returns how many were computed."""
    kb = knowledge_base()
    region = region or repo.load_region(region_id)
    key = model_key(kb)
    missing = set(repo.missing_features(region_id, key))
    todo = [s for s in region.streams if s.id in missing]
    if not todo:
        return 0
    features = represent_streams(todo, kb, progress=progress)
    repo.save_features(region_id, key, {sid: f.to_bytes() for sid, f in features.items()})
    return len(todo)


def _feedback(repo: Repository, region_id: str, region: Region, reps: Representations) -> Feedback:
    try:
        leads = repo.list_leads(region_id)
    except KreislaufError:
        return Feedback()
    return feedback_from_leads(leads, region, reps.features)


def _prepare_for_new_streams(kb: KnowledgeBase) -> None:
    """Build what reading a new stream's text needs (the spotting vocabulary, the n-gram
    hasher and its imports), so that the first one-stream match is as fast as the next."""
    vocabulary(kb)
    ngram_counts(["warm-up"])


def stored_matcher(
    repo: Repository,
    region_id: str,
    *,
    refresh: bool = False,
    progress: Progress | None = None,
    prepare: bool = True,
) -> Matcher:
    """The matcher of a stored region, kept in this process for one-stream matching
    (``prepare``: also get ready for streams added later, see _prepare_for_new_streams)."""
    key = _cache_key(repo, region_id)
    with _LOCK:
        cached = _MATCHERS.get(key)
    if cached is not None and not refresh:
        return cached
    kb = knowledge_base()
    region = repo.load_region(region_id)
    reps = stored_representations(repo, region_id, region, kb, progress=progress)
    matcher = Matcher(
        region,
        kb,
        reps,
        feedback=_feedback(repo, region_id, region, reps),
        impact_table=impact_table(),
    )
    if prepare:
        _prepare_for_new_streams(kb)
    with _LOCK:
        _MATCHERS[key] = matcher
    return matcher


def match_stored(
    repo: Repository,
    region_id: str,
    top_k: int = 5,
    *,
    progress: Progress | None = None,
) -> list[Match]:
    """Match a stored region warm: its representations come from storage (computed at
    import; missing ones are computed and stored now); leads feed back into the ranking."""
    _check_top_k(top_k)
    matcher = stored_matcher(repo, region_id, refresh=True, prepare=False)
    # readiness for streams added later is built while the workers score
    return run_matcher(
        matcher, top_k, progress, meanwhile=lambda: _prepare_for_new_streams(matcher.kb)
    )


def match_one_stream(
    repo: Repository, region_id: str, stream: Stream | str, top_k: int = 5
) -> list[Match]:
    """Match one stream of a stored region (for instance one just added) against the
    rest: an offer gets its best needs, a need the offers that serve it best.

    Uses the region's matcher kept in this process (built on first use). The stream's
    representation comes from the matcher or storage; a new stream's is computed once
    here and stored.
    """
    _check_top_k(top_k)
    if isinstance(stream, str):
        stream = repo.get_stream(region_id, stream)
    matcher = stored_matcher(repo, region_id)
    kb = matcher.kb
    features = matcher.features.get(stream.id)
    if features is None:
        stored = repo.load_features(region_id, model_key(kb), [stream.id])
        if stream.id in stored:
            with contextlib.suppress(ValueError, KeyError):
                features = StreamFeatures.from_bytes(stored[stream.id])
    if features is None:
        features = represent_streams([stream], kb)[stream.id]
        # a stream that is not stored (a what-if) is matched without storing
        with contextlib.suppress(InputError):
            repo.save_features(region_id, model_key(kb), {stream.id: features.to_bytes()})
    return match_stream(matcher, stream, kb, top_k=top_k, features=features)


# ---------------------------------------------------------------------- output


def match_to_dict(match: Match, language: str) -> dict[str, Any]:
    return {
        "offer": match.offer,
        "need": match.need,
        "rank": match.rank,
        "score": match.score,
        "distance_km": match.distance_km,
        "reasons": list(match.reasons(language)),
        "co2e_t_per_year": match.co2e_t_per_year,
        "eur_per_year": match.eur_per_year,
        "via": list(match.via),
        "pathway": match.pathway,
        "quantity_coverage": match.quantity_coverage,
    }


def matches_to_json(matches: Sequence[Match], language: str = "en") -> dict[str, Any]:
    """The spec's ``kreislauf-matches/1`` document, reasons in ``language``.

    Beyond the spec's fields each match carries ``eur_per_year``, ``pathway`` and
    ``quantity_coverage`` (documented additions)."""
    return {"format": MATCHES_FORMAT, "matches": [match_to_dict(m, language) for m in matches]}


# ---------------------------------------------------------------------- evaluation


def read_expected(path: Path | str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            "cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            [
                Problem(
                    str(path),
                    "is not valid JSON (line {line}): {detail}",
                    {"line": exc.lineno, "detail": exc.msg},
                )
            ]
        ) from exc
    return parse_expected(document)


def evaluate_file(
    region_path: Path | str,
    expected_path: Path | str,
    top_k: int = 10,
    *,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Hit rate at ``top_k``, MRR, violations and a per-offer breakdown as a dict."""
    _check_top_k(top_k)
    expected = read_expected(expected_path)
    region = read_region_file(region_path)
    matches = match_region_data(region, top_k=top_k, progress=progress)
    return evaluate(matches, expected, top_k).as_dict()


__all__ = [
    "MATCHES_FORMAT",
    "evaluate_file",
    "impact_table",
    "knowledge_base",
    "match_file",
    "match_one_stream",
    "match_region_data",
    "match_stored",
    "match_to_dict",
    "matches_to_json",
    "read_region_file",
    "represent_and_store",
    "stored_matcher",
    "stored_representations",
]
