"""Every text of the web pages has a German translation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kreislauf.web
from kreislauf.i18n import catalogue

WEB = Path(kreislauf.web.__file__).parent
TEMPLATE_CALL = re.compile(r"""\bt\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def template_texts() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((WEB / "templates").glob("*.html")):
        for match in TEMPLATE_CALL.finditer(path.read_text("utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            found.setdefault(text, path.name)
    return found


def python_texts() -> dict[str, str]:
    """Texts passed to ``tr(request, "...")`` and enum values shown through ``t()``."""
    found: dict[str, str] = {}
    for path in sorted(WEB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                found.setdefault(node.args[1].value, path.name)
    return found


def shown_values() -> list[str]:
    from kreislauf.core.actors import ActorKind
    from kreislauf.core.permissions import CONTACT_FIELDS, Role
    from kreislauf.core.streams import Availability, Direction, StreamType
    from kreislauf.storage.accounts import ContactStatus

    values = [*CONTACT_FIELDS]
    for enum in (ActorKind, Role, Availability, Direction, StreamType, ContactStatus):
        values += [e.value for e in enum]
    return values


def test_the_scan_finds_template_texts() -> None:
    texts = template_texts()
    assert "Log in" in texts and "Skip to content" in texts


def test_every_page_text_has_a_german_translation() -> None:
    german = catalogue("de")
    wanted = {**template_texts(), **python_texts(), **{v: "enum" for v in shown_values()}}
    missing = sorted(f"{where}: {text!r}" for text, where in wanted.items() if text not in german)
    assert not missing, "add to kreislauf/locale/de/web.json:\n" + "\n".join(missing)
