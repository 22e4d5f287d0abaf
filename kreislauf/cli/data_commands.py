"""Commands for data: init, import, export, validate, template, regions, demo."""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kreislauf.cli.app import STATE, guarded


class ExportFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"
    csv = "csv"


class TemplateFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


class Lang(StrEnum):
    de = "de"
    en = "en"


def register(app: typer.Typer, t: Callable[[str], str]) -> None:
    @app.command("init", help=t("Create the database (or bring it to the newest schema)."))
    @guarded
    def init_command(
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services
        from kreislauf.settings import get_settings

        settings = get_settings()
        services.open_repository(settings)
        url = settings.effective_database_url
        if json_output:
            STATE.output.json({"database": _redact(url), "ok": True})
        else:
            STATE.output.say("Database ready: {url}", url=_redact(url))

    @app.command("validate", help=t("Check a region file or spreadsheet; change nothing."))
    @guarded
    def validate_command(
        file: Annotated[
            Path, typer.Argument(help=t("Region file (.json) or spreadsheet (.xlsx, .csv)."))
        ],
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services
        from kreislauf.errors import ValidationError

        out = STATE.output
        try:
            region = services.read_file(file)
        except ValidationError as exc:
            if json_output:
                out.json(
                    {
                        "valid": False,
                        "problems": [
                            {"path": p.path, "message": p.render(out.t).removeprefix(f"{p.path}: ")}
                            for p in exc.problems
                        ],
                    }
                )
                raise typer.Exit(exc.exit_code) from None
            raise
        counts = region.summary()
        if json_output:
            out.json({"valid": True, "region": region.id, **counts})
        else:
            out.say(
                "{file} is valid: region {region}, {actors} actors, {offers} offers, {needs} needs",
                file=file.name,
                region=region.id,
                **counts,
            )

    @app.command(
        "import", help=t("Import a region file or spreadsheet into the database, all or nothing.")
    )
    @guarded
    def import_command(
        file: Annotated[
            Path, typer.Argument(help=t("Region file (.json) or spreadsheet (.xlsx, .csv)."))
        ],
        region: Annotated[
            str | None, typer.Option("--region", help=t("Region id to use instead of the file's."))
        ] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help=t("Replace a stored region with the same id."))
        ] = False,
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services

        out = STATE.output
        data = services.read_file(file, region_id=region)
        with out.progress("Importing") as progress:
            result = services.import_region(data, replace=replace, progress=progress)
        if json_output:
            out.json(
                {
                    "region": result.region_id,
                    "actors": result.actors,
                    "offers": result.offers,
                    "needs": result.needs,
                    "replaced": result.replaced,
                }
            )
        else:
            out.say(
                "Imported region {region}: {actors} actors, {offers} offers, {needs} needs",
                region=result.region_id,
                actors=result.actors,
                offers=result.offers,
                needs=result.needs,
            )

    @app.command("export", help=t("Write a stored region to a file (JSON, XLSX or CSV)."))
    @guarded
    def export_command(
        region_id: Annotated[str, typer.Argument(help=t("Id of the stored region."))],
        output: Annotated[Path, typer.Option("-o", "--output", help=t("File to write."))],
        format: Annotated[
            ExportFormat | None,
            typer.Option("--format", help=t("json, xlsx or csv (default: from the file name).")),
        ] = None,
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services

        written = services.export_region(region_id, output, format=format.value if format else None)
        if json_output:
            STATE.output.json({"region": region_id, "files": [str(p) for p in written]})
        else:
            for path in written:
                STATE.output.say("Wrote {path}", path=str(path))

    @app.command(
        "template", help=t("Write an empty spreadsheet template with explanations for firms.")
    )
    @guarded
    def template_command(
        format: Annotated[
            TemplateFormat, typer.Option("--format", help=t("xlsx or csv."))
        ] = TemplateFormat.xlsx,
        output: Annotated[
            Path | None, typer.Option("-o", "--output", help=t("File to write."))
        ] = None,
        language: Annotated[
            Lang | None,
            typer.Option("--language", help=t("Language of the template (default: yours).")),
        ] = None,
    ) -> None:
        from kreislauf.importers.spreadsheet import write_template

        lang = language.value if language else STATE.output.language
        default_name = "kreislauf-vorlage" if lang == "de" else "kreislauf-template"
        target = output or Path(f"{default_name}.{format.value}")
        written = write_template(target, language=lang, format=format.value)
        for path in written if isinstance(written, list) else [target]:
            STATE.output.say("Wrote {path}", path=str(path))

    @app.command("regions", help=t("List the stored regions."))
    @guarded
    def regions_command(
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import services

        summaries = services.open_repository().list_regions()
        out = STATE.output
        if json_output:
            out.json(
                [
                    {
                        "id": s.id,
                        "name": s.name,
                        "actors": s.actors,
                        "offers": s.offers,
                        "needs": s.needs,
                    }
                    for s in summaries
                ]
            )
            return
        if not summaries:
            out.say("No regions stored yet; import one with: kreislauf import FILE")
            return
        for s in summaries:
            out.print(f"{s.id}\t{s.name}\t{s.actors}\t{s.offers}\t{s.needs}")

    @app.command(
        "demo",
        help=t("Load the demo region (Landkreis Mittelsachsen) and show it with its matches."),
    )
    @guarded
    def demo_command(
        top: Annotated[int, typer.Option("--top", min=1, help=t("Matches per offer."))] = 3,
        show: Annotated[
            int, typer.Option("--show", min=0, help=t("How many matches to print."))
        ] = 15,
        serve: Annotated[
            bool, typer.Option("--serve/--no-serve", help=t("Start the web app afterwards."))
        ] = True,
        host: Annotated[str, typer.Option("--host", help=t("Address to listen on."))] = "127.0.0.1",
        port: Annotated[
            int, typer.Option("--port", min=1, max=65535, help=t("Port to listen on."))
        ] = 8000,
    ) -> None:
        from kreislauf import services
        from kreislauf.cli.match_commands import print_match_table
        from kreislauf.examples import mittelsachsen
        from kreislauf.matching_service import match_stored

        out = STATE.output
        region = mittelsachsen()
        with out.progress("Importing") as progress:
            result = services.import_region(region, replace=True, progress=progress)
        out.say(
            "Demo region {region} ({name}): {actors} actors, {offers} offers, {needs} needs",
            region=result.region_id,
            name=region.name,
            actors=result.actors,
            offers=result.offers,
            needs=result.needs,
        )
        repo = services.open_repository()
        with out.progress("Matching") as progress:
            matches = match_stored(repo, region.id, top_k=top, progress=progress)
        best = sorted(matches, key=lambda m: (-m.score, m.offer, m.need))[:show]
        out.say("Best {n} of {total} matches:", n=len(best), total=len(matches))
        print_match_table(region, best, out)
        if not serve:
            return
        import uvicorn

        from kreislauf.web import create_app
        from kreislauf.web.demo import demo_login

        email, password = demo_login(repo, region.id)
        application = create_app()
        out.say(
            "Open http://{host}:{port}/ and log in as facilitator {email} with password {password}",
            host=host,
            port=port,
            email=email,
            password=password,
        )
        out.say("kreislauf runs at http://{host}:{port} (stop with Ctrl+C)", host=host, port=port)
        uvicorn.run(application, host=host, port=port, log_level="warning")


def _redact(url: str) -> str:
    """A database URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in creds else url
    return url
