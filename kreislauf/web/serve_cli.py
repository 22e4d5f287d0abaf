"""``kreislauf serve``: run the web application with uvicorn.

Wired into the CLI by ``kreislauf.cli.app`` with ``serve_cli.register(app, t)`` (no
``from __future__ import annotations``: typer evaluates the annotations, which call ``t``).
"""

from collections.abc import Callable
from typing import Annotated

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
    ) -> None:
        import uvicorn

        from kreislauf.settings import get_settings
        from kreislauf.web import create_app

        settings = get_settings()
        application = create_app(settings)
        STATE.output.say(
            "kreislauf runs at http://{host}:{port} (stop with Ctrl+C)", host=host, port=port
        )
        uvicorn.run(application, host=host, port=port, log_level="warning", proxy_headers=True)


__all__ = ["register"]
