"""``kreislauf users add`` and ``kreislauf serve`` (registered into the CLI here the
way ``kreislauf.cli.app`` does)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kreislauf.web import users_cli
from tests.web.conftest import PASSWORD


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> typer.Typer:
    from kreislauf.cli.app import build_app
    from kreislauf.settings import get_settings

    monkeypatch.setenv("KREISLAUF_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    app = build_app("en")
    if not any(getattr(g, "name", None) == "users" for g in app.registered_groups):
        users_cli.register(app, lambda s: s)
    return app


def run(app: typer.Typer, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=stdin)


def test_an_admin_is_added_with_the_password_from_stdin(cli: typer.Typer) -> None:
    result = run(
        cli,
        "users",
        "add",
        "Chef@Example.org",
        "--role",
        "admin",
        "--password-stdin",
        "--json",
        stdin=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["email"] == "chef@example.org"
    from kreislauf import services
    from kreislauf.storage.accounts import Accounts

    accounts = Accounts(services.open_repository().engine)
    assert accounts.authenticate("chef@example.org", PASSWORD) is not None
    listed = run(cli, "users", "list", "--json")
    assert [u["role"] for u in json.loads(listed.stdout)] == ["admin"]


def test_the_password_is_prompted_twice_when_not_piped(cli: typer.Typer) -> None:
    result = run(
        cli,
        "users",
        "add",
        "v@example.org",
        "--role",
        "viewer",
        "--region",
        "ms",
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output


def test_bad_input_exits_2_with_a_message(cli: typer.Typer) -> None:
    short = run(
        cli, "users", "add", "x@example.org", "--role", "admin", "--password-stdin", stdin="short\n"
    )
    assert short.exit_code == 2 and "at least" in short.output
    member = run(
        cli, "users", "add", "m@example.org", "--role", "member", "--password-stdin", stdin=PASSWORD
    )
    assert member.exit_code == 2 and "--actor" in member.output
    ghost = run(
        cli,
        "users",
        "add",
        "m@example.org",
        "--role",
        "member",
        "--region",
        "ms",
        "--actor",
        "a1",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert ghost.exit_code == 2 and "region" in ghost.output
    wrong = run(
        cli, "users", "add", "m@example.org", "--role", "king", "--password-stdin", stdin=PASSWORD
    )
    assert wrong.exit_code == 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVE = """
import sys, typer
from kreislauf.cli.app import build_app
from kreislauf.web import serve_cli
app = build_app("en")
if "serve" not in [c.name for c in app.registered_commands]:
    serve_cli.register(app, lambda s: s)
app(args=sys.argv[1:], prog_name="kreislauf")
"""


@pytest.mark.slow
def test_serve_starts_the_app_on_the_given_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "KREISLAUF_DATA_DIR": str(tmp_path),
        "KREISLAUF_LANGUAGE": "en",
        "HOME": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/login", timeout=2
                ) as response:
                    assert response.status == 200
                    assert b"<main" in response.read()
                break
            except OSError as exc:
                if time.time() > deadline or process.poll() is not None:
                    raise AssertionError(
                        process.stderr.read().decode() if process.poll() is not None else "timeout"
                    ) from exc
                time.sleep(0.3)
    finally:
        process.terminate()
        process.wait(timeout=20)
