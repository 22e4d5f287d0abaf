"""Fixtures shared by the whole test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_shared(subpath: str = "") -> Path:
    """The path ``../shared/<subpath>`` beside the project root.

    Skips the test with a clear message where it is absent on a developer's machine;
    in CI (``CI=true``) a missing ``../shared`` fails the test instead.
    """
    path = SHARED / subpath
    if not path.exists():
        message = (
            f"reference data {path} is absent: place the project's shared/ folder beside "
            "the project root to run this test"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder with the reference data (skip or fail as above)."""
    return need_shared()


@pytest.fixture(autouse=True)
def _isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own data directory and English messages unless it says otherwise."""
    from kreislauf.settings import get_settings

    data_dir = tmp_path_factory.mktemp("kreislauf-data")
    monkeypatch.setenv("KREISLAUF_DATA_DIR", str(data_dir))
    monkeypatch.delenv("KREISLAUF_DATABASE_URL", raising=False)
    monkeypatch.setenv("KREISLAUF_LANGUAGE", "en")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
