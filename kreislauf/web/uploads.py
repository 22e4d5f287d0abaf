"""Spreadsheet and region-file uploads: size-limited, validated in full, previewed, then
stored all-or-nothing.

An upload is kept in ``<data_dir>/uploads`` under a random name between the preview and
the confirmation; the confirmation reads it again (nothing trusts the browser with the
data). ``merge`` adds new actors and streams and replaces those with the same ids;
``replace`` swaps the region's actors and streams for the file's. Either way one
transaction: a problem anywhere changes nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kreislauf.core.region import Region
from kreislauf.errors import InputError
from kreislauf.settings import Settings

Mode = Literal["merge", "replace"]
SUFFIXES = (".json", ".xlsx", ".xlsm", ".csv")
TOKEN_LENGTH = 24
#: How long an upload waits for its confirmation.
KEEP_SECONDS = 24 * 3600


def upload_dir(settings: Settings) -> Path:
    folder = settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_name(filename: str | None) -> str:
    """The file's suffix where it is one kreislauf reads; :class:`InputError` else."""
    name = filename or ""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            'cannot read "{name}": use a region file (.json) or a spreadsheet (.xlsx, .csv)',
            name=name or "?",
        )
    return suffix


def too_large(size: int, settings: Settings) -> InputError:
    return InputError(
        "the file is too large ({size} MB); the limit is {limit} MB",
        size=f"{size / 1024 / 1024:.1f}",
        limit=f"{settings.max_import_mb:g}",
    )


def prune(settings: Settings, older_than_s: float = KEEP_SECONDS) -> int:
    """Delete kept uploads nobody confirmed or cancelled; returns how many."""
    limit = time.time() - older_than_s
    gone = 0
    for path in upload_dir(settings).iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                gone += 1
        except OSError:
            continue
    return gone


def stash(data: bytes, suffix: str, settings: Settings) -> str:
    """Keep an uploaded file; the token names it. Old forgotten uploads go on the way."""
    if len(data) > settings.max_import_bytes:
        raise too_large(len(data), settings)
    prune(settings)
    token = secrets.token_urlsafe(TOKEN_LENGTH)
    (upload_dir(settings) / f"{token}{suffix}").write_bytes(data)
    return token


def stashed(token: str, settings: Settings) -> Path:
    """The kept file of ``token`` (:class:`InputError` where it is gone)."""
    if not token or not all(c.isalnum() or c in "-_" for c in token):
        raise InputError("the upload has expired; please upload the file again")
    for suffix in SUFFIXES:
        path = upload_dir(settings) / f"{token}{suffix}"
        if path.is_file():
            return path
    raise InputError("the upload has expired; please upload the file again")


def discard(token: str, settings: Settings) -> None:
    with contextlib.suppress(InputError):
        stashed(token, settings).unlink(missing_ok=True)


def read_upload(path: Path, region_id: str, settings: Settings) -> Region:
    """The validated region in an uploaded file, under ``region_id``."""
    from kreislauf import services

    return services.read_file(path, region_id=region_id, settings=settings)


@dataclass(frozen=True)
class Preview:
    """What an import would change."""

    incoming: Region
    result: Region
    new_actors: int
    changed_actors: int
    new_streams: int
    changed_streams: int
    removed_actors: int
    removed_streams: int


def combine(current: Region | None, incoming: Region, mode: Mode) -> Preview:
    """The region after importing ``incoming`` into ``current`` in ``mode``."""
    if current is None:
        return Preview(incoming, incoming, len(incoming.actors), 0, len(incoming.streams), 0, 0, 0)
    old_actors, old_streams = current.actors_by_id, current.streams_by_id
    new_actor_ids = {a.id for a in incoming.actors}
    new_stream_ids = {s.id for s in incoming.streams}
    if mode == "replace":
        result = dataclasses.replace(
            incoming, name=current.name, nuts=current.nuts, ags=current.ags, extra=current.extra
        )
        removed_a = len(set(old_actors) - new_actor_ids)
        removed_s = len(set(old_streams) - new_stream_ids)
    else:
        incoming_actors = incoming.actors_by_id
        incoming_streams = incoming.streams_by_id
        actors = [incoming_actors.get(a.id, a) for a in current.actors]
        actors += [a for a in incoming.actors if a.id not in old_actors]
        streams = [incoming_streams.get(s.id, s) for s in current.streams]
        streams += [s for s in incoming.streams if s.id not in old_streams]
        result = dataclasses.replace(current, actors=tuple(actors), streams=tuple(streams))
        removed_a = removed_s = 0
    return Preview(
        incoming=incoming,
        result=result,
        new_actors=len(new_actor_ids - set(old_actors)),
        changed_actors=len(new_actor_ids & set(old_actors)),
        new_streams=len(new_stream_ids - set(old_streams)),
        changed_streams=len(new_stream_ids & set(old_streams)),
        removed_actors=removed_a,
        removed_streams=removed_s,
    )


def check_combined(region: Region) -> None:
    """The combined region is consistent (every stream's actor exists, ids unique)."""
    from kreislauf.storage.repository import check_region

    check_region(region)


def store(preview: Preview, settings: Settings) -> None:
    """Store the combined region in one transaction (and its matching representations)."""
    from kreislauf import services

    check_combined(preview.result)
    services.import_region(preview.result, replace=True, settings=settings)


__all__ = [
    "Mode",
    "Preview",
    "check_name",
    "combine",
    "discard",
    "prune",
    "read_upload",
    "stash",
    "stashed",
    "store",
    "too_large",
    "upload_dir",
]
