"""Matches pages: a region's matches from a background run, one actor's matches, one
match with its reasons; confidentiality as in the API."""

from __future__ import annotations

from tests.web.conftest import csrf_of


def run_matching(app, client) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import latest_job, runner_of

    page = client.get("/regions/ms/matches")
    assert "Run matching now" in page.text
    response = client.post(
        "/regions/ms/matches/run",
        data={"csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    runner = runner_of(app)
    job = latest_job(runner, "ms", "match")
    assert job is not None
    finished = runner.wait(job.id, timeout=120)
    assert finished.status.value == "done", finished.error


def test_region_matches_from_a_background_run(app, as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    assert "No matching run yet" in fac.get("/regions/ms/matches").text
    run_matching(app, fac)
    page = fac.get("/regions/ms/matches")
    assert page.status_code == 200
    assert "Bäckerei Klein" in page.text and "Brennstoff für den Ofen" in page.text
    assert "Sägewerk Huber" in page.text  # the facilitator sees every firm
    assert "/regions/ms/matches/s1/s3" in page.text


def test_member_sees_own_matches_with_confidential_side_anonymised(app, as_user) -> None:  # type: ignore[no-untyped-def]
    run_matching(app, as_user("fac@example.org"))
    klein = as_user("klein@example.org")
    page = klein.get("/regions/ms/matches").text
    assert "Run matching now" not in page
    assert "Huber" not in page  # the confidential offer's firm stays unnamed
    assert "Brennstoff für den Ofen" in page


def test_run_needs_a_facilitator_and_csrf(as_user) -> None:  # type: ignore[no-untyped-def]
    klein = as_user("klein@example.org")
    page = klein.get("/regions/ms/matches")
    denied = klein.post("/regions/ms/matches/run", data={"csrf_token": csrf_of(page.text)})
    assert denied.status_code == 403
    fac = as_user("fac@example.org")
    assert fac.post("/regions/ms/matches/run", data={}).status_code == 403


def test_match_page_shows_reasons_in_the_users_language(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    english = fac.get("/regions/ms/matches/s1/s3?lang=en")
    assert english.status_code == 200
    assert "Reasons" in english.text and "km apart" in english.text
    assert "Sägewerk Huber" in english.text
    assert "Create a lead from this match" in english.text
    german = fac.get("/regions/ms/matches/s1/s3?lang=de")
    assert "Begründung" in german.text and "km Luftlinie" in german.text


def test_match_page_of_a_confidential_offer_for_another_firm(as_user) -> None:  # type: ignore[no-untyped-def]
    klein = as_user("klein@example.org")
    page = klein.get("/regions/ms/matches/s1/s3")
    assert page.status_code == 200
    assert "Huber" not in page.text and "Linie 3" not in page.text
    assert "Create a lead" not in page.text


def test_actor_matches_page(as_user) -> None:  # type: ignore[no-untyped-def]
    page = as_user("fac@example.org").get("/regions/ms/actors/a2/matches")
    assert page.status_code == 200
    assert "Brennstoff für den Ofen" in page.text
    assert "/regions/ms/matches/" in page.text


def test_unrelated_pair_is_not_found(as_user) -> None:  # type: ignore[no-untyped-def]
    fac = as_user("fac@example.org")
    assert fac.get("/regions/ms/matches/s3/s2").status_code == 404
    assert fac.get("/regions/ms/matches/s1/nope").status_code == 404
    assert as_user("other-fac@example.org").get("/regions/ms/matches/s1/s3").status_code == 404
