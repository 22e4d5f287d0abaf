"""Kept uploads: tokens, expiry, merge and replace."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kreislauf.core.actors import Actor
from kreislauf.core.region import Region
from kreislauf.core.streams import Direction, Stream
from kreislauf.errors import InputError
from kreislauf.settings import Settings
from kreislauf.web import uploads

OLD = Region(
    "r",
    "Alt",
    nuts="DED43",
    actors=(Actor("a1", "Eins"), Actor("a2", "Zwei")),
    streams=(Stream("s1", "a1", Direction.OFFER, "Späne"),),
)
NEW = Region(
    "r",
    "Neu",
    actors=(Actor("a2", "Zwei neu"), Actor("a3", "Drei")),
    streams=(Stream("s2", "a3", Direction.NEED, "Wärme"),),
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, max_import_mb=0.01)


def test_a_kept_upload_is_found_by_its_token_only(settings: Settings) -> None:
    token = uploads.stash(b"{}", ".json", settings)
    assert uploads.stashed(token, settings).read_bytes() == b"{}"
    for bad in ("", "../x", token[:-1] + "!"):
        with pytest.raises(InputError, match="expired"):
            uploads.stashed(bad, settings)
    uploads.discard(token, settings)
    with pytest.raises(InputError):
        uploads.stashed(token, settings)


def test_too_large_and_foreign_files_are_refused(settings: Settings) -> None:
    with pytest.raises(InputError, match="too large"):
        uploads.stash(b"x" * 20_000, ".csv", settings)
    with pytest.raises(InputError, match="cannot read"):
        uploads.check_name("setup.exe")
    assert uploads.check_name("Firmen.XLSX") == ".xlsx"


def test_forgotten_uploads_are_pruned(settings: Settings) -> None:
    token = uploads.stash(b"{}", ".json", settings)
    path = uploads.stashed(token, settings)
    old = time.time() - uploads.KEEP_SECONDS - 10
    os.utime(path, (old, old))
    uploads.stash(b"{}", ".json", settings)
    assert not path.exists()


def test_merge_adds_and_replaces_by_id_and_keeps_the_rest() -> None:
    preview = uploads.combine(OLD, NEW, "merge")
    assert [a.name for a in preview.result.actors] == ["Eins", "Zwei neu", "Drei"]
    assert [s.id for s in preview.result.streams] == ["s1", "s2"]
    assert preview.result.name == "Alt" and preview.result.nuts == "DED43"
    assert (preview.new_actors, preview.changed_actors, preview.removed_actors) == (1, 1, 0)


def test_replace_takes_the_files_content_and_keeps_the_regions_name() -> None:
    preview = uploads.combine(OLD, NEW, "replace")
    assert [a.id for a in preview.result.actors] == ["a2", "a3"]
    assert preview.result.name == "Alt" and preview.result.nuts == "DED43"
    assert (preview.removed_actors, preview.removed_streams) == (1, 1)
