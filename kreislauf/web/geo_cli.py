"""``kreislauf geo import FILE [--region ID]``: store district or municipality boundaries
from GeoJSON (the BKG VG250/VG5000 format) for the map.

Wired into the CLI by ``kreislauf.cli.app`` with ``geo_cli.register(app, t)``. No
``from __future__ import annotations`` here: typer evaluates the annotations, which call ``t``.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from kreislauf.cli.app import STATE, guarded


def register(app: typer.Typer, t: Callable[[str], str]) -> None:
    geo = typer.Typer(
        help=t("Boundaries for the map: import GeoJSON."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(geo, name="geo")

    @geo.command("import", help=t("Store the boundaries of a GeoJSON file (BKG format)."))
    @guarded
    def import_command(
        file: Annotated[Path, typer.Argument(help=t("GeoJSON file with ARS/AGS, GEN, BEZ."))],
        region: Annotated[
            str | None,
            typer.Option(
                "--region",
                help=t("Keep only the boundaries inside this region's AGS and tie them to it."),
            ),
        ] = None,
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services
        from kreislauf.importers.geo import import_boundary_file

        repo = services.open_repository()
        stored = import_boundary_file(repo, file, region)
        if json_output:
            STATE.output.json(
                {"stored": len(stored), "keys": [b.key for b in stored], "region": region}
            )
            return
        STATE.output.say("{n} boundaries stored from {file}", n=len(stored), file=file.name)


__all__ = ["register"]
