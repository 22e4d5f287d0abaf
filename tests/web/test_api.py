"""The JSON API: tokens, regions, actors, streams, leads, imports, exports, OpenAPI."""

from __future__ import annotations

import io
import json

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD


def test_a_token_comes_from_the_password_flow_and_opens_the_api(app, api_token) -> None:
    client = TestClient(app)
    assert client.get("/api/v1/regions").status_code == 401
    headers = api_token("fac@example.org")
    me = client.get("/api/v1/me", headers=headers).json()
    assert me["role"] == "facilitator" and me["regions"] == ["ms"]
    assert [r["id"] for r in client.get("/api/v1/regions", headers=headers).json()] == ["ms"]


def test_a_wrong_password_or_token_gives_401_with_bearer_challenge(app) -> None:
    client = TestClient(app)
    bad = client.post(
        "/api/v1/auth/token", data={"username": "fac@example.org", "password": "nope nope"}
    )
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    forged = client.get("/api/v1/regions", headers={"Authorization": "Bearer forged"})
    assert forged.status_code == 401


def test_the_token_endpoint_is_throttled(app) -> None:
    client = TestClient(app)
    for _ in range(5):
        client.post(
            "/api/v1/auth/token", data={"username": "fac@example.org", "password": "x" * 12}
        )
    blocked = client.post(
        "/api/v1/auth/token", data={"username": "fac@example.org", "password": PASSWORD}
    )
    assert blocked.status_code == 429


def test_a_revoked_token_stops_working(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    assert client.post("/api/v1/auth/revoke", headers=headers).status_code == 204
    assert client.get("/api/v1/regions", headers=headers).status_code == 401


def test_a_facilitator_creates_a_region_and_fills_it(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    created = client.post(
        "/api/v1/regions", json={"id": "soest", "name": "Kreis Soest"}, headers=headers
    )
    assert created.status_code == 201, created.text
    actor = client.post(
        "/api/v1/regions/soest/actors",
        json={"name": "Molkerei Süd", "nace": "10.51", "municipality": "Freiberg"},
        headers=headers,
    )
    assert actor.status_code == 201, actor.text
    body = actor.json()
    assert body["id"] == "molkerei-sud" and body["lat"] == 50.917 and body["sector"]
    stream = client.post(
        "/api/v1/regions/soest/streams",
        json={
            "actor": "molkerei-sud",
            "direction": "offer",
            "title": "Molke",
            "quantity": 300,
            "unit": "t/a",
        },
        headers=headers,
    )
    assert stream.status_code == 201, stream.text
    sid = stream.json()["id"]
    changed = client.patch(
        f"/api/v1/regions/soest/streams/{sid}",
        json={"quantity": 350, "confidential": True},
        headers=headers,
    )
    assert changed.json()["quantity"] == 350 and changed.json()["confidential"] is True
    assert client.get("/api/v1/regions/soest", headers=headers).json()["offers"] == 1
    assert client.delete(f"/api/v1/regions/soest/streams/{sid}", headers=headers).status_code == 204


def test_bad_fields_give_422_with_the_field_named(app, api_token) -> None:
    client = TestClient(app)
    headers = {**api_token("fac@example.org"), "Accept-Language": "en"}
    response = client.post(
        "/api/v1/regions/ms/actors", json={"name": "X", "nace": "99.99", "lat": 95}, headers=headers
    )
    assert response.status_code == 422
    paths = {p["path"] for p in response.json()["problems"]}
    assert {"nace", "lat"} <= paths
    german = client.post(
        "/api/v1/regions/ms/actors?lang=de", json={"name": "", "lat": 1}, headers=headers
    )
    assert "Ein Name ist nötig" in json.dumps(german.json(), ensure_ascii=False)


def test_leads_move_through_the_pipeline(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    lead = client.post(
        "/api/v1/regions/ms/leads", json={"offer": "s2", "need": "s3"}, headers=headers
    )
    assert lead.status_code == 201, lead.text
    lead_id = lead.json()["id"]
    url = f"/api/v1/regions/ms/leads/{lead_id}"
    assert (
        client.patch(url, json={"status": "contacted"}, headers=headers).json()["status"]
        == "contacted"
    )
    incomplete = client.patch(url, json={"status": "implemented"}, headers=headers)
    assert incomplete.status_code == 400
    done = client.patch(
        url, json={"status": "implemented", "actual_quantity": 40, "unit": "t/a"}, headers=headers
    )
    assert done.json()["status"] == "implemented" and done.json()["actual_quantity"] == 40
    assert client.patch(url, json={"status": "contacted"}, headers=headers).status_code == 409
    listed = client.get("/api/v1/regions/ms/leads?status=implemented", headers=headers).json()
    assert [entry["id"] for entry in listed] == [lead_id]


def test_members_and_viewers_cannot_touch_the_pipeline(app, api_token) -> None:
    client = TestClient(app)
    for email in ("klein@example.org", "viewer@example.org"):
        headers = api_token(email)
        assert client.get("/api/v1/regions/ms/leads", headers=headers).status_code == 403
        response = client.post(
            "/api/v1/regions/ms/leads", json={"offer": "s2", "need": "s3"}, headers=headers
        )
        assert response.status_code == 403


def test_an_import_is_checked_all_or_nothing_and_a_dry_run_stores_nothing(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    good = {
        "format": "kreislauf-region/1",
        "region": {"id": "x", "name": "X"},
        "actors": [{"id": "a9", "name": "Gießerei Nord", "nace": "24.51"}],
        "streams": [
            {
                "id": "s9",
                "actor": "a9",
                "direction": "offer",
                "title": "Formsand",
                "quantity": 80,
                "unit": "t/a",
            }
        ],
    }
    files = {"file": ("neu.json", json.dumps(good), "application/json")}
    dry = client.post("/api/v1/regions/ms/imports?dry_run=true", files=files, headers=headers)
    assert dry.status_code == 200, dry.text
    assert dry.json()["stored"] is False and dry.json()["new_actors"] == 1
    assert client.get("/api/v1/regions/ms", headers=headers).json()["actors"] == 2
    bad = dict(
        good,
        streams=[
            *good["streams"],
            {"id": "s10", "actor": "ghost", "direction": "need", "title": "Y"},
        ],
    )
    refused = client.post(
        "/api/v1/regions/ms/imports",
        files={"file": ("bad.json", json.dumps(bad), "application/json")},
        headers=headers,
    )
    assert refused.status_code == 422 and refused.json()["problems"]
    assert client.get("/api/v1/regions/ms", headers=headers).json()["actors"] == 2
    stored = client.post(
        "/api/v1/regions/ms/imports",
        files={"file": ("neu.json", json.dumps(good), "application/json")},
        headers=headers,
    )
    assert stored.status_code == 200, stored.text
    summary = client.get("/api/v1/regions/ms", headers=headers).json()
    assert (summary["actors"], summary["offers"]) == (3, 3)


def test_an_upload_over_the_limit_is_refused_with_a_message(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    big = io.BytesIO(b"x" * (600 * 1024))  # the test settings allow 0.5 MB
    response = client.post(
        "/api/v1/regions/ms/imports", files={"file": ("big.csv", big, "text/csv")}, headers=headers
    )
    assert response.status_code == 400 and "too large" in response.json()["detail"]
    wrong = client.post(
        "/api/v1/regions/ms/imports",
        files={"file": ("x.exe", b"MZ", "application/octet-stream")},
        headers=headers,
    )
    assert wrong.status_code == 400 and "cannot read" in wrong.json()["detail"]


def test_a_facilitator_exports_the_region(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("fac@example.org")
    response = client.get("/api/v1/regions/ms/export?format=json", headers=headers)
    assert response.status_code == 200
    document = json.loads(response.content)
    assert {a["id"] for a in document["actors"]} == {"a1", "a2"}
    xlsx = client.get("/api/v1/regions/ms/export?format=xlsx", headers=headers)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_lookups_suggest_codes(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("viewer@example.org")
    sectors = client.get("/api/v1/lookup/sectors", params={"q": "Brauerei"}, headers=headers).json()
    assert sectors[0]["code"] == "11.05"
    places = client.get(
        "/api/v1/lookup/municipalities", params={"q": "Döbeln"}, headers=headers
    ).json()
    assert places[0]["name"] == "Döbeln"


def test_the_openapi_document_lists_every_api_route_with_a_summary(app) -> None:
    document = TestClient(app).get("/api/v1/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/v1/auth/token",
        "/api/v1/regions",
        "/api/v1/regions/{region_id}/actors",
        "/api/v1/regions/{region_id}/streams",
        "/api/v1/regions/{region_id}/matches",
        "/api/v1/regions/{region_id}/leads",
        "/api/v1/regions/{region_id}/imports",
        "/api/v1/regions/{region_id}/export",
    ):
        assert path in paths, path
    assert not any(p.startswith("/regions") for p in paths), "pages stay out of the API docs"
    assert "OAuth2PasswordBearer" in json.dumps(document["components"]["securitySchemes"])


def test_the_stream_list_matches_its_documented_schema(app, api_token) -> None:
    from pydantic import TypeAdapter

    from kreislauf.web.schemas import StreamPublic

    client = TestClient(app)
    listed = client.get("/api/v1/regions/ms/streams", headers=api_token("klein@example.org")).json()
    checked = TypeAdapter(list[StreamPublic]).validate_python(listed, strict=False)
    assert [s.id for s in checked] == ["s1", "s2", "s3"]
    assert set(listed[0]) == set(StreamPublic.model_fields)


def test_the_region_cache_sees_changes_made_past_the_app(app, api_token) -> None:
    import dataclasses

    client = TestClient(app)
    headers = api_token("fac@example.org")
    assert client.get("/api/v1/regions/ms", headers=headers).json()["actors"] == 2
    repo = app.state.repo
    region = repo.load_region("ms")
    repo.save_region(
        dataclasses.replace(region, actors=region.actors[:1], streams=region.streams[:2]),
        replace=True,
    )
    assert client.get("/api/v1/regions/ms", headers=headers).json()["actors"] == 1
    repo.add_stream("ms", dataclasses.replace(region.streams[0], id="s99"))
    assert client.get("/api/v1/regions/ms", headers=headers).json()["offers"] == 3
