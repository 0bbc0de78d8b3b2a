"""`clusterbridge match batch`: partner rankings for a file of new projects, with progress."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.progress import stage_bars
from clusterbridge.matchmaking.batch import run_batch

console = Console(soft_wrap=True)


@friendly_errors
def batch(
    queries: Path = typer.Option(
        ...,
        "--queries",
        help="CSV with query_id, pic, country, type, programme_parts (separated by ';') and "
        "start_year: one new project per row, pic being its coordinator.",
    ),
    k: int = typer.Option(10, "--k", help="Partners to suggest per query."),
    out: Path = typer.Option(
        ..., "--out", help="CSV to write: query_id, rank, pic, score (k rows per query)."
    ),
) -> None:
    """Rank partner organisations for each new project from the collaboration history.

    The ranker is fitted on the year before each query year; nothing from the query year or
    later is used. A coordinator unknown to the registry still gets partners (by programme
    activity, kinds and countries).
    """
    with stage_bars() as progress:
        summary = run_batch(queries, k, out, progress=progress)
    fitted = ", ".join(map(str, summary.fitted_years)) or "none"
    console.print(
        f"{summary.queries:,} queries ({summary.newcomers:,} with a coordinator new to the "
        f"registry), {summary.rows:,} rows written to {out} in {summary.seconds:.1f} s; "
        f"ranker fitted for {fitted}",
        highlight=False,
    )
    if summary.unfitted_years:
        years = ", ".join(map(str, summary.unfitted_years))
        console.print(
            f"No earlier year to learn from for {years}: those rankings follow past partners, "
            "partners of partners, then programme activity.",
            highlight=False,
        )
