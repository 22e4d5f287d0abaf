"""Background jobs for long work (matching a large region, imports): an in-process thread
pool whose jobs keep their state in the database (:mod:`kreislauf.storage.job_store`).

A page starts a job and gets its id at once; the job's work receives a ``progress(done,
total)`` callback, which is written to the database at most a few times a second, so
any worker process and any page can show it (an htmx fragment polls
``/jobs/{id}``). The result must be JSON (it is stored); a failure stores the error's
English template and parameters, and each reader sees it in their own language.

Kinds of job the web app runs:

- ``match``: match a stored region warm; the result holds every match with its reasons
  in German and English (see :func:`match_region_job`), which the matches page shows.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from kreislauf.errors import KreislaufError
from kreislauf.storage.job_store import Job, JobStatus, JobStore

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]

#: Seconds between two progress writes of one job (the last one is always written).
PROGRESS_INTERVAL = 0.25


class JobRunner:
    """Runs work in a small thread pool and records it in the ``jobs`` table."""

    def __init__(self, engine: Engine, workers: int = 1) -> None:
        self.store = JobStore(engine)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kreislauf-job")
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(
        self,
        kind: str,
        work: Work,
        *,
        region_id: str | None = None,
        created_by: int | None = None,
    ) -> Job:
        """Queue ``work`` and return its job (queued) at once."""
        job_id = uuid.uuid4().hex
        job = self.store.create(job_id, kind, region_id, created_by)
        future = self._pool.submit(self._run, job_id, work)
        with self._lock:
            self._futures[job_id] = future
        future.add_done_callback(lambda _: self._forget(job_id))
        return job

    def _forget(self, job_id: str) -> None:
        with self._lock:
            self._futures.pop(job_id, None)

    def _run(self, job_id: str, work: Work) -> None:
        store = self.store
        store.start(job_id)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if done >= total or now - last[0] >= PROGRESS_INTERVAL:
                last[0] = now
                store.progress(job_id, done, total)

        try:
            result = work(progress)
        except KreislaufError as error:
            store.fail(job_id, error.message, error.params)
        except Exception as error:
            store.fail(
                job_id, "the job failed: {reason}", {"reason": f"{type(error).__name__}: {error}"}
            )
        else:
            store.finish(job_id, result)

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        """Wait for a job of this process to finish (tests, the CLI) and return it."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout=timeout)
        return self.store.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)


def runner_of(app: Any) -> JobRunner:
    """The app's job runner (made on first use, on the app's database)."""
    runner = getattr(app.state, "jobs", None)
    if runner is None:
        with _APP_LOCK:
            runner = getattr(app.state, "jobs", None)
            if runner is None:
                runner = JobRunner(app.state.repo.engine)
                app.state.jobs = runner
    return runner  # type: ignore[no-any-return]


_APP_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class StoredMatch:
    """A match read back from a job's result: the fields the pages show, with
    ``reasons(language)`` like the engine's matches."""

    offer: str
    need: str
    rank: int
    score: float
    distance_km: float | None
    reasons_de: tuple[str, ...]
    reasons_en: tuple[str, ...]
    co2e_t_per_year: float | None
    eur_per_year: float | None
    via: tuple[str, ...]
    pathway: str | None

    def reasons(self, language: str) -> tuple[str, ...]:
        return self.reasons_en if language == "en" else self.reasons_de

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoredMatch:
        return cls(
            offer=str(data["offer"]),
            need=str(data["need"]),
            rank=int(data["rank"]),
            score=float(data["score"]),
            distance_km=data.get("distance_km"),
            reasons_de=tuple(data.get("reasons_de") or ()),
            reasons_en=tuple(data.get("reasons_en") or ()),
            co2e_t_per_year=data.get("co2e_t_per_year"),
            eur_per_year=data.get("eur_per_year"),
            via=tuple(data.get("via") or ()),
            pathway=data.get("pathway"),
        )


def match_to_stored(match: Any) -> dict[str, Any]:
    return {
        "offer": match.offer,
        "need": match.need,
        "rank": match.rank,
        "score": match.score,
        "distance_km": match.distance_km,
        "reasons_de": list(match.reasons("de")),
        "reasons_en": list(match.reasons("en")),
        "co2e_t_per_year": match.co2e_t_per_year,
        "eur_per_year": match.eur_per_year,
        "via": list(match.via),
        "pathway": match.pathway,
    }


def match_region_job(repo: Any, region_id: str, top_k: int = 5) -> Work:
    """The work of a ``match`` job: match the stored region warm (leads feed back into
    the ranking) and keep every match with its reasons in both languages."""

    def work(progress: Progress) -> dict[str, Any]:
        from kreislauf.matching_service import match_stored

        found = match_stored(repo, region_id, top_k=top_k, progress=progress)
        return {"top": top_k, "matches": [match_to_stored(m) for m in found]}

    return work


def stored_matches(job: Job) -> list[StoredMatch]:
    """The matches of a finished ``match`` job read with its result (empty otherwise)."""
    if job.kind != "match" or not isinstance(job.result, dict):
        return []
    return [StoredMatch.from_dict(item) for item in job.result.get("matches", [])]


_MATCHES: dict[str, list[StoredMatch]] = {}
_MATCHES_LOCK = threading.Lock()
#: Finished matching runs kept in memory (a run's result never changes).
KEPT_RUNS = 4


def matches_of(runner: JobRunner, job: Job) -> list[StoredMatch]:
    """The matches of a finished ``match`` job, read once and kept (by job id)."""
    with _MATCHES_LOCK:
        if job.id in _MATCHES:
            return _MATCHES[job.id]
    found = stored_matches(runner.store.get(job.id))
    with _MATCHES_LOCK:
        while len(_MATCHES) >= KEPT_RUNS:
            _MATCHES.pop(next(iter(_MATCHES)))
        _MATCHES[job.id] = found
    return found


def latest_job(
    runner: JobRunner, region_id: str, kind: str, status: JobStatus | None = None
) -> Job | None:
    """The region's newest job of ``kind`` (in ``status``), without its result."""
    found = runner.store.recent(region_id, limit=1, kind=kind, status=status)
    return found[0] if found else None


__all__ = [
    "JobRunner",
    "StoredMatch",
    "latest_job",
    "match_region_job",
    "match_to_stored",
    "matches_of",
    "runner_of",
    "stored_matches",
]
