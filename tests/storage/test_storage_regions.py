"""Regions in and out: round trips, several regions per database, replace, delete."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

from kreislauf.core import Region
from kreislauf.errors import ConflictError, NotFoundError, ValidationError
from kreislauf.storage import Repository
from tests.storage.regions import generated_region, regions, small_region


def test_a_region_comes_back_equal_in_its_order(repo: Repository) -> None:
    region = small_region()
    summary = repo.save_region(region)
    assert (summary.actors, summary.offers, summary.needs) == (3, 3, 2)
    assert repo.load_region("soest") == region


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(region=regions(region_id="h"))
def test_any_region_round_trips(repo: Repository, region: Region) -> None:
    repo.save_region(region, replace=True)
    loaded = repo.load_region("h")
    assert loaded == region
    # order aside is not enough here: the file's order is kept
    assert [s.id for s in loaded.streams] == [s.id for s in region.streams]


def test_several_regions_share_one_database_and_their_ids(repo: Repository) -> None:
    soest = small_region("soest", "Kreis Soest")
    hamm = small_region("hamm", "Stadt Hamm")
    hamm = dataclasses.replace(
        hamm, streams=(*hamm.streams[:2], dataclasses.replace(hamm.streams[2], title="Stroh"))
    )
    repo.save_region(soest)
    repo.save_region(hamm)
    assert repo.load_region("soest") == soest
    assert repo.load_region("hamm") == hamm
    listed = {s.id: (s.name, s.actors, s.offers, s.needs) for s in repo.list_regions()}
    assert listed == {"hamm": ("Stadt Hamm", 3, 2, 1), "soest": ("Kreis Soest", 3, 3, 2)}
    repo.delete_region("hamm")
    assert [s.id for s in repo.list_regions()] == ["soest"]
    assert repo.load_region("soest") == soest


def test_a_stored_id_is_a_conflict_unless_replaced(repo: Repository) -> None:
    repo.save_region(small_region())
    with pytest.raises(ConflictError, match='region "soest" is already stored'):
        repo.save_region(small_region(name="Anders"))
    assert repo.load_region("soest").name == "Kreis Soest"
    newer = generated_region("soest", 4, 9)
    repo.save_region(newer, replace=True)
    assert repo.load_region("soest") == newer
    assert [r.action for r in repo.import_log("soest")] == ["import", "replace"]


def test_unknown_ids_suggest_the_nearest(repo: Repository) -> None:
    with pytest.raises(NotFoundError, match="holds no regions yet"):
        repo.load_region("soest")
    repo.save_region(small_region())
    repo.save_region(small_region("hochsauerland", "Hochsauerlandkreis"))
    with pytest.raises(NotFoundError, match='did you mean "soest"') as caught:
        repo.load_region("Soestt")
    assert caught.value.params == {"region": "Soestt", "suggestion": "soest"}
    with pytest.raises(NotFoundError, match="stored regions: hochsauerland, soest"):
        repo.load_region("zzz")
    with pytest.raises(NotFoundError, match='did you mean "soest"'):
        repo.delete_region("soes")


def test_delete_removes_everything_of_the_region_and_logs_it(repo: Repository) -> None:
    repo.save_region(small_region(), by="anna", source="soest.json")
    repo.record_lead("soest", "o1", "n1")
    repo.save_features("soest", "m/1", {"o1": b"x"})
    repo.delete_region("soest", by="ben")
    assert not repo.has_region("soest")
    assert repo.list_regions() == []
    log = repo.import_log()
    assert [(r.action, r.by, r.source, r.actors, r.streams) for r in log] == [
        ("import", "anna", "soest.json", 3, 5),
        ("delete", "ben", None, 3, 5),
    ]
    repo.save_region(small_region())  # the id is free again, nothing left over
    assert repo.list_leads("soest") == []
    assert repo.load_features("soest", "m/1") == {}


def test_invalid_regions_are_refused_before_the_database(repo: Repository) -> None:
    region = small_region()
    broken = dataclasses.replace(
        region,
        actors=(*region.actors, region.actors[0]),
        streams=(*region.streams, dataclasses.replace(region.streams[0], id="x", actor="nobody")),
    )
    with pytest.raises(ValidationError) as caught:
        repo.save_region(broken)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["actors[3].id", "streams[5].actor"]
    too_long = dataclasses.replace(region, id="r" * 201)
    with pytest.raises(ValidationError, match="1 to 200 characters"):
        repo.save_region(too_long)
    assert repo.list_regions() == []


def test_progress_counts_every_row(repo: Repository) -> None:
    calls: list[tuple[int, int]] = []
    region = generated_region("big", 30, 12_000)
    repo.save_region(region, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 12_030)
    assert calls[-1] == (12_030, 12_030)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) >= 4
