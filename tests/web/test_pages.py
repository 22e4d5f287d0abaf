"""Pages: login, language, regions, actors, offers and needs, forms with errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, csrf_of, login


def test_pages_need_a_login(app) -> None:
    client = TestClient(app)
    response = client.get("/regions/ms", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/regions/ms"


def test_login_with_a_wrong_password_says_so_and_the_right_one_works(app) -> None:
    client = TestClient(app)
    wrong = login(client, "fac@example.org", "wrong password!")
    assert wrong.status_code == 401 and "password is wrong" in wrong.text
    right = login(client, "fac@example.org")
    assert right.status_code == 303
    assert "Mittelsachsen" in client.get("/regions").text


def test_a_form_without_the_csrf_token_is_refused(app) -> None:
    client = TestClient(app)
    client.get("/login")
    response = client.post("/login", data={"email": "fac@example.org", "password": PASSWORD})
    assert response.status_code == 403


def test_logins_are_throttled(app) -> None:
    client = TestClient(app)
    for _ in range(5):
        assert login(client, "fac@example.org", "wrong password!").status_code == 401
    blocked = login(client, "fac@example.org")  # even the right password, for a while
    assert blocked.status_code == 429 and "too many failed logins" in blocked.text


def test_the_session_cookie_is_httponly_and_secure_in_production(settings) -> None:
    from kreislauf.web import create_app

    production = settings.model_copy(update={"environment": "production"})
    client = TestClient(create_app(production), base_url="https://testserver")
    header = client.get("/login").headers["set-cookie"].lower()
    assert "kreislauf_session=" in header
    assert "httponly" in header and "secure" in header and "samesite=lax" in header


def test_the_language_switches_by_query_and_sticks(as_user) -> None:
    client = as_user("fac@example.org")
    german = client.get("/regions?lang=de")
    assert '<html lang="de">' in german.text and "Regionen" in german.text
    assert '<html lang="de">' in client.get("/regions").text  # remembered in the cookie
    english = client.get("/regions?lang=en")
    assert '<html lang="en">' in english.text and "Regions" in english.text


def test_pages_have_landmarks_a_skip_link_and_labels(as_user) -> None:
    html = as_user("fac@example.org").get("/regions/ms/actors/new").text
    assert 'href="#main"' in html and '<main id="main"' in html
    assert '<label for="name">' in html and 'id="name"' in html
    assert "<nav" in html and "<header" in html


def test_a_facilitator_adds_an_actor_located_by_its_municipality(as_user) -> None:
    client = as_user("fac@example.org")
    form = client.get("/regions/ms/actors/new").text
    response = client.post(
        "/regions/ms/actors",
        data={
            "csrf_token": csrf_of(form),
            "name": "Brauerei Neu",
            "nace": "11.05",
            "municipality": "Mittweida",
            "kind": "company",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/regions/ms/actors/brauerei-neu"
    page = client.get("/regions/ms/actors/brauerei-neu").text
    assert "Brauerei Neu" in page and "50.9856" in page


def test_form_errors_stand_next_to_their_fields_in_the_users_language(as_user) -> None:
    client = as_user("fac@example.org")
    form = client.get("/regions/ms/actors/new?lang=de").text
    response = client.post(
        "/regions/ms/actors",
        data={"csrf_token": csrf_of(form), "name": "", "nace": "99.99", "lat": "abc"},
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="name-error"' in html and "Ein Name ist nötig" in html
    assert 'id="lat-error"' in html and 'aria-invalid="true"' in html
    assert 'id="nace-error"' in html


def test_names_with_html_are_shown_as_text(as_user) -> None:
    client = as_user("fac@example.org")
    form = client.get("/regions/ms/actors/new").text
    client.post(
        "/regions/ms/actors",
        data={"csrf_token": csrf_of(form), "id": "evil", "name": "<script>alert(1)</script>"},
    )
    page = client.get("/regions/ms/actors/evil").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_member_adds_an_offer_to_its_own_firm_with_a_waste_code(as_user) -> None:
    client = as_user("klein@example.org")
    form = client.get("/regions/ms/actors/a2/streams/new?direction=offer").text
    response = client.post(
        "/regions/ms/actors/a2/streams",
        data={
            "csrf_token": csrf_of(form),
            "direction": "offer",
            "title": "Altbrot",
            "ewc": "020304",
            "quantity": "12,5",
            "unit": "t/a",
            "type": "material",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    assert "Altbrot" in page and "02 03 04" in page and "12.5" in page


def test_a_wrong_waste_code_and_unit_are_reported_at_their_fields(as_user) -> None:
    client = as_user("klein@example.org")
    form = client.get("/regions/ms/actors/a2/streams/new").text
    response = client.post(
        "/regions/ms/actors/a2/streams",
        data={
            "csrf_token": csrf_of(form),
            "direction": "offer",
            "title": "X",
            "ewc": "99 99 99",
            "quantity": "5",
            "unit": "furlongs",
        },
    )
    assert response.status_code == 422
    assert 'id="ewc-error"' in response.text and 'id="unit-error"' in response.text


def test_the_pickers_suggest_sectors_waste_codes_and_municipalities(as_user) -> None:
    client = as_user("fac@example.org")
    assert "16.10" in client.get("/lookup/sectors", params={"nace": "Sägewerk"}).text
    assert "11.05" in client.get("/lookup/sectors", params={"q": "brewery"}).text
    assert "<option" in client.get("/lookup/waste-codes", params={"ewc": "Holz"}).text
    assert "Freiberg" in client.get("/lookup/municipalities", params={"q": "Freib"}).text


def test_pages_send_security_headers(as_user) -> None:
    response = as_user("fac@example.org").get("/regions")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_an_unknown_page_says_so_in_the_users_language(as_user) -> None:
    response = as_user("fac@example.org").get("/no/such/page?lang=de")
    assert response.status_code == 404 and "Diese Seite gibt es nicht." in response.text
    assert '<main id="main"' in response.text


def test_a_member_answers_an_introduction_on_its_own_page(as_user) -> None:
    klein = as_user("klein@example.org")
    page = klein.get("/regions/ms/actors/a1").text
    assert "Ask for an introduction" in page
    klein.post(
        "/regions/ms/actors/a1/contact", data={"csrf_token": csrf_of(page), "message": "Späne?"}
    )
    huber = as_user("huber@example.org")
    own = huber.get("/regions/ms/actors/a1").text
    assert "Request from Bäckerei Klein" in own and "Späne?" in own
    import re

    request_id = re.search(r"/contact-requests/(\d+)", own).group(1)  # type: ignore[union-attr]
    huber.post(
        f"/regions/ms/contact-requests/{request_id}",
        data={"csrf_token": csrf_of(own), "decision": "accept"},
    )
    after = klein.get("/regions/ms/actors/a1").text
    assert "info@huber.example" in after and "Ask for an introduction" not in after
    assert "Sägewerk Huber" in klein.get("/regions/ms/streams/s1").text


def test_numbers_are_written_the_way_the_language_writes_them() -> None:
    from kreislauf.web.context import format_number

    assert format_number(1234.5, "de") == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(200.0, "de") == "200"
    assert format_number(0.25, "de", 2) == "0,25"
    assert format_number(None, "de") == ""


def test_the_language_switch_keeps_the_rest_of_the_address(as_user) -> None:
    html = as_user("fac@example.org").get("/regions/ms/streams?direction=offer").text
    assert "direction=offer&amp;lang=en" in html


def test_a_login_never_redirects_to_another_site(app) -> None:
    client = TestClient(app)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "email": "fac@example.org",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "//evil.example/x",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/regions"


def test_a_user_changes_the_password_and_old_tokens_stop_working(app, as_user, api_token) -> None:
    headers = api_token("klein@example.org")
    client = as_user("klein@example.org")
    page = client.get("/account").text
    assert "klein@example.org" in page
    wrong = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_of(page),
            "current_password": "nope",
            "new_password": "short",
            "new_password_again": "x",
        },
    )
    assert wrong.status_code == 422
    for field in ("current_password", "new_password", "new_password_again"):
        assert f'id="{field}-error"' in wrong.text
    done = client.post(
        "/account/password",
        data={
            "csrf_token": csrf_of(wrong.text),
            "current_password": PASSWORD,
            "new_password": "a much longer secret",
            "new_password_again": "a much longer secret",
        },
    )
    assert done.status_code == 200 and "Your password was changed." in done.text
    assert TestClient(app).get("/api/v1/me", headers=headers).status_code == 401
    assert login(TestClient(app), "klein@example.org", "a much longer secret").status_code == 303


def test_failures_on_one_account_do_not_lock_out_a_colleague_at_the_same_address(app) -> None:
    client = TestClient(app)
    for _ in range(5):
        login(client, "fac@example.org", "wrong password!")
    assert login(client, "fac@example.org").status_code == 429
    assert login(TestClient(app), "viewer@example.org").status_code == 303


def test_many_failures_from_one_address_are_throttled_whatever_the_account(app) -> None:
    from kreislauf.web.security import MAX_FAILED_LOGINS_PER_CLIENT

    client = TestClient(app)
    for n in range(MAX_FAILED_LOGINS_PER_CLIENT):
        login(client, f"guess{n}@example.org", "wrong password!")
    assert login(client, "viewer@example.org").status_code == 429


def test_a_configured_tile_server_is_allowed_for_images_only() -> None:
    from kreislauf.web.app import content_security_policy

    offline = content_security_policy()
    assert "img-src 'self' data:;" in offline and "http" not in offline
    online = content_security_policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org;" in online
    assert "script-src 'self';" in online and "connect-src 'self';" in online
    assert "img-src 'self' data:;" in content_security_policy("javascript:alert(1)")
