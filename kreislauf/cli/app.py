"""The ``kreislauf`` command: a thin shell around :mod:`kreislauf.services`.

Exit status: 0 ok, 2 bad input (and usage errors), 1 internal error. Messages follow
the user's language (``--lang``, ``KREISLAUF_LANGUAGE`` or the locale).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from kreislauf.cli.output import Output
from kreislauf.errors import KreislaufError, ValidationError
from kreislauf.i18n import translator
from kreislauf.settings import get_settings

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Per-invocation state handed to the commands."""

    output: Output


STATE = State()


def guarded(func: F) -> F:
    """Run a command; turn kreislauf errors into a message and the right exit status."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        out = STATE.output
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            where = f" ({exc.source})" if exc.source else ""
            out.say("Invalid input{where}:", where=where)
            for problem in exc.problems:
                out.err.print("  " + problem.render(out.t), markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KreislaufError as exc:
            out.err.print(out.t("Error") + ": " + exc.render(out.t), markup=False)
            raise typer.Exit(exc.exit_code) from None
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            out.say("Interrupted; nothing was changed.")
            raise typer.Exit(130) from None
        except Exception:  # an internal error: a bug, say so and show where
            out.say("Internal error; please report it with the lines below:")
            out.err.print(traceback.format_exc(), markup=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def build_app(language: str) -> typer.Typer:
    """The CLI with help texts in ``language``."""
    t = translator(language)
    app = typer.Typer(
        name="kreislauf",
        help=t("kreislauf: regional circular economy and industrial symbiosis."),
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    STATE.output = Output(language)

    @app.callback()
    def global_options(
        lang: str | None = typer.Option(
            None,
            "--lang",
            metavar="de|en",
            help=t("Language of messages (default: KREISLAUF_LANGUAGE or the locale)."),
        ),
    ) -> None:
        """Options for every command (``--lang`` is read before the command runs)."""

    from kreislauf.cli import data_commands, match_commands
    from kreislauf.web import geo_cli, serve_cli, users_cli

    data_commands.register(app, t)
    match_commands.register(app, t)
    serve_cli.register(app, t)
    users_cli.register(app, t)
    geo_cli.register(app, t)
    return app


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    chosen = _language_from_argv(args)
    if chosen is not None:
        # remove the global option before typer sees it
        if "--lang" in args:
            i = args.index("--lang")
            del args[i : i + 2]
        else:
            args = [a for a in args if not a.startswith("--lang=")]
    try:
        settings = get_settings()
        language = chosen if chosen in ("de", "en") else settings.effective_language
    except KreislaufError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise SystemExit(exc.exit_code) from None
    app = build_app(language)
    app(args=args, prog_name="kreislauf")
