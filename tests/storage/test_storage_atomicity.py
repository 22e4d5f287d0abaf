"""Imports are all-or-nothing: whatever fails midway, the database is exactly as before."""

from __future__ import annotations

import dataclasses

import pytest

from kreislauf.core import Region
from kreislauf.errors import ConflictError, ValidationError
from kreislauf.storage import Repository, repository
from tests.db import dump
from tests.storage.regions import generated_region, small_region

CHUNKS = 3 * repository.CHUNK  # big enough that several insert statements have run


class Boom(Exception):
    pass


def _fail_after(rows: int):  # type: ignore[no-untyped-def]
    def progress(done: int, total: int) -> None:
        if done >= rows:
            raise Boom(f"stopped at {done} of {total}")

    return progress


@pytest.fixture
def stored(repo: Repository) -> Repository:
    """A repository that already holds a region, a lead, features and log entries."""
    repo.save_region(small_region())
    repo.record_lead("soest", "o1", "n1")
    repo.save_features("soest", "m/1", {"o1": b"\x00\x01"})
    return repo


def test_an_exception_from_progress_midway_leaves_no_trace(stored: Repository) -> None:
    before = dump(stored.engine)
    big = generated_region("big", 50, CHUNKS)
    with pytest.raises(Boom):
        stored.save_region(big, progress=_fail_after(2 * repository.CHUNK))
    assert dump(stored.engine) == before
    assert not stored.has_region("big")


def test_a_bad_row_that_slips_past_validation_leaves_no_trace(
    stored: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(stored.engine)
    big = generated_region("big", 50, CHUNKS)
    orphan = dataclasses.replace(big.streams[-1], id="orphan", actor="no-such-actor")
    bad = dataclasses.replace(big, streams=(*big.streams, orphan))
    monkeypatch.setattr(repository, "check_region", lambda region: None)
    with pytest.raises(ConflictError, match="refused"):
        stored.save_region(bad)  # the database's foreign key stops it at the last row
    assert dump(stored.engine) == before


def test_values_the_databases_would_treat_differently_are_refused(stored: Repository) -> None:
    before = dump(stored.engine)
    big = generated_region("big", 5, 20)
    odd = dataclasses.replace(big.streams[-1], extra={"not json": {1, 2}})
    nan = dataclasses.replace(big.streams[0], quantity=float("nan"))
    with pytest.raises(ValidationError) as caught:
        stored.save_region(dataclasses.replace(big, streams=(nan, *big.streams[1:-1], odd)))
    assert [p.path for p in caught.value.problems] == ["streams[0].quantity", "streams[19].extra"]
    assert dump(stored.engine) == before


def test_a_failed_replace_keeps_the_old_region(stored: Repository) -> None:
    before = dump(stored.engine)
    newer = generated_region("soest", 50, CHUNKS)
    with pytest.raises(Boom):
        stored.save_region(newer, replace=True, progress=_fail_after(repository.CHUNK))
    assert dump(stored.engine) == before
    assert stored.load_region("soest") == small_region()


def test_replace_swaps_the_region_and_keeps_its_leads(stored: Repository) -> None:
    newer: Region = small_region(name="Kreis Soest (2025)")
    newer = dataclasses.replace(newer, streams=newer.streams[1:])  # o1 is gone
    stored.save_region(newer, replace=True)
    assert stored.load_region("soest") == newer
    leads = stored.list_leads("soest")
    assert [(lead.offer_id, lead.need_id) for lead in leads] == [("o1", "n1")]
    assert stored.load_features("soest", "m/1") == {}
    created = {s.id: s.updated_at for s in stored.list_regions()}
    assert set(created) == {"soest"}
