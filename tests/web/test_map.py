"""The map page and its JSON: actors as compact rows, filters, flows, boundaries, and
the confidentiality rules (a confidential stream never shows at its firm)."""

from __future__ import annotations

import pytest


def rows_of(data: dict) -> dict[str, list]:  # type: ignore[type-arg]
    return {row[0]: row for row in data["actors"]}


def test_map_page_is_local_and_has_filters(as_user) -> None:  # type: ignore[no-untyped-def]
    page = as_user("fac@example.org").get("/regions/ms/map")
    assert page.status_code == 200
    html = page.text
    assert 'id="map"' in html and 'data-region="ms"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert 'data-tile-url=""' in html  # offline: no tile layer
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert '<option value="C"' in html  # the region's NACE sections as sector filter


def test_map_data_rows_and_counts(as_user) -> None:  # type: ignore[no-untyped-def]
    data = as_user("fac@example.org").get("/api/v1/regions/ms/map-data").json()
    assert data["columns"][:4] == ["id", "name", "lat", "lon"]
    rows = rows_of(data)
    assert set(rows) == {"a1", "a2"}
    assert rows["a1"][1] == "Sägewerk Huber"
    assert rows["a1"][4] == "C" and rows["a1"][5] == "16.10"
    assert rows["a1"][6:] == [2, 0]  # the facilitator sees both offers
    assert rows["a2"][6:] == [0, 1]


def test_confidential_stream_is_not_counted_or_filtered_for_other_firms(as_user) -> None:  # type: ignore[no-untyped-def]
    klein = as_user("klein@example.org")
    rows = rows_of(klein.get("/api/v1/regions/ms/map-data").json())
    assert rows["a1"][6] == 1  # only the open offer (Rinde)
    hidden = klein.get("/api/v1/regions/ms/map-data", params={"material": "holzspäne"}).json()
    assert hidden["actors"] == []  # filtering must not tie the confidential offer to Huber
    fac = as_user("fac@example.org")
    shown = fac.get("/api/v1/regions/ms/map-data", params={"material": "holzspäne"}).json()
    assert [r[0] for r in shown["actors"]] == ["a1"]
    owner = as_user("huber@example.org")
    mine = owner.get("/api/v1/regions/ms/map-data", params={"material": "03 01 05"}).json()
    assert [r[0] for r in mine["actors"]] == ["a1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "C"}, {"a1", "a2"}),
        ({"sector": "16"}, {"a1"}),
        ({"sector": "10.71"}, {"a2"}),
        ({"sector": "A"}, set()),
        ({"direction": "need"}, {"a2"}),
        ({"direction": "offer"}, {"a1"}),
        ({"type": "energy"}, set()),
        ({"type": "material", "direction": "offer"}, {"a1"}),
        ({"material": "rinde"}, {"a1"}),
    ],
)
def test_map_filters(as_user, params, expected) -> None:  # type: ignore[no-untyped-def]
    data = as_user("fac@example.org").get("/api/v1/regions/ms/map-data", params=params).json()
    assert set(rows_of(data)) == expected


def test_map_of_a_foreign_region_is_not_found(as_user) -> None:  # type: ignore[no-untyped-def]
    other = as_user("other-fac@example.org")
    assert other.get("/api/v1/regions/ms/map-data").status_code == 404
    assert other.get("/regions/ms/map").status_code == 404
    assert other.get("/api/v1/regions/ms/boundaries").status_code == 404


def test_actor_without_location_is_counted_apart(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.core.actors import Actor

    app.state.repo.add_actor("ms", Actor("a3", "Ohne Ort GmbH", nace="38.11"))
    data = as_user("fac@example.org").get("/api/v1/regions/ms/map-data").json()
    assert "a3" not in rows_of(data)
    assert data["without_location"] == 1


def test_boundaries_endpoint_serves_stored_geojson(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.importers.geo import parse_boundaries
    from kreislauf.storage.boundaries import BoundaryStore

    square = [[[13.0, 50.8], [13.6, 50.8], [13.6, 51.2], [13.0, 51.2], [13.0, 50.8]]]
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ARS": "14522", "GEN": "Mittelsachsen", "BEZ": "Landkreis"},
                "geometry": {"type": "Polygon", "coordinates": square},
            }
        ],
    }
    BoundaryStore(app.state.repo.engine).save(parse_boundaries(document, region_id="ms"))
    data = as_user("viewer@example.org").get("/api/v1/regions/ms/boundaries").json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["properties"] == {"key": "14522", "name": "Mittelsachsen", "kind": "Landkreis"}
    assert feature["geometry"]["type"] == "Polygon"


def test_flows_show_implemented_exchanges_to_facilitators_only(app, as_user) -> None:  # type: ignore[no-untyped-def]
    repo = app.state.repo
    lead = repo.record_lead("ms", "s2", "s3")
    repo.set_lead_status(lead.id, "implemented", actual_quantity=40, unit="t/a")
    fac = as_user("fac@example.org").get("/api/v1/regions/ms/map-data").json()
    exchanges = [f for f in fac["flows"] if f[4] == "exchange"]
    assert len(exchanges) == 1
    assert exchanges[0][:4] == [50.917, 13.343, 51.12, 13.11]
    viewer = as_user("viewer@example.org").get("/api/v1/regions/ms/map-data").json()
    assert [f for f in viewer["flows"] if f[4] == "exchange"] == []


def test_a_configured_tile_server_is_used_and_admitted_for_images(settings) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kreislauf.storage.accounts import Accounts
    from kreislauf.web import create_app
    from tests.web.conftest import PASSWORD, login, seed_region

    online = settings.model_copy(
        update={
            "map_tile_url": "https://tiles.example.org/{z}/{x}/{y}.png",
            "map_tile_attribution": "© Example & Co",
        }
    )
    app = create_app(online)
    app.state.repo.save_region(seed_region())
    Accounts(app.state.repo.engine).add_user("t@example.org", PASSWORD, "admin")
    with TestClient(app) as client:
        assert login(client, "t@example.org").status_code == 303
        page = client.get("/regions/ms/map")
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in page.text
    assert "© Example &amp; Co" in page.text
    assert "https://tiles.example.org" in page.headers["content-security-policy"]


def test_matching_run_draws_best_matches_as_flows(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import match_region_job, runner_of

    runner = runner_of(app)
    job = runner.submit("match", match_region_job(app.state.repo, "ms"), region_id="ms")
    assert runner.wait(job.id, timeout=120).status.value == "done"
    fac = as_user("fac@example.org").get("/api/v1/regions/ms/map-data").json()
    assert [f[4:] for f in fac["flows"]] == [["match", "Holzspäne, unbehandelt"]]
    # the bakery may not tie the confidential offer to the sawmill: no line for it
    klein = as_user("klein@example.org").get("/api/v1/regions/ms/map-data").json()
    assert klein["flows"] == []
