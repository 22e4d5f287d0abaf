"""Matches through the API: ranked with reasons, the same anonymity rules as the rest."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_facilitator_sees_the_regions_matches_with_names_and_reasons(app, api_token) -> None:
    client = TestClient(app)
    found = client.get("/api/v1/regions/ms/matches?top=3", headers=api_token("fac@example.org"))
    assert found.status_code == 200, found.text
    pairs = {(m["offer"]["id"], m["need"]["id"]) for m in found.json()}
    assert ("s1", "s3") in pairs
    best = next(m for m in found.json() if m["offer"]["id"] == "s1")
    assert best["offer"]["actor_name"] == "Sägewerk Huber" and best["reasons"]
    assert 0 < best["score"] <= 1 and best["rank"] == 1


def test_a_member_sees_its_own_matches_with_the_confidential_side_anonymous(app, api_token) -> None:
    client = TestClient(app)
    found = client.get("/api/v1/regions/ms/matches", headers=api_token("klein@example.org"))
    assert found.status_code == 200
    matches = found.json()
    assert matches and all(m["need"]["actor"] == "a2" for m in matches)
    secret = next(m for m in matches if m["offer"]["id"] == "s1")
    assert secret["offer"]["actor_name"] is None and secret["offer"]["actor"] is None
    assert "Huber" not in str(secret)


def test_matches_of_one_stream(app, api_token) -> None:
    client = TestClient(app)
    found = client.get("/api/v1/regions/ms/matches?stream=s3", headers=api_token("fac@example.org"))
    assert found.status_code == 200, found.text
    assert {m["offer"]["id"] for m in found.json()} >= {"s1"}
    assert (
        client.get(
            "/api/v1/regions/ms/matches?stream=nope", headers=api_token("fac@example.org")
        ).status_code
        == 404
    )


def test_matches_of_another_region_are_not_found(app, api_token) -> None:
    client = TestClient(app)
    response = client.get("/api/v1/regions/ms/matches", headers=api_token("other-fac@example.org"))
    assert response.status_code == 404
