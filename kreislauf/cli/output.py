"""What the CLI prints: messages in the user's language, JSON, tables, progress bars.

Human output and progress go to standard error, so that ``--json`` and ``--format json``
output on standard output stays clean for scripts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kreislauf.i18n import translator

Progress_ = Callable[[int, int], None]


class Output:
    """The CLI's voice in one language."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.t = translator(language)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.out = Console(highlight=False, soft_wrap=True)

    def say(self, message: str, **params: Any) -> None:
        """A translated line to standard error (status, summaries)."""
        text = self.t(message).format(**params) if params else self.t(message)
        self.err.print(text, markup=False)

    def print(self, text: str) -> None:
        """A line of results to standard output."""
        self.out.print(text, markup=False)

    def json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()

    @contextmanager
    def progress(self, description: str) -> Iterator[Progress_]:
        """A progress bar on standard error; yields a ``callback(done, total)``."""
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.err,
            transient=True,
            disable=not self.err.is_terminal,
        )
        task = bar.add_task(self.t(description), total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        with bar:
            yield update
