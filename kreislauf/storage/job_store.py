"""Background jobs' state in the database, so that any worker process and any page can
read a job's progress (done of total), status and result.

The runner lives in :mod:`kreislauf.web.jobs`; this part only stores. A job is
``queued``, then ``running`` with progress, then ``done`` with a JSON result or
``failed`` with an error message (English template and its parameters, so that each
reader sees it in their own language).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, Integer, String, Table, insert, select, update
from sqlalchemy.orm import Mapped, mapped_column

from kreislauf.errors import NotFoundError
from kreislauf.storage.base import database_errors
from kreislauf.storage.database import read_transaction, write_transaction
from kreislauf.storage.mapping import aware
from kreislauf.storage.tables import ID, Base, utcnow


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    region_id: Mapped[str | None] = mapped_column(ID, index=True)
    status: Mapped[str] = mapped_column(String(20))
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[Any] = mapped_column(JSON, nullable=True)
    error: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_by: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


_jobs: Table = JobRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    kind: str
    region_id: str | None
    status: JobStatus
    done: int
    total: int
    result: Any
    error: dict[str, Any] | None
    created_by: int | None
    created_at: datetime
    updated_at: datetime

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        """Progress in whole percent (100 once done; 0 while the total is unknown)."""
        if self.status is JobStatus.DONE:
            return 100
        if self.total <= 0:
            return 0
        return max(0, min(100, int(100 * self.done / self.total)))


def _job(row: Any) -> Job:
    return Job(
        id=row["id"],
        kind=row["kind"],
        region_id=row["region_id"],
        status=JobStatus(row["status"]),
        done=row["done"],
        total=row["total"],
        result=row["result"],
        error=row["error"],
        created_by=row["created_by"],
        created_at=aware(row["created_at"]),
        updated_at=aware(row["updated_at"]),
    )


class JobStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, job_id: str, kind: str, region_id: str | None, created_by: int | None) -> Job:
        now = utcnow()
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(
                insert(_jobs).values(
                    id=job_id,
                    kind=kind,
                    region_id=region_id,
                    status=JobStatus.QUEUED.value,
                    done=0,
                    total=0,
                    created_by=created_by,
                    created_at=now,
                    updated_at=now,
                )
            )
        return self.get(job_id)

    def _update(self, job_id: str, **values: Any) -> None:
        values["updated_at"] = utcnow()
        with database_errors(), write_transaction(self.engine) as connection:
            connection.execute(update(_jobs).where(_jobs.c.id == job_id).values(**values))

    def start(self, job_id: str) -> None:
        self._update(job_id, status=JobStatus.RUNNING.value)

    def progress(self, job_id: str, done: int, total: int) -> None:
        self._update(job_id, done=int(done), total=int(total))

    def finish(self, job_id: str, result: Any) -> None:
        self._update(job_id, status=JobStatus.DONE.value, result=result)

    def fail(self, job_id: str, template: str, params: dict[str, Any]) -> None:
        error = {"template": template, "params": {k: str(v) for k, v in params.items()}}
        self._update(job_id, status=JobStatus.FAILED.value, error=error)

    def get(self, job_id: str) -> Job:
        with read_transaction(self.engine) as connection:
            row = connection.execute(select(_jobs).where(_jobs.c.id == job_id)).mappings().first()
        if row is None:
            raise NotFoundError('there is no job "{id}"', id=job_id)
        return _job(row)

    def recent(
        self,
        region_id: str,
        limit: int = 10,
        *,
        kind: str | None = None,
        status: JobStatus | None = None,
    ) -> list[Job]:
        """The region's newest jobs (of ``kind``, in ``status``), without their results
        (a matching run's result is large: read it with :meth:`get`)."""
        columns = [c for c in _jobs.c if c.name != "result"]
        query = select(*columns).where(_jobs.c.region_id == region_id)
        if kind is not None:
            query = query.where(_jobs.c.kind == kind)
        if status is not None:
            query = query.where(_jobs.c.status == status.value)
        query = query.order_by(_jobs.c.created_at.desc(), _jobs.c.id).limit(limit)
        with read_transaction(self.engine) as connection:
            rows = connection.execute(query).mappings()
            return [_job({**row, "result": None}) for row in rows]


__all__ = ["Job", "JobRow", "JobStatus", "JobStore"]
