"""The docs are tested: the CLI reference matches --help, every setting is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from kreislauf.cli.docs import (
    render,
    render_schema,
    render_settings,
    schema_target,
    settings_target,
    target,
)
from kreislauf.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", ["en", "de"])
def test_cli_reference_is_generated_from_help(language: str) -> None:
    committed = target(ROOT, language).read_text(encoding="utf-8")
    assert committed == render(language), "run `make docs` to regenerate the CLI reference"


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_setting_is_documented(language: str) -> None:
    text = settings_target(ROOT, language).read_text(encoding="utf-8")
    assert text == render_settings(language), "run `make docs` to regenerate the settings reference"
    for name, field in Settings.model_fields.items():
        assert f"KREISLAUF_{name.upper()}" in text, (
            f"KREISLAUF_{name.upper()} missing in docs/{language}/settings.md"
        )
        assert field.description, f"setting {name} has no description"


@pytest.mark.parametrize("language", ["en", "de"])
def test_region_schema_is_shown_in_the_docs(language: str) -> None:
    committed = schema_target(ROOT, language).read_text(encoding="utf-8")
    assert committed == render_schema(language), "run `make docs` to regenerate the schema page"
    assert '"kreislauf-region/1"' in committed
