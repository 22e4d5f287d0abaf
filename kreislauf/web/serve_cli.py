"""``kreislauf serve``: run the web application with uvicorn.

Wired into the CLI by ``kreislauf.cli.app`` with ``serve_cli.register(app, t)`` (no
``from __future__ import annotations``: typer evaluates the annotations, which call ``t``).
"""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from kreislauf.cli.app import STATE, guarded


def register(app: typer.Typer, t: Callable[[str], str]) -> None:
    @app.command("serve", help=t("Start the web application on the configured database."))
    @guarded
    def serve_command(
        host: Annotated[str, typer.Option("--host", help=t("Address to listen on."))] = "127.0.0.1",
        port: Annotated[
            int, typer.Option("--port", help=t("Port to listen on."), min=1, max=65535)
        ] = 8000,
        workers: Annotated[
            int,
            typer.Option(
                "--workers",
                help=t("Worker processes (more serve more users at once)."),
                min=1,
                max=64,
            ),
        ] = 1,
    ) -> None:
        import uvicorn

        from kreislauf.settings import get_settings
        from kreislauf.web import create_app

        settings = get_settings()
        STATE.output.say(
            "kreislauf runs at http://{host}:{port} (stop with Ctrl+C)", host=host, port=port
        )
        options: dict[str, Any] = {
            "host": host,
            "port": port,
            "log_level": "warning",
            "access_log": False,  # one line per request costs time; errors are still logged
            "proxy_headers": True,
        }
        if workers == 1:
            uvicorn.run(create_app(settings), **options)
        else:
            # each worker process builds the app from the same settings (environment and
            # configuration file), so uvicorn needs it by name
            create_app(settings)  # migrate once, and fail here on a bad database
            uvicorn.run(FACTORY, factory=True, workers=workers, **options)


#: The app factory by name, for uvicorn's worker processes.
FACTORY = "kreislauf.web:create_app"

__all__ = ["register"]
