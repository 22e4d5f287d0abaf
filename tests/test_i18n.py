"""Every message the package raises or prints has a German translation."""

from __future__ import annotations

import ast
from pathlib import Path

import kreislauf
from kreislauf.i18n import catalogue, gettext, translator

PACKAGE = Path(kreislauf.__file__).parent

# Calls whose first string argument is a message template shown to users.
MESSAGE_CALLS = {"Problem": 1, "say": 0, "t": 0}


def _is_error_class(name: str) -> bool:
    return name.endswith("Error")


def message_templates() -> dict[str, str]:
    """English template -> where it is used."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if _is_error_class(name):
                index = 0
            elif name in MESSAGE_CALLS:
                index = MESSAGE_CALLS[name]
            else:
                continue
            if len(node.args) > index:
                arg = node.args[index]
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and arg.value.strip()
                ):
                    found.setdefault(arg.value, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_every_message_has_a_german_translation() -> None:
    german = catalogue("de")
    missing = {text: where for text, where in message_templates().items() if text not in german}
    assert not missing, "add German translations to kreislauf/locale/de/*.json:\n" + "\n".join(
        f"  {where}: {text!r}" for text, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_translations_keep_their_placeholders() -> None:
    import string

    formatter = string.Formatter()
    bad = []
    for english, german in catalogue("de").items():
        fields_en = {f for _, f, _, _ in formatter.parse(english) if f}
        fields_de = {f for _, f, _, _ in formatter.parse(german) if f}
        if fields_en != fields_de:
            bad.append((english, german))
    assert not bad, bad


def test_gettext_translates_and_fills() -> None:
    assert gettext("Wrote {path}", "de", path="x.json") == "x.json geschrieben"
    assert gettext("Wrote {path}", "en", path="x.json") == "Wrote x.json"
    assert translator("en")("Importing") == "Importing"
