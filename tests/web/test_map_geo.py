"""Boundaries from GeoJSON: the real BKG VG5000 files import; bad files are refused with
a message naming the feature; ``kreislauf geo import`` stores them for a region."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kreislauf.errors import InputError, ValidationError
from kreislauf.importers.geo import parse_boundaries, read_boundaries
from kreislauf.web import geo_cli
from tests.conftest import need_shared


def kreise() -> Path:
    return need_shared("data/geo/bkg_vg5000_2021-01-01_kreise.geojson")


def test_all_bkg_districts_import_valid_and_simplified() -> None:
    from shapely.geometry import shape

    path = kreise()
    found = read_boundaries(path)
    assert len(found) == 401  # Germany's districts and district-free cities (2021)
    by_key = {b.key: b for b in found}
    ms = by_key["14522"]
    assert (ms.name, ms.kind) == ("Mittelsachsen", "Landkreis")
    assert all(shape(b.geometry).is_valid for b in found)
    lon0, lat0, lon1, lat1 = ms.bbox
    assert 12.6 < lon0 < lon1 < 13.8 and 50.6 < lat0 < lat1 < 51.4
    original = json.loads(path.read_text(encoding="utf-8"))
    assert sum(len(json.dumps(b.geometry)) for b in found) < len(json.dumps(original)) / 2


def test_bkg_states_import() -> None:
    found = read_boundaries(need_shared("data/geo/bkg_vg5000_2021-01-01_laender.geojson"))
    assert len(found) == 16
    assert {b.kind for b in found} >= {"Land", "Freistaat"}
    assert any(b.name == "Sachsen" and b.key == "14" for b in found)


def test_prefix_keeps_one_district() -> None:
    found = read_boundaries(kreise(), prefix="14522", region_id="mittelsachsen")
    assert [(b.key, b.region_id) for b in found] == [("14522", "mittelsachsen")]
    with pytest.raises(InputError, match="starts with"):
        read_boundaries(kreise(), prefix="99")


def square(key: str | None = "1", name: str | None = "A") -> dict:  # type: ignore[type-arg]
    properties = {k: v for k, v in (("ARS", key), ("GEN", name)) if v is not None}
    ring = [[13.0, 51.0], [13.1, 51.0], [13.1, 51.1], [13.0, 51.1], [13.0, 51.0]]
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features: dict, crs: str | None = None) -> dict:  # type: ignore[type-arg]
    doc: dict = {"type": "FeatureCollection", "features": list(features)}  # type: ignore[type-arg]
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def test_bad_features_are_named() -> None:
    point = square("3", "C")
    point["geometry"] = {"type": "Point", "coordinates": [13.0, 51.0]}
    with pytest.raises(ValidationError) as caught:
        parse_boundaries(
            collection(square(None, "A"), square("2", None), point, square("4"), square("4", "B"))
        )
    problems = {p.path: p.message for p in caught.value.problems}
    assert problems == {
        "features[0]": "has no regional key (ARS or AGS)",
        "features[1]": "has no name (GEN)",
        "features[2]": "has no valid polygon geometry (found {type})",
    }


def test_projected_or_non_geojson_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="WGS84"):
        parse_boundaries(collection(square(), crs="urn:ogc:def:crs:EPSG::25832"))
    with pytest.raises(InputError, match="FeatureCollection"):
        parse_boundaries({"type": "Feature"})
    utm = square()
    utm["geometry"]["coordinates"] = [
        [[350000, 5650000], [360000, 5650000], [360000, 5660000], [350000, 5650000]]
    ]
    with pytest.raises(ValidationError, match="outside longitude/latitude"):
        parse_boundaries(collection(utm))
    broken = tmp_path / "broken.geojson"
    broken.write_text("{nope", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        read_boundaries(broken)


def test_parts_with_one_key_are_one_boundary() -> None:
    east = square("7", "Insel")
    east["geometry"]["coordinates"] = [[[14.0, 51.0], [14.1, 51.0], [14.1, 51.1], [14.0, 51.0]]]
    east["properties"]["GEN"] = "Insel (See)"
    [found] = parse_boundaries(collection(square("7", "Insel"), east))
    assert found.name == "Insel"
    assert found.geometry["type"] == "MultiPolygon"
    assert found.bbox == (13.0, 51.0, 14.1, 51.1)


def test_self_intersecting_ring_is_repaired() -> None:
    from shapely.geometry import shape

    bowtie = square()
    bowtie["geometry"]["coordinates"] = [
        [[13.0, 51.0], [13.1, 51.1], [13.1, 51.0], [13.0, 51.1], [13.0, 51.0]]
    ]
    [found] = parse_boundaries(collection(bowtie), tolerance=0)
    assert shape(found.geometry).is_valid


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> typer.Typer:
    from kreislauf.cli.app import build_app
    from kreislauf.settings import get_settings

    monkeypatch.setenv("KREISLAUF_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    app = build_app("en")
    if not any(getattr(g, "name", None) == "geo" for g in app.registered_groups):
        geo_cli.register(app, lambda s: s)
    return app


def test_cli_imports_the_district_of_a_region(cli: typer.Typer) -> None:
    from kreislauf import services
    from kreislauf.examples import mittelsachsen
    from kreislauf.storage.boundaries import BoundaryStore

    repo = services.open_repository()
    region = mittelsachsen()
    repo.save_region(region)
    result = CliRunner().invoke(
        cli, ["geo", "import", str(kreise()), "--region", region.id, "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"stored": 1, "keys": ["14522"], "region": region.id}
    [stored] = BoundaryStore(repo.engine).for_region(region.id, region.ags)
    assert stored.name == "Mittelsachsen"
    again = CliRunner().invoke(cli, ["geo", "import", str(kreise()), "--region", region.id])
    assert again.exit_code == 0 and "1 boundaries stored" in again.output
    assert BoundaryStore(repo.engine).count() == 1  # replaced, not doubled
    missing = CliRunner().invoke(cli, ["geo", "import", str(kreise()), "--region", "nowhere"])
    assert missing.exit_code != 0 and "nowhere" in missing.output
