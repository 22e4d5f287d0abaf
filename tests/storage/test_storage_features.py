"""Stream features: bytes per stream and model, dropped when their stream changes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kreislauf.errors import InputError, NotFoundError
from kreislauf.storage import Repository
from tests.storage.regions import small_region

IDS = ["o1", "o2", "n1", "o3", "n2"]


@pytest.fixture
def soest(repo: Repository) -> Repository:
    repo.save_region(small_region())
    return repo


def test_float32_vectors_round_trip(soest: Repository) -> None:
    rng = np.random.default_rng(1)
    vectors = {sid: rng.standard_normal(384).astype(np.float32) for sid in IDS}
    assert soest.save_features("soest", "e5-small/1", {k: v.tobytes() for k, v in vectors.items()})
    loaded = soest.load_features("soest", "e5-small/1")
    assert set(loaded) == set(IDS)
    for sid, payload in loaded.items():
        np.testing.assert_array_equal(np.frombuffer(payload, dtype=np.float32), vectors[sid])


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payloads=st.dictionaries(st.sampled_from(IDS), st.binary(max_size=300)))
def test_any_bytes_round_trip(soest: Repository, payloads: dict[str, bytes]) -> None:
    soest.delete_features("soest")
    soest.save_features("soest", "m/1", payloads)
    assert soest.load_features("soest", "m/1") == payloads
    assert soest.missing_features("soest", "m/1") == [i for i in IDS if i not in payloads]


def test_models_are_kept_apart_and_payloads_replaced(soest: Repository) -> None:
    soest.save_features("soest", "a/1", {"o1": b"a", "n1": b"a"})
    soest.save_features("soest", "b/1", {"o1": b"b"})
    soest.save_features("soest", "a/1", {"o1": b"A"})
    assert soest.load_features("soest", "a/1") == {"o1": b"A", "n1": b"a"}
    assert soest.load_features("soest", "b/1") == {"o1": b"b"}
    assert soest.load_features("soest", "a/1", stream_ids=["n1", "o2"]) == {"n1": b"a"}
    assert soest.missing_features("soest", "b/1") == ["o2", "n1", "o3", "n2"]
    soest.delete_features("soest", "a/1")
    assert soest.load_features("soest", "a/1") == {}
    assert soest.load_features("soest", "b/1") == {"o1": b"b"}


def test_features_go_with_their_stream(soest: Repository) -> None:
    soest.save_features("soest", "m/1", {sid: sid.encode() for sid in IDS})
    changed = dataclasses.replace(small_region().streams[0], title="Treber, getrocknet")
    soest.update_stream("soest", changed)
    soest.delete_stream("soest", "o2")
    assert soest.load_features("soest", "m/1") == {"n1": b"n1", "o3": b"o3", "n2": b"n2"}
    assert soest.missing_features("soest", "m/1") == ["o1"]


def test_features_only_for_stored_streams(soest: Repository) -> None:
    with pytest.raises(InputError, match='no stream "zz"'):
        soest.save_features("soest", "m/1", {"o1": b"x", "zz": b"y"})
    assert soest.load_features("soest", "m/1") == {}
    with pytest.raises(NotFoundError):
        soest.load_features("hamm", "m/1")
    with pytest.raises(InputError, match="model key"):
        soest.save_features("soest", "", {"o1": b"x"})
