"""The leads pipeline pages: create from a match, move with CSRF, field errors next to
the field, history, permissions, and the matching's feedback."""

from __future__ import annotations

from tests.web.conftest import csrf_of


def create_lead(client, offer: str = "s1", need: str = "s3") -> str:  # type: ignore[no-untyped-def]
    page = client.get(f"/regions/ms/matches/{offer}/{need}")
    assert page.status_code == 200
    response = client.post(
        "/regions/ms/leads",
        data={"csrf_token": csrf_of(page.text), "offer": offer, "need": need},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return str(response.headers["location"])


def move(client, url: str, **fields: str):  # type: ignore[no-untyped-def]
    page = client.get(url)
    return client.post(
        f"{url}/status", data={"csrf_token": csrf_of(page.text), **fields}, follow_redirects=False
    )


def test_create_lead_from_match_and_move_to_implemented(app, as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    url = create_lead(fac)
    assert url.startswith("/regions/ms/leads/")
    assert create_lead(fac) == url  # the same pair opens the same lead
    page = fac.get(url).text
    assert 'id="lead-current-status">suggested' in page
    assert move(fac, url, status="contacted").status_code == 303
    assert move(fac, url, status="negotiating").status_code == 303
    done = move(fac, url, status="implemented", actual_quantity="180,5", unit="t/a")
    assert done.status_code == 303
    lead = app.state.repo.get_lead(int(url.rsplit("/", 1)[1]))
    assert lead.status.value == "implemented"
    assert (lead.actual_quantity, lead.unit) == (180.5, "t/a")
    history = fac.get(url).text
    for status in ("contacted", "negotiating", "implemented"):
        assert f"<td>{status}</td>" in history
    assert "Move the lead" not in history  # implemented is final
    board = fac.get("/regions/ms/leads").text
    assert "Holzspäne, unbehandelt" in board and "180.5 t/a" in board


def test_implemented_without_quantity_shows_the_error_at_the_field(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    url = create_lead(fac)
    wrong = move(fac, url, status="implemented")
    assert wrong.status_code == 422
    assert 'id="lead-actual_quantity-error"' in wrong.text
    assert "needs the actual quantity" in wrong.text
    number = move(fac, url, status="implemented", actual_quantity="viel", unit="t/a")
    assert number.status_code == 422 and "is not a number" in number.text
    unit = move(fac, url, status="implemented", actual_quantity="3", unit="bananas")
    assert unit.status_code == 422 and 'id="lead-unit-error"' in unit.text


def test_rejected_needs_a_reason_and_feeds_the_matching(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import latest_job, runner_of

    fac = as_user("fac@example.org")
    url = create_lead(fac)
    no_reason = move(fac, url, status="rejected")
    assert no_reason.status_code == 422 and 'id="lead-reason-error"' in no_reason.text
    assert move(fac, url, status="rejected", reason="zu feucht").status_code == 303
    lead = app.state.repo.get_lead(int(url.rsplit("/", 1)[1]))
    assert (lead.status.value, lead.reason) == ("rejected", "zu feucht")
    refresh = latest_job(runner_of(app), "ms", "feedback")
    assert refresh is not None
    assert runner_of(app).wait(refresh.id, timeout=60).status.value == "done"
    # the rebuilt matcher carries the rejection as feedback for the exact pair
    from kreislauf.matching_service import stored_matcher

    matcher = stored_matcher(app.state.repo, "ms")
    assert matcher.feedback.exact.get(("s1", "s3")) == -1


def test_pipeline_is_for_facilitators_only(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    url = create_lead(fac)
    for email in ("klein@example.org", "viewer@example.org"):
        client = as_user(email)
        assert client.get("/regions/ms/leads").status_code == 403
        assert client.get(url).status_code == 403
    other = as_user("other-fac@example.org")
    assert other.get("/regions/ms/leads").status_code == 404
    assert other.get(url).status_code == 404


def test_moves_need_csrf(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    url = create_lead(fac)
    assert fac.post(f"{url}/status", data={"status": "contacted"}).status_code == 403
    assert fac.post("/regions/ms/leads", data={"offer": "s2", "need": "s3"}).status_code == 403


def test_wrong_transition_is_refused_at_the_status_field(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    url = create_lead(fac)
    assert move(fac, url, status="rejected", reason="nein").status_code == 303
    back = move(fac, url, status="implemented", actual_quantity="1", unit="t")
    assert back.status_code == 422 and 'id="lead-status-error"' in back.text


def test_unknown_lead_is_not_found(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    assert fac.get("/regions/ms/leads/99999").status_code == 404
