"""Single actors and streams: add, update, delete in a stored region."""

from __future__ import annotations

import dataclasses

import pytest

from kreislauf.core import Actor, Direction, Stream
from kreislauf.errors import ConflictError, NotFoundError, ValidationError
from kreislauf.storage import Repository
from tests.storage.regions import small_region


@pytest.fixture
def soest(repo: Repository) -> Repository:
    repo.save_region(small_region())
    return repo


def test_added_actors_and_streams_come_last(soest: Repository) -> None:
    actor = Actor("neu", "Neue Firma", licences=("02 07 02",), extra={"x": [1]})
    stream = Stream("n9", "neu", Direction.NEED, "Treber gesucht", quantity=5, unit="t/a")
    soest.add_actor("soest", actor)
    soest.add_stream("soest", stream)
    region = soest.load_region("soest")
    assert region.actors[-1] == actor
    assert region.streams[-1] == stream
    assert soest.get_stream("soest", "n9") == stream
    assert soest.get_actor("soest", "neu") == actor
    assert soest.list_regions()[0].needs == 3


def test_taken_ids_and_missing_actors_are_refused(soest: Repository) -> None:
    with pytest.raises(ConflictError, match='already has an actor "hof"'):
        soest.add_actor("soest", Actor("hof", "Noch ein Hof"))
    with pytest.raises(ConflictError, match='already has a stream "o1"'):
        soest.add_stream("soest", Stream("o1", "hof", Direction.OFFER, "Mist"))
    with pytest.raises(NotFoundError, match='no actor "hoff"; did you mean "hof"'):
        soest.add_stream("soest", Stream("o9", "hoff", Direction.OFFER, "Mist"))
    with pytest.raises(NotFoundError, match='no region "hamm"'):
        soest.add_actor("hamm", Actor("x", "X"))
    with pytest.raises(ValidationError, match="finite number"):
        soest.add_stream(
            "soest", Stream("o9", "hof", Direction.OFFER, "Mist", quantity=float("inf"))
        )
    assert soest.load_region("soest") == small_region()


def test_updates_keep_the_position(soest: Repository) -> None:
    region = small_region()
    stream = dataclasses.replace(region.streams[1], title="Abwärme 90 °C", temperature_c=90.0)
    actor = dataclasses.replace(region.actors[0], employees=90, licences=("02 07 02",))
    soest.update_stream("soest", stream)
    soest.update_actor("soest", actor)
    loaded = soest.load_region("soest")
    assert loaded.streams[1] == stream
    assert loaded.actors[0] == actor
    with pytest.raises(NotFoundError, match='no stream "x1"'):
        soest.update_stream("soest", dataclasses.replace(stream, id="x1"))
    with pytest.raises(NotFoundError, match='no actor "nobody"'):
        soest.update_stream("soest", dataclasses.replace(stream, actor="nobody"))


def test_deletes(soest: Repository) -> None:
    soest.delete_stream("soest", "o2")
    assert [s.id for s in soest.load_region("soest").streams] == ["o1", "n1", "o3", "n2"]
    with pytest.raises(NotFoundError):
        soest.delete_stream("soest", "o2")
    with pytest.raises(ConflictError, match='actor "hof" still has 2 stream'):
        soest.delete_actor("soest", "hof")
    soest.delete_actor("soest", "hof", with_streams=True)
    region = soest.load_region("soest")
    assert [a.id for a in region.actors] == ["brauerei", "uni"]
    assert [s.id for s in region.streams] == ["o1", "n2"]
    soest.delete_actor("soest", "uni", with_streams=True)
    assert soest.list_regions()[0].actors == 1
