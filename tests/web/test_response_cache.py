"""Kept API answers: a change of the region (through the API, the repository or another
process) or of the viewer's introductions shows at once, and one viewer's answer is
never served to another."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from kreislauf.web.response_cache import ResponseCache, serial_of, to_json, validated_json
from kreislauf.web.schemas import RegionSummary


def names(client: TestClient, path: str, headers: dict[str, str]) -> dict[str, str | None]:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    rows = body["actors"] if isinstance(body, dict) else body
    if isinstance(body, dict):  # map rows: [id, name, ...]
        return {row[0]: row[1] for row in rows}
    return {row["id"]: row.get("title", row.get("name")) for row in rows}


def test_a_change_through_the_api_shows_in_the_kept_lists(app, api_token) -> None:
    client = TestClient(app)
    fac = api_token("fac@example.org")
    assert names(client, "/api/v1/regions/ms/streams", fac)["s2"] == "Rinde"
    assert names(client, "/api/v1/regions/ms/actors", fac)["a2"] == "Bäckerei Klein"
    assert names(client, "/api/v1/regions/ms/map-data", fac)["a2"] == "Bäckerei Klein"
    cache: ResponseCache = app.state.responses
    hits = cache.hits
    assert names(client, "/api/v1/regions/ms/streams", fac)["s2"] == "Rinde"
    assert cache.hits == hits + 1  # the second read is the kept answer

    changed = client.patch(
        "/api/v1/regions/ms/streams/s2", json={"title": "Eichenrinde"}, headers=fac
    )
    assert changed.status_code == 200, changed.text
    changed = client.patch(
        "/api/v1/regions/ms/actors/a2", json={"name": "Bäckerei Groß"}, headers=fac
    )
    assert changed.status_code == 200, changed.text
    assert names(client, "/api/v1/regions/ms/streams", fac)["s2"] == "Eichenrinde"
    assert names(client, "/api/v1/regions/ms/actors", fac)["a2"] == "Bäckerei Groß"
    assert names(client, "/api/v1/regions/ms/map-data", fac)["a2"] == "Bäckerei Groß"


def test_a_change_made_elsewhere_shows_too(app, api_token) -> None:
    """Another worker or the CLI writes through its own repository: the region's stamp
    in the database names the new state."""
    from kreislauf.storage.repository import Repository

    client = TestClient(app)
    fac = api_token("fac@example.org")
    assert names(client, "/api/v1/regions/ms/streams", fac)["s3"] == "Brennstoff für den Ofen"
    other = Repository(app.state.repo.engine.url)
    stream = other.get_stream("ms", "s3")
    other.update_stream("ms", replace(stream, title="Holz für den Ofen"))
    assert names(client, "/api/v1/regions/ms/streams", fac)["s3"] == "Holz für den Ofen"
    assert client.get("/api/v1/regions/ms/streams/s3", headers=fac).json()["title"] == (
        "Holz für den Ofen"
    )


def test_one_viewers_answer_is_never_anothers(app, api_token) -> None:
    client = TestClient(app)
    fac, klein = api_token("fac@example.org"), api_token("klein@example.org")
    for first, second in ((fac, klein), (klein, fac)):
        app.state.responses.clear()
        for headers in (first, second, first):
            streams = client.get("/api/v1/regions/ms/streams", headers=headers)
            actors = client.get("/api/v1/regions/ms/actors", headers=headers)
            secret = next(s for s in streams.json() if s["id"] == "s1")
            if headers is klein:
                assert secret["owner_visible"] is False and secret["actor_name"] is None
                assert "Linie 3 bei Huber" not in streams.text
                assert "info@huber.example" not in actors.text
            else:
                assert secret["actor_name"] == "Sägewerk Huber"
                assert "info@huber.example" in actors.text


def test_an_introduction_shows_in_the_kept_lists(app, api_token) -> None:
    client = TestClient(app)
    klein, huber = api_token("klein@example.org"), api_token("huber@example.org")
    before = client.get("/api/v1/regions/ms/streams", headers=klein).json()
    assert next(s for s in before if s["id"] == "s1")["actor_name"] is None
    asked = client.post(
        "/api/v1/regions/ms/contact-requests",
        json={"to_actor": "a1", "offer": "s1", "need": "s3"},
        headers=klein,
    )
    assert asked.status_code == 201, asked.text
    client.post(
        f"/api/v1/regions/ms/contact-requests/{asked.json()['id']}",
        json={"accept": True},
        headers=huber,
    )
    after = client.get("/api/v1/regions/ms/streams", headers=klein).json()
    assert next(s for s in after if s["id"] == "s1")["actor_name"] == "Sägewerk Huber"
    actors = client.get("/api/v1/regions/ms/actors", headers=klein).text
    assert "info@huber.example" in actors


def test_one_streams_matches_are_kept_until_the_region_changes(app, api_token) -> None:
    client = TestClient(app)
    fac = api_token("fac@example.org")
    cache: ResponseCache = app.state.responses
    path = "/api/v1/regions/ms/matches?stream=s3"
    first = client.get(path, headers=fac)
    assert first.status_code == 200, first.text
    hits, misses = cache.hits, cache.misses
    assert client.get(path, headers=fac).json() == first.json()
    assert (cache.hits, cache.misses) == (hits + 1, misses)
    client.patch("/api/v1/regions/ms/streams/s3", json={"quantity": 120}, headers=fac)
    again = client.get(path, headers=fac)
    assert again.status_code == 200
    assert cache.misses == misses + 1  # a new state of the region: built again
    for match in again.json():
        assert match["need"]["quantity"] == 120


def test_the_cache_drops_the_oldest_answers_beyond_its_budget() -> None:
    cache = ResponseCache(budget=10)
    built: list[str] = []

    def build(text: str):  # type: ignore[no-untyped-def]
        def make() -> bytes:
            built.append(text)
            return text.encode()

        return make

    assert cache.body("a", build("aaaa")) == b"aaaa"
    assert cache.body("a", build("xxxx")) == b"aaaa"  # kept
    cache.body("b", build("bbbb"))
    cache.body("c", build("cccc"))  # 12 bytes: "a" goes
    assert cache.size <= 10 and len(cache) == 2
    assert cache.body("a", build("AAAA")) == b"AAAA"
    assert cache.body("huge", build("h" * 20)) == b"h" * 20  # too big to keep
    assert "huge" not in cache._items
    assert built == ["aaaa", "bbbb", "cccc", "AAAA", "h" * 20]


def test_serials_name_one_object_each() -> None:
    class Thing:
        pass

    a, b = Thing(), Thing()
    assert serial_of(a) == serial_of(a) != serial_of(b)


def test_kept_json_passes_through_the_response_model() -> None:
    row = {"id": "ms", "name": "Mittelsachsen", "actors": 1, "offers": 2, "needs": 3}
    assert validated_json(list[RegionSummary], [row]) == to_json([row])
    # a field outside the response model is dropped, as FastAPI's response_model does
    assert validated_json(list[RegionSummary], [{**row, "secret": "x"}]) == to_json([row])
