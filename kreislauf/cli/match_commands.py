"""Commands for matching: match, evaluate, allocate."""

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from kreislauf.cli.app import STATE, guarded
from kreislauf.errors import InputError

if TYPE_CHECKING:
    from kreislauf.cli.output import Output
    from kreislauf.core.region import Region


class MatchFormat(StrEnum):
    json = "json"
    table = "table"


class Objective(StrEnum):
    co2e = "co2e"
    eur = "eur"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def print_match_table(region: "Region", matches: Sequence[Any], out: "Output") -> None:
    """The matches as a table for a person, reasons in the output's language."""
    t = out.t
    table = Table(show_lines=True)
    for header in (t("Offer"), t("Need"), t("Score"), "km", t("t CO2e/a"), t("Reasons")):
        table.add_column(header, overflow="fold")
    streams = region.streams_by_id
    actors = region.actors_by_id
    for m in matches:
        offer, need = streams[m.offer], streams[m.need]
        via = ""
        if m.via:
            names = ", ".join(actors[a].name for a in m.via if a in actors)
            via = f"\n{t('via')} {names}"
        reasons = m.reasons_de if out.language == "de" else m.reasons_en
        table.add_row(
            f"{offer.title}\n[{actors[offer.actor].name}]",
            f"{need.title}\n[{actors[need.actor].name}]{via}",
            f"{m.score:.2f}",
            _fmt(m.distance_km),
            _fmt(m.co2e_t_per_year),
            "\n".join(reasons),
        )
    out.out.print(table)


def register(app: typer.Typer, t: Callable[[str], str]) -> None:
    @app.command("match", help=t("Find which offers can serve which needs, ranked and explained."))
    @guarded
    def match_command(
        file: Annotated[
            Path | None, typer.Argument(help=t("Region file to match (or use --region)."))
        ] = None,
        region: Annotated[
            str | None, typer.Option("--region", help=t("Id of a stored region to match."))
        ] = None,
        top: Annotated[int, typer.Option("--top", min=1, help=t("Needs per offer (K)."))] = 5,
        format: Annotated[
            MatchFormat, typer.Option("--format", help=t("json or table."))
        ] = MatchFormat.json,
    ) -> None:
        from kreislauf import matching_service, services

        out = STATE.output
        if (file is None) == (region is None):
            raise InputError("give either a region file or --region ID, not both or neither")
        if file is not None:
            data = services.read_file(file)
            with out.progress("Matching") as progress:
                matches = matching_service.match_region_data(data, top_k=top, progress=progress)
        else:
            assert region is not None
            repo = services.open_repository()
            data = repo.load_region(region)
            with out.progress("Matching") as progress:
                matches = matching_service.match_stored(repo, region, top_k=top, progress=progress)
        if format is MatchFormat.json:
            out.json(matching_service.matches_to_json(matches, language=out.language))
        else:
            print_match_table(data, matches, out)

    @app.command(
        "evaluate",
        help=t("Measure matching quality against expected partners: hit rate, MRR, violations."),
    )
    @guarded
    def evaluate_command(
        file: Annotated[Path, typer.Argument(help=t("Region file."))],
        expected: Annotated[Path, typer.Argument(help=t("Expected-partners file (JSON)."))],
        top: Annotated[int, typer.Option("--top", min=1, help=t("K of hit rate at K."))] = 10,
        json_output: Annotated[bool, typer.Option("--json", help=t("Print JSON."))] = False,
    ) -> None:
        from kreislauf import matching_service

        out = STATE.output
        with out.progress("Matching") as progress:
            result = matching_service.evaluate_file(file, expected, top_k=top, progress=progress)
        if json_output:
            out.json(result)
            return
        out.print(f"hit@{top}\t{result['hit_rate']:.3f}")
        out.print(f"MRR\t{result['mrr']:.3f}")
        out.print(f"{t('offers evaluated')}\t{result['offers']}")
        out.print(f"{t('violations')}\t{result['violations']}")

    @app.command(
        "allocate",
        help=t(
            "Choose a consistent set of exchanges under quantity limits that saves the most CO2e or EUR."
        ),
    )
    @guarded
    def allocate_command(
        file: Annotated[
            Path | None, typer.Argument(help=t("Region file (or use --region)."))
        ] = None,
        region: Annotated[
            str | None, typer.Option("--region", help=t("Id of a stored region."))
        ] = None,
        objective: Annotated[
            Objective, typer.Option("--objective", help=t("What to maximise: co2e or eur."))
        ] = Objective.co2e,
        top: Annotated[
            int,
            typer.Option("--top", min=1, help=t("Candidate needs per offer taken from matching.")),
        ] = 5,
        min_score: Annotated[
            float,
            typer.Option(
                "--min-score", min=0.0, max=1.0, help=t("Leave out matches scoring below this.")
            ),
        ] = 0.5,
        format: Annotated[
            MatchFormat, typer.Option("--format", help=t("json or table."))
        ] = MatchFormat.json,
    ) -> None:
        from kreislauf import allocation_service, matching_service, services

        out = STATE.output
        if (file is None) == (region is None):
            raise InputError("give either a region file or --region ID, not both or neither")
        if file is not None:
            data = services.read_file(file)
            with out.progress("Matching") as progress:
                matches = matching_service.match_region_data(data, top_k=top, progress=progress)
        else:
            assert region is not None
            repo = services.open_repository()
            data = repo.load_region(region)
            with out.progress("Matching") as progress:
                matches = matching_service.match_stored(repo, region, top_k=top, progress=progress)
        problem, solution, allocations = allocation_service.allocate_matches(
            data, matches, objective.value, min_score=min_score
        )
        doc = allocation_service.allocation_to_json(problem, solution, allocations, out.t)
        if format is MatchFormat.json:
            out.json(doc)
            return
        streams, actors = data.streams_by_id, data.actors_by_id
        table = Table(show_lines=False)
        for header in (t("Offer"), t("Need"), t("Quantity"), t("t CO2e/a"), t("EUR/a")):
            table.add_column(header, overflow="fold")
        for a in allocations:
            offer, need = streams[a.offer_id], streams[a.need_id]
            table.add_row(
                f"{offer.title} [{actors[offer.actor].name}]",
                f"{need.title} [{actors[need.actor].name}]",
                f"{a.quantity:g} {a.unit}",
                _fmt(a.co2e_t),
                _fmt(a.eur, 0),
            )
        out.out.print(table)
        totals = doc["totals"]
        out.say(
            "{n} exchanges chosen from {candidates} usable candidates; {co2} t CO2e/a, {eur} EUR/a "
            "({excluded} candidates without usable quantities or values left out)",
            n=totals["exchanges"],
            candidates=doc["candidates"],
            co2=_fmt(totals["co2e_t_per_year"]),
            eur=_fmt(totals["eur_per_year"], 0),
            excluded=len(doc["excluded"]),
        )
