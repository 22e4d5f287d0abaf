"""Fixtures for the web tests: a migrated database on SQLite and on PostgreSQL, an app
with accounts for every role, and clients that log in through the real forms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.db import clear, postgres_database

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_database("kreislauf_web") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or the session's PostgreSQL database."""
    from kreislauf.storage.database import make_engine
    from kreislauf.storage.repository import Repository

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'web.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    repo = Repository(make_engine(url))
    repo.upgrade()
    if request.param == "postgresql":
        clear(repo.engine)
    repo.close()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    from kreislauf.storage.database import make_engine

    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)


@pytest.fixture
def settings(database_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    from kreislauf.settings import Settings

    return Settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        language="en",
        secret_key="test-secret-" + "x" * 20,
        max_import_mb=0.5,
    )


def seed_region() -> object:
    """Region "ms": a sawmill with a confidential and an open offer, a bakery with a need."""
    from kreislauf.core.actors import Actor
    from kreislauf.core.region import Region
    from kreislauf.core.streams import Direction, Stream

    sawmill = Actor(
        "a1",
        "Sägewerk Huber",
        nace="16.10",
        lat=50.9170,
        lon=13.3430,
        municipality="Freiberg",
        extra={"email": "info@huber.example", "phone": "03731 123"},
    )
    bakery = Actor(
        "a2", "Bäckerei Klein", nace="10.71", municipality="Döbeln", lat=51.12, lon=13.11
    )
    streams = (
        Stream(
            "s1",
            "a1",
            Direction.OFFER,
            "Holzspäne, unbehandelt",
            description="Linie 3 bei Huber",
            ewc="03 01 05",
            quantity=200,
            unit="t/a",
            confidential=True,
        ),
        Stream("s2", "a1", Direction.OFFER, "Rinde", quantity=50, unit="t/a"),
        Stream("s3", "a2", Direction.NEED, "Brennstoff für den Ofen", quantity=100, unit="t/a"),
    )
    return Region("ms", "Mittelsachsen", actors=(sawmill, bakery), streams=streams)


@pytest.fixture
def app(settings):  # type: ignore[no-untyped-def]
    """The app on a database with region "ms" and one account per role."""
    from kreislauf.storage.accounts import Accounts
    from kreislauf.web import create_app

    application = create_app(settings)
    application.state.repo.save_region(seed_region())
    accounts = Accounts(application.state.repo.engine)
    accounts.add_user("admin@example.org", PASSWORD, "admin")
    accounts.add_user("fac@example.org", PASSWORD, "facilitator", regions=["ms"])
    accounts.add_user("other-fac@example.org", PASSWORD, "facilitator", regions=["elsewhere"])
    accounts.add_user("huber@example.org", PASSWORD, "member", actor_region="ms", actor_id="a1")
    accounts.add_user("klein@example.org", PASSWORD, "member", actor_region="ms", actor_id="a2")
    accounts.add_user("viewer@example.org", PASSWORD, "viewer", regions=["ms"])
    return application


def login(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "email": email,
            "password": password,
            "csrf_token": csrf_of(page.text),
            "next": "/regions",
        },
        follow_redirects=False,
    )
    return response


@pytest.fixture
def as_user(app):  # type: ignore[no-untyped-def]
    """``as_user(email)``: a TestClient logged in through the login form."""
    from fastapi.testclient import TestClient

    clients = []

    def make(email: str):  # type: ignore[no-untyped-def]
        client = TestClient(app)
        clients.append(client)
        response = login(client, email)
        assert response.status_code == 303, response.text
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api_token(app):  # type: ignore[no-untyped-def]
    """``api_token(email)``: headers with a bearer token from the password flow."""
    from fastapi.testclient import TestClient

    client = TestClient(app)

    def make(email: str) -> dict[str, str]:
        response = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    yield make
    client.close()
