"""Message catalogues: German and English.

Messages are written in English in the code (templates with ``{named}`` placeholders,
as in :mod:`kreislauf.errors`). German translations live in
``kreislauf/locale/de/*.json``, one file per area (``units.json``, ``region_file.json``,
``cli.json`` ...), each mapping the English template to its German text. A test checks
that every template raised by the package has a German entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from kreislauf.settings import Language

LANGUAGES: tuple[Language, ...] = ("de", "en")


@cache
def catalogue(language: str) -> dict[str, str]:
    """English template -> translation, merged from all files of the language."""
    if language == "en":
        return {}
    folder = resources.files("kreislauf") / "locale" / language
    merged: dict[str, str] = {}
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def translator(language: str) -> Callable[[str], str]:
    """A function that translates an English template into ``language``."""
    table = catalogue(language)

    def translate(text: str) -> str:
        return table.get(text, text)

    return translate


def gettext(text: str, language: str, **params: Any) -> str:
    """Translate ``text`` and fill in ``params``."""
    translated = translator(language)(text)
    return translated.format(**params) if params else translated


__all__ = ["LANGUAGES", "catalogue", "gettext", "translator"]
