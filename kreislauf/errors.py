"""One error tree for kreislauf.

Every error the package raises on purpose is a :class:`KreislaufError`. Messages are
English templates with ``{named}`` placeholders plus their parameters, so that the
adapters (CLI, web) can translate the template through the message catalogue
(:mod:`kreislauf.i18n`) before filling it in. ``str(error)`` gives the English text.

Exit statuses used by the CLI: 2 for bad input (:class:`InputError` and children),
1 for everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def _fill(template: str, params: Mapping[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, at a place.

    ``path`` names the place the way a user finds it: ``streams[3].unit`` in a region
    file, ``Stoffströme!F7`` or ``streams row 7, column "Einheit"`` in a spreadsheet,
    or ``""`` for the document as a whole.
    """

    path: str
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, translate: Translate = _identity) -> str:
        text = _fill(translate(self.message), self.params)
        return f"{self.path}: {text}" if self.path else text

    def __str__(self) -> str:
        return self.render()


class KreislaufError(Exception):
    """Root of every error kreislauf raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(_fill(message, params))

    def render(self, translate: Translate = _identity) -> str:
        return _fill(translate(self.message), self.params)


class InputError(KreislaufError):
    """The user's input is wrong; nothing was changed. Exit status 2."""

    exit_code = 2


class ValidationError(InputError):
    """A document (region file, spreadsheet, form) has one or more problems."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        first = self.problems[0].render() if self.problems else "invalid input"
        more = len(self.problems) - 1
        summary = first if more <= 0 else f"{first} (and {more} more problem(s))"
        super().__init__("{summary}", summary=summary)

    def render(self, translate: Translate = _identity) -> str:
        return "\n".join(p.render(translate) for p in self.problems)


class UnitError(InputError):
    """A unit is unknown."""


class IncompatibleUnitsError(UnitError):
    """A quantity cannot be converted to the requested unit (mass to energy, rate to stock)."""


class UnknownCodeError(InputError):
    """A waste code or sector code does not exist in the catalogue."""


class NotFoundError(InputError):
    """A named thing (region, actor, stream, account) does not exist."""


class ConflictError(InputError):
    """The action conflicts with what is stored (a region id that already exists, say)."""


class ConfigurationError(KreislaufError):
    """A setting is missing or wrong."""

    exit_code = 2


class StorageError(KreislaufError):
    """The database failed in a way the user cannot fix by changing the input."""


__all__ = [
    "ConfigurationError",
    "ConflictError",
    "IncompatibleUnitsError",
    "InputError",
    "KreislaufError",
    "NotFoundError",
    "Problem",
    "StorageError",
    "UnitError",
    "UnknownCodeError",
    "ValidationError",
]
