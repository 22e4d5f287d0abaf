"""The matching service: files, stored regions, JSON output, evaluation, dev benchmarks."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kreislauf import matching_service as ms
from kreislauf.core.evaluation import evaluate, parse_expected
from kreislauf.errors import ValidationError
from tests.conftest import need_shared


def _region_file(tmp_path: Path) -> Path:
    document = {
        "format": "kreislauf-region/1",
        "region": {"id": "mini", "name": "Mini", "country": "DE"},
        "actors": [
            {"id": "brauerei", "name": "Brauerei Soest", "nace": "11.05", "lat": 51.57, "lon": 8.1},
            {"id": "hof", "name": "Milchhof Lippstadt", "nace": "01.41", "lat": 51.67, "lon": 8.35},
            {"id": "lack", "name": "Lackfabrik", "nace": "20.30", "lat": 51.6, "lon": 8.2},
            {"id": "tischler", "name": "Tischlerei", "nace": "16.23", "lat": 51.61, "lon": 8.21},
        ],
        "streams": [
            {
                "id": "o1",
                "actor": "brauerei",
                "direction": "offer",
                "title": "Biertreber, nass",
                "quantity": 900,
                "unit": "t/a",
            },
            {
                "id": "o2",
                "actor": "lack",
                "direction": "offer",
                "title": "Altlacke und lösemittelhaltige Farbreste",
                "ewc": "08 01 11*",
                "hazardous": True,
            },
            {
                "id": "n1",
                "actor": "hof",
                "direction": "need",
                "title": "Eiweißfutter für Milchkühe",
                "quantity": 600,
                "unit": "t/a",
            },
            {
                "id": "n2",
                "actor": "tischler",
                "direction": "need",
                "title": "Farbe und Lack für die Werkstatt",
            },
        ],
    }
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_match_file_gives_the_spec_json(tmp_path: Path) -> None:
    matches = ms.match_file(_region_file(tmp_path), top_k=3)
    document = ms.matches_to_json(matches, language="de")
    assert document["format"] == "kreislauf-matches/1"
    first = document["matches"][0]
    assert {
        "offer",
        "need",
        "rank",
        "score",
        "distance_km",
        "reasons",
        "co2e_t_per_year",
        "via",
    } <= set(first)
    assert (first["offer"], first["need"], first["rank"]) == ("o1", "n1", 1)
    assert 0 < first["score"] <= 1
    assert isinstance(first["distance_km"], float)
    assert first["reasons"] == list(matches[0].reasons_de)
    assert all(isinstance(r, str) and r for r in first["reasons"])
    # the hazardous paint never reaches the unlicensed carpenter
    assert all(m["offer"] != "o2" for m in document["matches"])
    json.dumps(document)


def test_english_reasons_follow_the_language(tmp_path: Path) -> None:
    matches = ms.match_file(_region_file(tmp_path), top_k=1)
    assert ms.matches_to_json(matches, "en")["matches"][0]["reasons"] == list(matches[0].reasons_en)


def test_an_invalid_region_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "kreislauf-region/1",
                "region": {"id": "x", "name": "X"},
                "actors": [],
                "streams": [{"id": "s"}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as info:
        ms.match_file(path)
    assert "streams[0]" in info.value.render()


def test_top_k_must_be_positive(tmp_path: Path) -> None:
    from kreislauf.errors import InputError

    with pytest.raises(InputError):
        ms.match_file(_region_file(tmp_path), top_k=0)


def test_evaluate_counts_hits_mrr_and_violations() -> None:
    from kreislauf.core.matching import Match

    def m(o: str, n: str, rank: int) -> Match:
        return Match(o, n, rank, 0.5, None, (), ())

    expected = parse_expected(
        {"expected": {"o1": ["n2"], "o2": ["n9"], "o3": ["n1"]}, "forbidden": {"o2": ["n4"]}}
    )
    result = evaluate(
        [m("o1", "n1", 1), m("o1", "n2", 2), m("o2", "n4", 1), m("o3", "n1", 1)], expected, top_k=2
    )
    assert result.hits == 2
    assert result.hit_rate == pytest.approx(2 / 3)
    assert result.mrr == pytest.approx((0.5 + 0 + 1) / 3)
    assert result.violations == 1
    assert result.violating_pairs == (("o2", "n4"),)
    assert result.per_offer[0].first_rank == 2
    assert evaluate([m("o1", "n2", 2)], expected, top_k=1).hits == 0


def test_expected_file_problems_are_named() -> None:
    with pytest.raises(ValidationError) as info:
        parse_expected({"o1": "n1"})
    assert "o1" in info.value.render()


@pytest.fixture
def repo(tmp_path: Path) -> Any:
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    repository = Repository(make_engine(f"sqlite:///{tmp_path / 'k.db'}"))
    repository.upgrade()
    return repository


def test_stored_region_is_matched_from_stored_representations(repo: Any, tmp_path: Path) -> None:
    region = ms.read_region_file(_region_file(tmp_path))
    repo.save_region(region)
    assert ms.represent_and_store(repo, region.id, region=region) == len(region.streams)
    assert ms.represent_and_store(repo, region.id, region=region) == 0
    stored = ms.match_stored(repo, region.id, top_k=3)
    assert stored == ms.match_region_data(region, top_k=3)


def test_stored_match_computes_missing_representations(repo: Any, tmp_path: Path) -> None:
    from kreislauf.core.represent import model_key

    region = ms.read_region_file(_region_file(tmp_path))
    repo.save_region(region)
    assert ms.match_stored(repo, region.id, top_k=3)
    assert repo.missing_features(region.id, model_key(ms.knowledge_base())) == []


def test_one_added_stream_is_matched_quickly(repo: Any, tmp_path: Path) -> None:
    region = ms.read_region_file(_region_file(tmp_path))
    repo.save_region(region)
    ms.represent_and_store(repo, region.id, region=region)
    ms.match_stored(repo, region.id)
    stream = replace(region.streams_by_id["o1"], id="o9", title="Brauereitreber frisch")
    repo.add_stream(region.id, stream)
    started = time.perf_counter()
    matches = ms.match_one_stream(repo, region.id, stream)
    assert time.perf_counter() - started < 1.0
    assert [m.need for m in matches][:1] == ["n1"]
    need = region.streams_by_id["n1"]
    found = ms.match_one_stream(repo, region.id, need.id)
    assert found[0].offer == "o1"


def _dev(name: str, top_k: int) -> Any:
    folder = need_shared("data/benchmarks")
    return ms.evaluate_file(folder / f"{name}.region.json", folder / f"{name}.expected.json", top_k)


@pytest.mark.slow
def test_unna_dev_target() -> None:
    result = _dev("unna-dev", 5)
    assert result["violations"] == 0
    assert result["hit_rate"] >= 0.90, result


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="target hit@10 >= 0.60 / MRR >= 0.35 not reached yet (0.50 / 0.21 on 2026-11-22): "
    "ties among needs that name the same concept (receiver and sector evidence add nothing "
    "once a concept link is 1.0) and identical need texts; remove this mark when it passes",
)
def test_maestri_dev_target() -> None:
    result = _dev("maestri-dev", 10)
    assert result["hit_rate"] >= 0.60, {k: v for k, v in result.items() if k != "per_offer"}
    assert result["mrr"] >= 0.35


def test_two_worker_processes_give_the_same_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = ms.read_region_file(_region_file(tmp_path))
    sequential = ms.match_region_data(region, top_k=3)
    monkeypatch.setattr(ms, "PARALLEL_MIN_STREAMS", 1)
    assert ms.match_region_data(region, top_k=3) == sequential


def _same_matches(warm: list[Any], cold: list[Any]) -> None:
    assert [(m.offer, m.need, m.rank) for m in warm] == [(m.offer, m.need, m.rank) for m in cold]
    for w, c in zip(warm, cold, strict=True):
        assert abs(w.score - c.score) <= 1e-9, (w, c)
        assert w == c


@pytest.mark.parametrize("parallel", [False, True])
def test_warm_run_on_a_generated_region_equals_the_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """A generated region (spatial blocks forced on): matching it warm from storage gives
    the same offers, needs, ranks, scores and reasons as matching its file cold; a second
    warm run in the same process too."""
    from bench.generate import generate
    from kreislauf.core import matching
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    monkeypatch.setattr(matching, "BLOCKING_MIN_NEEDS", 50)
    if parallel:
        monkeypatch.setattr(ms, "PARALLEL_MIN_STREAMS", 1)
    path = tmp_path / "generated.json"
    document = generate(ms.knowledge_base(), actors=120, streams=600, seed=3)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cold = ms.match_file(path, top_k=5)
    assert len(cold) > 500
    region = ms.read_region_file(path)
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'warm.db'}"))
    repo.upgrade()
    repo.save_region(region)
    assert ms.represent_and_store(repo, region.id, region=region) == len(region.streams)
    ms._MATCHERS.clear()
    _same_matches(ms.match_stored(repo, region.id, top_k=5), cold)
    _same_matches(ms.match_stored(repo, region.id, top_k=5), cold)
    assert ms.matches_to_json(ms.match_stored(repo, region.id), "de") == ms.matches_to_json(
        cold, "de"
    )
