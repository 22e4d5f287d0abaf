"""``kreislauf serve --workers N``: N uvicorn worker processes build the app by name;
one worker runs the app built here. The access log is off either way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from kreislauf.web import serve_cli


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> typer.Typer:
    from kreislauf.cli.app import build_app
    from kreislauf.settings import get_settings

    monkeypatch.setenv("KREISLAUF_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    get_settings.cache_clear()
    app = build_app("en")
    if "serve" not in [c.name for c in app.registered_commands]:
        serve_cli.register(app, lambda s: s)
    return app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    return calls


def test_several_workers_build_the_app_by_name(cli, started) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["serve", "--port", "8123", "--workers", "2"])
    assert result.exit_code == 0, result.output
    [(app, options)] = started
    assert app == serve_cli.FACTORY == "kreislauf.web:create_app"
    assert options["factory"] is True and options["workers"] == 2
    assert options["port"] == 8123 and options["access_log"] is False
    from importlib import import_module

    module, _, name = serve_cli.FACTORY.partition(":")
    assert callable(getattr(import_module(module), name))


def test_one_worker_runs_the_app_built_here(cli, started) -> None:  # type: ignore[no-untyped-def]
    from fastapi import FastAPI

    result = CliRunner().invoke(cli, ["serve", "--port", "8124"])
    assert result.exit_code == 0, result.output
    [(app, options)] = started
    assert isinstance(app, FastAPI) and "workers" not in options
    assert options["access_log"] is False


def test_workers_must_be_at_least_one(cli, started) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["serve", "--workers", "0"])
    assert result.exit_code != 0 and started == []
