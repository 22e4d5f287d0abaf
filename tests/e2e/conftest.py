"""End-to-end tests in real headless Chromium (Debian's, never a downloaded one).

A session fixture starts the app with uvicorn on 127.0.0.1 on a free port, on a fresh
SQLite database with the demo region "ms" and accounts; every page fails its test on a
request that leaves the server's origin (CDNs, tile servers). Screenshots of the main
pages go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IN_CI, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PASSWORD = "correct horse battery"


def _need_chromium() -> None:
    if shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is absent: apt-get install -y chromium to run the browser tests"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    _need_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "de-DE"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    from kreislauf.settings import Settings
    from kreislauf.storage.accounts import Accounts
    from kreislauf.web import create_app
    from tests.web.conftest import seed_region

    folder = tmp_path_factory.mktemp("e2e")
    settings = Settings(
        database_url=f"sqlite:///{folder / 'e2e.db'}",
        data_dir=folder,
        language=None,
        secret_key="e2e-secret-" + "y" * 24,
    )
    app = create_app(settings)
    app.state.repo.save_region(seed_region())
    accounts = Accounts(app.state.repo.engine)
    accounts.add_user("fac@example.org", PASSWORD, "facilitator", regions=["ms"])
    accounts.add_user("klein@example.org", PASSWORD, "member", actor_region="ms", actor_id="a2")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def site(page: Any, live_server: str) -> Iterator[Any]:
    """A page that fails the test on any request leaving the server's origin."""
    foreign: list[str] = []

    def check(request: Any) -> None:
        url = request.url
        if not (url.startswith(live_server) or url.startswith(("data:", "blob:", "about:"))):
            foreign.append(url)

    page.on("request", check)
    page.set_default_timeout(15_000)
    yield page
    assert foreign == [], f"requests left the origin: {foreign}"


def shoot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def log_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/regions")
