"""Background jobs: state in the database (any worker can read it), progress, results,
failures in the reader's language, and the htmx-polled progress fragment."""

from __future__ import annotations

import threading

from kreislauf.errors import InputError


def test_job_runs_in_the_background_with_progress(app) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.storage.job_store import JobStatus, JobStore
    from kreislauf.web.jobs import JobRunner

    release = threading.Event()
    seen = threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        progress(3, 10)
        seen.set()
        assert release.wait(10)
        progress(10, 10)
        return {"answer": 42}

    runner = JobRunner(app.state.repo.engine)
    try:
        job = runner.submit("test", work, region_id="ms")
        assert job.status is JobStatus.QUEUED
        assert seen.wait(10)
        # another reader on the same database (another worker) sees the progress
        middle = JobStore(app.state.repo.engine).get(job.id)
        assert middle.status is JobStatus.RUNNING
        assert (middle.done, middle.total, middle.percent) == (3, 10, 30)
        release.set()
        done = runner.wait(job.id, timeout=10)
        assert done.status is JobStatus.DONE and done.finished
        assert done.result == {"answer": 42}
        assert done.percent == 100
    finally:
        release.set()
        runner.shutdown()


def test_failed_job_keeps_the_error_template(app) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.storage.job_store import JobStatus
    from kreislauf.web.jobs import JobRunner

    def work(progress):  # type: ignore[no-untyped-def]
        raise InputError('there is no region "{region}"', region="nowhere")

    def crash(progress):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    runner = JobRunner(app.state.repo.engine)
    try:
        failed = runner.wait(runner.submit("test", work).id, timeout=10)
        assert failed.status is JobStatus.FAILED
        assert failed.error == {
            "template": 'there is no region "{region}"',
            "params": {"region": "nowhere"},
        }
        crashed = runner.wait(runner.submit("test", crash).id, timeout=10)
        assert crashed.status is JobStatus.FAILED
        assert "RuntimeError: boom" in crashed.error["params"]["reason"]
    finally:
        runner.shutdown()


def test_progress_fragment_polls_until_done_then_refreshes(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import runner_of

    release = threading.Event()

    def work(progress):  # type: ignore[no-untyped-def]
        progress(1, 4)
        assert release.wait(10)
        return {}

    runner = runner_of(app)
    job = runner.submit("test", work, region_id="ms")
    client = as_user("fac@example.org")
    try:
        for _ in range(100):
            if runner.store.get(job.id).done == 1:
                break
            threading.Event().wait(0.05)
        running = client.get(f"/jobs/{job.id}", headers={"HX-Request": "true"})
        assert running.status_code == 200
        assert 'hx-trigger="every 1s"' in running.text
        assert "<progress" in running.text and 'value="25"' in running.text
        assert "HX-Refresh" not in running.headers
        api = client.get(f"/api/v1/jobs/{job.id}").json()
        assert api["status"] == "running" and api["percent"] == 25
    finally:
        release.set()
    runner.wait(job.id, timeout=10)
    finished = client.get(f"/jobs/{job.id}", headers={"HX-Request": "true"})
    assert finished.headers.get("HX-Refresh") == "true"
    assert "hx-trigger" not in finished.text


def test_job_of_a_region_is_hidden_from_others(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import runner_of

    runner = runner_of(app)
    job = runner.submit("test", lambda progress: {}, region_id="ms")
    runner.wait(job.id, timeout=10)
    other = as_user("other-fac@example.org")
    assert other.get(f"/jobs/{job.id}").status_code == 404
    assert other.get(f"/api/v1/jobs/{job.id}").status_code == 404
    assert other.get("/api/v1/jobs/no-such-job").status_code == 404


def test_failure_is_shown_in_the_users_language(app, as_user) -> None:  # type: ignore[no-untyped-def]
    from kreislauf.web.jobs import runner_of

    def work(progress):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    runner = runner_of(app)
    job = runner.wait(runner.submit("test", work, region_id="ms").id, timeout=10)
    client = as_user("fac@example.org")
    german = client.get(f"/jobs/{job.id}?lang=de").text
    assert "Der Lauf ist fehlgeschlagen" in german and "disk full" in german


def test_api_starts_a_matching_run_and_reports_it(app, api_token) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kreislauf.web.jobs import runner_of

    client = TestClient(app)
    started = client.post("/api/v1/regions/ms/matching-runs", headers=api_token("fac@example.org"))
    assert started.status_code == 202, started.text
    body = started.json()
    assert body["kind"] == "match" and body["region"] == "ms"
    runner_of(app).wait(body["id"], timeout=120)
    done = client.get(f"/api/v1/jobs/{body['id']}", headers=api_token("viewer@example.org"))
    assert done.json()["status"] == "done" and done.json()["result"] == {"matches": 1}
    denied = client.post("/api/v1/regions/ms/matching-runs", headers=api_token("klein@example.org"))
    assert denied.status_code == 403
    hidden = client.post(
        "/api/v1/regions/ms/matching-runs", headers=api_token("other-fac@example.org")
    )
    assert hidden.status_code == 404
