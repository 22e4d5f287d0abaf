"""The kreislauf command end to end, in-process: exit statuses, outputs, the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kreislauf.cli.app import build_app
from kreislauf.examples import mittelsachsen
from kreislauf.importers.region_file import read_region, write_region
from tests.conftest import need_shared


def run(*args: str, language: str = "en", input: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(build_app(language), list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "mittelsachsen.json"
    write_region(mittelsachsen(), path)
    return path


def test_validate_good_file(demo_file: Path) -> None:
    code, out, _ = run("validate", str(demo_file), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["valid"] is True and doc["region"] == "mittelsachsen" and doc["actors"] >= 200


BAD_FILES = {
    "invalid json": "{not json",
    "empty": "",
    "wrong format": json.dumps(
        {
            "format": "kreislauf-region/9",
            "region": {"id": "x", "name": "X"},
            "actors": [],
            "streams": [],
        }
    ),
    "unknown unit": json.dumps(
        {
            "format": "kreislauf-region/1",
            "region": {"id": "x", "name": "X"},
            "actors": [{"id": "a", "name": "A"}],
            "streams": [
                {
                    "id": "s",
                    "actor": "a",
                    "direction": "offer",
                    "title": "Treber",
                    "quantity": 1,
                    "unit": "tonnen",
                }
            ],
        }
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_exit_2_with_a_message_and_no_output(tmp_path: Path, name: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES[name], encoding="utf-8")
    for command in (["validate", str(path)], ["match", str(path)], ["import", str(path)]):
        code, out, err = run(*command)
        assert code == 2, (command, err)
        assert out == "", "no partial output on standard output"
        assert err.strip()
    code, out, _ = run("regions", "--json")
    assert code == 0 and json.loads(out) == []


def test_the_unit_problem_names_the_field_in_english_and_german(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(BAD_FILES["unknown unit"], encoding="utf-8")
    _, _, err = run("validate", str(path))
    assert 'streams[0].unit: "tonnen" is not a unit; did you mean "t"?' in err
    _, _, err = run("validate", str(path), language="de")
    assert 'streams[0].unit: "tonnen" ist keine Einheit; meinten Sie "t"?' in err


def test_import_export_round_trip_and_conflict(demo_file: Path, tmp_path: Path) -> None:
    code, out, _ = run("import", str(demo_file), "--json")
    assert code == 0 and json.loads(out)["region"] == "mittelsachsen"
    code, out, _ = run("regions", "--json")
    assert [r["id"] for r in json.loads(out)] == ["mittelsachsen"]
    code, _, err = run("import", str(demo_file))
    assert code == 2 and "--replace" in err
    assert run("import", str(demo_file), "--region", "ms2")[0] == 0
    for fmt in ("json", "xlsx", "csv"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = run("export", "mittelsachsen", "-o", str(target))
        assert code == 0, err
    again = read_region(tmp_path / "out.json")
    original = read_region(demo_file)
    assert sorted(again.actors, key=lambda a: a.id) == sorted(original.actors, key=lambda a: a.id)
    assert sorted(again.streams, key=lambda s: s.id) == sorted(original.streams, key=lambda s: s.id)


def test_export_of_an_unknown_region_is_bad_input(tmp_path: Path) -> None:
    code, out, err = run("export", "nowhere", "-o", str(tmp_path / "x.json"))
    assert code == 2 and out == "" and "nowhere" in err


def test_template_writes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    code, _, _ = run("template", "--format", "xlsx", "--language", "de", "-o", str(target))
    assert code == 0 and target.stat().st_size > 0


def test_match_prints_the_spec_document() -> None:
    region = need_shared("data/benchmarks/unna-dev.region.json")
    code, out, _ = run("match", str(region), "--top", "3", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "kreislauf-matches/1"
    for m in doc["matches"]:
        assert set(m) >= {
            "offer",
            "need",
            "rank",
            "score",
            "distance_km",
            "reasons",
            "co2e_t_per_year",
            "via",
        }
        assert 1 <= m["rank"] <= 3 and 0.0 <= m["score"] <= 1.0 and m["reasons"]


def test_match_needs_a_file_or_a_region() -> None:
    code, out, err = run("match")
    assert code == 2 and out == "" and "--region" in err


def test_evaluate_reports_hit_rate_and_violations() -> None:
    region = need_shared("data/benchmarks/unna-dev.region.json")
    expected = need_shared("data/benchmarks/unna-dev.expected.json")
    code, out, _ = run("evaluate", str(region), str(expected), "--top", "5", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["hit_rate"] >= 0.9 and doc["violations"] == 0


def test_allocate_never_exceeds_quantities() -> None:
    path = need_shared("data/benchmarks/unna-dev.region.json")
    code, out, _ = run("allocate", str(path), "--objective", "co2e")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "kreislauf-allocation/1" and doc["status"] == "optimal"
    region = read_region(path)
    streams = region.streams_by_id
    used: dict[str, float] = {}
    for a in doc["allocations"]:
        used[a["offer"]] = used.get(a["offer"], 0.0) + a["quantity"]
        assert streams[a["offer"]].actor != streams[a["need"]].actor
    for offer_id, quantity in used.items():
        offer = streams[offer_id]
        assert offer.quantity is not None and quantity <= offer.quantity * (1 + 1e-9)
    assert doc["totals"]["co2e_t_per_year"] is None or doc["totals"]["co2e_t_per_year"] > 0
