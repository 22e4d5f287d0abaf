"""A company member cannot read another firm's confidential stream or contact data --
not by page, not by API, not by a guessed URL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

SECRETS = ("Sägewerk Huber", "info@huber.example", "03731 123", "Linie 3 bei Huber")


def leaks(text: str, *names: str) -> list[str]:
    return [s for s in (names or SECRETS) if s in text]


def test_the_streams_page_shows_the_confidential_offer_anonymised(as_user) -> None:
    html = as_user("klein@example.org").get("/regions/ms/streams").text
    assert "Holzspäne, unbehandelt" in html  # the offer itself is visible ...
    assert "A firm of sector" in html and "Freiberg" in html  # ... as sector and municipality
    assert "/regions/ms/actors/a1" in html  # the open offer "Rinde" names its firm
    assert html.count("Sägewerk Huber") == 1  # once, for the open offer only


def test_the_guessed_stream_url_gives_no_name_or_description(as_user) -> None:
    html = as_user("klein@example.org").get("/regions/ms/streams/s1").text
    assert "Holzspäne" in html
    assert leaks(html) == []
    assert "/regions/ms/actors/a1" not in html


def test_the_firms_own_page_lists_no_confidential_stream_and_no_contact(as_user) -> None:
    html = as_user("klein@example.org").get("/regions/ms/actors/a1").text
    assert "Sägewerk Huber" in html and "Rinde" in html
    assert "Holzspäne" not in html
    assert leaks(html, "info@huber.example", "03731 123") == []


def test_the_api_anonymises_the_same_way(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("klein@example.org")
    streams = client.get("/api/v1/regions/ms/streams", headers=headers).json()
    secret = next(s for s in streams if s["id"] == "s1")
    assert secret["owner_visible"] is False
    assert secret["actor"] is None and secret["actor_name"] is None and secret["lat"] is None
    assert (secret["sector"], secret["municipality"]) == ("16.10", "Freiberg")
    single = client.get("/api/v1/regions/ms/streams/s1", headers=headers)
    assert leaks(single.text) == []
    by_actor = client.get("/api/v1/regions/ms/streams?actor=a1", headers=headers).json()
    assert [s["id"] for s in by_actor] == ["s2"]
    actor = client.get("/api/v1/regions/ms/actors/a1", headers=headers).json()
    assert actor["contact"] == {} and "email" not in actor["extra"]
    listed = client.get("/api/v1/regions/ms/actors", headers=headers).text
    assert leaks(listed, "info@huber.example", "03731 123") == []


def test_the_owner_and_the_facilitator_see_everything(app, api_token, as_user) -> None:
    client = TestClient(app)
    for email in ("huber@example.org", "fac@example.org", "admin@example.org"):
        headers = api_token(email)
        secret = client.get("/api/v1/regions/ms/streams/s1", headers=headers).json()
        assert secret["actor_name"] == "Sägewerk Huber", email
        contact = client.get("/api/v1/regions/ms/actors/a1", headers=headers).json()["contact"]
        assert contact["email"] == "info@huber.example", email
    assert "Linie 3 bei Huber" in as_user("fac@example.org").get("/regions/ms/streams/s1").text


def test_a_member_cannot_change_another_firm(app, api_token, as_user) -> None:
    client = TestClient(app)
    headers = api_token("klein@example.org")
    assert (
        client.patch(
            "/api/v1/regions/ms/actors/a1", json={"name": "Mine"}, headers=headers
        ).status_code
        == 403
    )
    assert (
        client.patch(
            "/api/v1/regions/ms/streams/s1", json={"title": "Mine"}, headers=headers
        ).status_code
        == 403
    )
    assert client.delete("/api/v1/regions/ms/streams/s2", headers=headers).status_code == 403
    stolen = client.post(
        "/api/v1/regions/ms/streams",
        json={"actor": "a1", "direction": "need", "title": "x"},
        headers=headers,
    )
    assert stolen.status_code == 403
    page = as_user("klein@example.org")
    assert page.get("/regions/ms/actors/a1/edit").status_code == 403
    assert page.get("/regions/ms/streams/s1/edit").status_code == 403
    form = page.get("/regions/ms/actors/a2/edit").text
    response = page.post(
        "/regions/ms/streams/s1/edit",
        data={"csrf_token": csrf_of(form), "title": "Mine", "direction": "offer"},
    )
    assert response.status_code == 403
    assert (
        client.get("/api/v1/regions/ms/streams/s1", headers=api_token("fac@example.org")).json()[
            "title"
        ]
        != "Mine"
    )


def test_another_regions_people_get_404_as_if_it_did_not_exist(app, api_token, as_user) -> None:
    client = TestClient(app)
    headers = api_token("other-fac@example.org")
    for url in (
        "/api/v1/regions/ms",
        "/api/v1/regions/ms/streams/s1",
        "/api/v1/regions/ms/actors/a1",
    ):
        assert client.get(url, headers=headers).status_code == 404, url
    assert client.get("/api/v1/regions/nowhere", headers=headers).status_code == 404
    page = as_user("other-fac@example.org")
    assert page.get("/regions/ms/streams/s1").status_code == 404
    assert "Mittelsachsen" not in page.get("/regions").text


def test_a_viewer_reads_but_does_not_write(app, api_token) -> None:
    client = TestClient(app)
    headers = api_token("viewer@example.org")
    assert client.get("/api/v1/regions/ms/streams", headers=headers).status_code == 200
    assert (
        client.post("/api/v1/regions/ms/actors", json={"name": "X"}, headers=headers).status_code
        == 403
    )
    assert client.get("/api/v1/regions/ms/export", headers=headers).status_code == 403
    secret = client.get("/api/v1/regions/ms/streams/s1", headers=headers).json()
    assert secret["actor_name"] is None


def test_names_and_contacts_appear_only_after_both_sides_agree(app, api_token) -> None:
    client = TestClient(app)
    klein, huber = api_token("klein@example.org"), api_token("huber@example.org")
    asked = client.post(
        "/api/v1/regions/ms/contact-requests",
        json={"to_actor": "a1", "offer": "s1", "need": "s3", "message": "Interesse an Spänen"},
        headers=klein,
    )
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]
    assert client.get("/api/v1/regions/ms/streams/s1", headers=klein).json()["actor_name"] is None
    # the asker cannot accept its own request
    assert (
        client.post(
            f"/api/v1/regions/ms/contact-requests/{request_id}",
            json={"accept": True},
            headers=klein,
        ).status_code
        == 404
    )
    accepted = client.post(
        f"/api/v1/regions/ms/contact-requests/{request_id}", json={"accept": True}, headers=huber
    )
    assert accepted.json()["status"] == "accepted"
    assert (
        client.get("/api/v1/regions/ms/streams/s1", headers=klein).json()["actor_name"]
        == "Sägewerk Huber"
    )
    contact = client.get("/api/v1/regions/ms/actors/a1", headers=klein).json()["contact"]
    assert contact["email"] == "info@huber.example"


def test_the_session_api_needs_the_csrf_header_for_changes(as_user) -> None:
    page = as_user("fac@example.org")
    assert page.get("/api/v1/regions").status_code == 200  # reading with the cookie is fine
    refused = page.post("/api/v1/regions/ms/actors", json={"name": "Via cookie"})
    assert refused.status_code == 403
    token = csrf_of(page.get("/regions/ms/actors/new").text)
    allowed = page.post(
        "/api/v1/regions/ms/actors", json={"name": "Via cookie"}, headers={"X-CSRF-Token": token}
    )
    assert allowed.status_code == 201


URL_TEMPLATES = (
    "/api/v1/regions/{region}/streams/{item}",
    "/api/v1/regions/{region}/actors/{item}",
    "/api/v1/regions/{region}/streams?actor={item}",
    "/api/v1/regions/{region}/matches?stream={item}",
    "/api/v1/regions/{region}/actors?q={item}",
    "/api/v1/regions/{region}/contact-requests",
    "/api/v1/regions/{region}/leads/{item}",
    "/api/v1/regions/{region}/export?format={item}",
    "/regions/{region}/streams/{item}",
    "/regions/{region}/actors/{item}",
    "/regions/{region}/streams?q={item}",
    "/regions/{region}/actors/{item}/edit",
    "/regions/{region}/streams/{item}/edit",
)


def test_no_guessed_url_gives_a_member_another_firms_secrets(app, api_token) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.web.conftest import login

    client = TestClient(app)
    headers = api_token("klein@example.org")
    login(client, "klein@example.org")
    items = st.one_of(
        st.sampled_from(
            ["s1", "s2", "s3", "a1", "a2", "S1", "s1/", "s1%2F", "1", "json", "huber", ".."]
        ),
        st.text(alphabet="abcs1-_%.", min_size=1, max_size=6),
    )

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        template=st.sampled_from(URL_TEMPLATES),
        region=st.sampled_from(["ms", "MS", "ms%20"]),
        item=items,
    )
    def probe(template: str, region: str, item: str) -> None:
        url = template.format(region=region, item=item)
        response = client.get(url, headers=headers if url.startswith("/api/") else None)
        assert response.status_code < 500, (url, response.text[:300])
        body = response.text
        assert "info@huber.example" not in body and "03731 123" not in body, url
        assert "Linie 3 bei Huber" not in body, url
        if "<h1>Sägewerk Huber</h1>" in body:  # the firm's own page lists no confidential offer
            assert "Holzspäne" not in body, url
        if url.startswith("/api/") and response.status_code == 200:
            data = response.json()
            for entry in data if isinstance(data, list) else [data]:
                if isinstance(entry, dict) and entry.get("id") == "s1":
                    assert entry["actor_name"] is None and entry["description"] is None, url

    probe()


def test_asking_through_a_confidential_offer_keeps_its_firm_anonymous_until_accepted(
    app, api_token, as_user
) -> None:
    client = TestClient(app)
    klein, huber = api_token("klein@example.org"), api_token("huber@example.org")
    asked = client.post(
        "/api/v1/regions/ms/contact-requests", json={"offer": "s1", "need": "s3"}, headers=klein
    )
    assert asked.status_code == 201, asked.text
    assert asked.json()["to_actor"] is None and asked.json()["from_actor"] == "a2"
    listed = client.get("/api/v1/regions/ms/contact-requests", headers=klein).json()
    assert [r["to_actor"] for r in listed] == [None]
    page = as_user("klein@example.org").get("/regions/ms/actors/a2").text
    assert "stays anonymous" in page and "Sägewerk Huber" not in page
    incoming = client.get("/api/v1/regions/ms/contact-requests", headers=huber).json()
    assert incoming[0]["from_actor"] == "a2"  # the asker's own need is not confidential
    client.post(
        f"/api/v1/regions/ms/contact-requests/{incoming[0]['id']}",
        json={"accept": True},
        headers=huber,
    )
    after = client.get("/api/v1/regions/ms/contact-requests", headers=klein).json()
    assert after[0]["to_actor"] == "a1"
    assert "Sägewerk Huber" in as_user("klein@example.org").get("/regions/ms/actors/a2").text


def test_a_request_needs_a_target(app, api_token) -> None:
    client = TestClient(app)
    klein = api_token("klein@example.org")
    own_only = client.post(
        "/api/v1/regions/ms/contact-requests", json={"need": "s3"}, headers=klein
    )
    assert own_only.status_code == 400
    mismatch = client.post(
        "/api/v1/regions/ms/contact-requests", json={"to_actor": "a2", "offer": "s1"}, headers=klein
    )
    assert mismatch.status_code == 400
