"""Application services: what the CLI, the web app and the Python API do, in one place.

Each function takes plain arguments and returns domain objects or plain data, so that the
shells around it (``kreislauf.cli``, later ``kreislauf.web``) stay thin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kreislauf.core.region import Region
from kreislauf.errors import InputError
from kreislauf.settings import Settings, get_settings

if TYPE_CHECKING:
    from kreislauf.storage.repository import Repository

ProgressCallback = Callable[[int, int], None]
ExportFormat = Literal["json", "xlsx", "csv"]


@lru_cache(maxsize=8)
def _repository_for(url: str) -> Repository:
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    repo = Repository(make_engine(url))
    repo.upgrade()
    return repo


def open_repository(settings: Settings | None = None) -> Repository:
    """The repository of the configured database, migrated to the newest schema."""
    settings = settings or get_settings()
    return _repository_for(settings.effective_database_url)


def read_file(
    path: Path, *, region_id: str | None = None, settings: Settings | None = None
) -> Region:
    """A region from a region file (JSON) or a spreadsheet (XLSX, CSV), validated."""
    from kreislauf.importers import read_any

    settings = settings or get_settings()
    return read_any(path, region_id=region_id, max_bytes=settings.max_import_bytes)


@dataclass(frozen=True)
class ImportResult:
    region_id: str
    actors: int
    offers: int
    needs: int
    replaced: bool


def import_region(
    region: Region,
    *,
    replace: bool = False,
    progress: ProgressCallback | None = None,
    settings: Settings | None = None,
) -> ImportResult:
    """Store ``region`` all-or-nothing and compute its matching representations."""
    from kreislauf.matching_service import represent_and_store

    repo = open_repository(settings)
    existed = region.id in {r.id for r in repo.list_regions()}
    if existed and not replace:
        from kreislauf.errors import ConflictError

        raise ConflictError(
            'region "{region}" exists already; use --replace to overwrite it', region=region.id
        )
    repo.save_region(region, replace=replace, progress=progress)
    represent_and_store(repo, region.id, region=region)
    counts = region.summary()
    return ImportResult(region.id, counts["actors"], counts["offers"], counts["needs"], existed)


def export_region(
    region_id: str,
    path: Path,
    *,
    format: ExportFormat | None = None,
    settings: Settings | None = None,
) -> list[Path]:
    """Write a stored region to ``path``; returns the files written."""
    from kreislauf.importers import write_any

    fmt = format or _format_from_suffix(path)
    region = open_repository(settings).load_region(region_id)
    return write_any(region, path, fmt)


def _format_from_suffix(path: Path) -> ExportFormat:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("json", "xlsx", "csv"):
        return suffix  # type: ignore[return-value]
    raise InputError(
        'cannot tell the format from "{name}"; give --format json, xlsx or csv', name=path.name
    )


__all__ = [
    "ImportResult",
    "export_region",
    "import_region",
    "open_repository",
    "read_file",
]
