"""Generate the CLI reference (docs/en/cli.md, docs/de/cli.md) from ``--help``.

Run ``make docs`` (or ``python -m kreislauf.cli.docs``) after changing a command;
``tests/cli/test_docs.py`` fails while the committed reference differs from ``--help``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from kreislauf.cli.app import build_app
from kreislauf.i18n import translator
from kreislauf.settings import Settings

TITLES = {
    "en": ("# CLI reference", "Generated from `kreislauf --help`; do not edit by hand."),
    "de": ("# Befehlsreferenz", "Aus `kreislauf --help` erzeugt; bitte nicht von Hand bearbeiten."),
}


def _help(language: str, args: list[str]) -> str:
    runner = CliRunner()
    result = runner.invoke(
        build_app(language),
        [*args, "--help"],
        prog_name="kreislauf",
        env={"COLUMNS": "100", "TERM": "dumb"},
    )
    if result.exit_code != 0:
        raise RuntimeError(f"kreislauf {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip() + "\n"


def command_names(language: str = "en") -> list[str]:
    """The names of all commands, sorted."""
    app = build_app(language)
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    return sorted(n for n in names if n)


def render(language: str) -> str:
    """The reference as Markdown in ``language``."""
    title, note = TITLES[language]
    parts = [title, "", note, "", "```text", _help(language, []).rstrip(), "```", ""]
    for name in command_names(language):
        parts += [
            f"## kreislauf {name}",
            "",
            "```text",
            _help(language, [name]).rstrip(),
            "```",
            "",
        ]
    return "\n".join(parts)


def target(root: Path, language: str) -> Path:
    return root / "docs" / language / "cli.md"


SETTINGS_TITLES = {
    "en": (
        "# Settings",
        "Every setting is an environment variable; none is required. Generated "
        "from `kreislauf.settings.Settings`.",
    ),
    "de": (
        "# Einstellungen",
        "Jede Einstellung ist eine Umgebungsvariable; keine ist Pflicht. "
        "Aus `kreislauf.settings.Settings` erzeugt.",
    ),
}


def render_settings(language: str) -> str:
    """The settings reference as Markdown in ``language``."""
    t = translator(language)
    title, note = SETTINGS_TITLES[language]
    head = (
        "| variable | default | meaning |"
        if language == "en"
        else "| Variable | Standard | Bedeutung |"
    )
    rows = [title, "", note, "", head, "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = "" if field.default_factory is not None else field.default
        shown = "–" if default in (None, "") else f"`{default}`"
        rows.append(f"| `KREISLAUF_{name.upper()}` | {shown} | {t(field.description or '')} |")
    return "\n".join(rows) + "\n"


def settings_target(root: Path, language: str) -> Path:
    return root / "docs" / language / "settings.md"


SCHEMA_TITLES = {
    "en": (
        "# JSON Schema of the region file",
        "The schema shipped in the package as "
        "`kreislauf/data/region.schema.json`; `kreislauf validate` checks it and more "
        "(unique ids, existing actors, known codes). Generated; do not edit by hand.",
    ),
    "de": (
        "# JSON-Schema der Regionsdatei",
        "Das Schema liegt dem Paket als "
        "`kreislauf/data/region.schema.json` bei; `kreislauf validate` prüft es und mehr "
        "(eindeutige IDs, vorhandene Akteure, bekannte Schlüssel). Erzeugt; bitte nicht von "
        "Hand bearbeiten.",
    ),
}


def render_schema(language: str) -> str:
    """The region file's JSON Schema as a Markdown page."""
    schema = (resources.files("kreislauf") / "data" / "region.schema.json").read_text(
        encoding="utf-8"
    )
    title, note = SCHEMA_TITLES[language]
    return "\n".join([title, "", note, "", "```json", schema.rstrip(), "```", ""])


def schema_target(root: Path, language: str) -> Path:
    return root / "docs" / language / "region-schema.md"


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for language in ("en", "de"):
        path = target(root, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(language), encoding="utf-8")
        print(f"wrote {path}")
        path = settings_target(root, language)
        path.write_text(render_settings(language), encoding="utf-8")
        print(f"wrote {path}")
        path = schema_target(root, language)
        path.write_text(render_schema(language), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
