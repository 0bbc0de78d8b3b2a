"""`clusterbridge mapping ...`: cluster mapping from regional statistics files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from clusterbridge.analytics.mapping.longcsv import read_statistics
from clusterbridge.analytics.mapping.strength import measure_strength, write_strength_csv
from clusterbridge.cli.errors import err_console, friendly_errors
from clusterbridge.core.errors import ClusterBridgeError

app = typer.Typer(
    help="Cluster mapping: location quotients, strong clusters and stars from regional statistics.",
    no_args_is_help=True,
)


@app.callback()
def mapping() -> None:
    """Cluster mapping from regional statistics files (a group, even with one command)."""


@app.command("strength")
@friendly_errors
def strength(
    regions: Path = typer.Option(
        ...,
        "--regions",
        help="Regional statistics (region, region_name, cluster, cluster_name, cluster_type, "
        "year, employment, establishments, payroll).",
    ),
    reference: Path | None = typer.Option(
        None,
        "--reference",
        help="Employment of each cluster in the reference economy (cluster, cluster_type, "
        "employment, optional year). Default: the sum of the regions.",
    ),
    out: Path | None = typer.Option(None, "--out", help="CSV file to write (default: stdout)."),
    year: int | None = typer.Option(None, "--year", help="Write this year only."),
) -> None:
    """Compute LQ, strong clusters, stars, shares and wages for every region and cluster."""
    panel, reference_economy = read_statistics(regions, reference)
    if year is not None and year not in panel.years:
        known = ", ".join(str(y) for y in panel.years)
        raise ClusterBridgeError(f"year {year} is not in {regions.name} (years: {known})")
    result = measure_strength(panel, reference_economy)
    if out is None:
        write_strength_csv(result, sys.stdout, year)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = write_strength_csv(result, handle, year)
    strong = (
        int(result.strong.sum())
        if year is None
        else int(result.strong[:, :, panel.years.index(year)].sum())
    )
    err_console.print(f"Wrote {written} rows to {out} ({strong} strong clusters).", highlight=False)
