"""`clusterbridge mapping ...`: cluster mapping from regional statistics files."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from clusterbridge.analytics.mapping.longcsv import read_statistics
from clusterbridge.analytics.mapping.stars import StarRule
from clusterbridge.analytics.mapping.strength import measure_strength, write_strength_csv
from clusterbridge.analytics.mapping.strong import StrongRule
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
    strong_lq_percentile: float = typer.Option(
        75.0, "--strong-lq-percentile", min=0, max=100, help="Strong: LQ percentile to reach."
    ),
    strong_lq_minimum: float = typer.Option(
        1.0, "--strong-lq-minimum", min=0, help="Strong: LQ to reach in any case."
    ),
    strong_size_percentile: float = typer.Option(
        25.0,
        "--strong-size-percentile",
        min=0,
        max=100,
        help="Strong: percentile that employment and establishments must each exceed.",
    ),
    star_size_share: float = typer.Option(
        0.10, "--star-size-share", min=0, max=1, help="Star for size: top share of regions."
    ),
    star_lq: float = typer.Option(2.0, "--star-lq", min=0, help="Star for specialisation: LQ."),
    star_focus_share: float = typer.Option(
        0.10, "--star-focus-share", min=0, max=1, help="Star for focus: top share of regions."
    ),
) -> None:
    """Compute LQ, strong clusters, stars, shares and wages for every region and cluster.

    The defaults are the published rules: U.S. Cluster Mapping for strong clusters, the
    European Cluster Observatory for stars."""
    panel, reference_economy = read_statistics(regions, reference)
    if year is not None and year not in panel.years:
        known = ", ".join(str(y) for y in panel.years)
        raise ClusterBridgeError(f"year {year} is not in {regions.name} (years: {known})")
    strong_rule = StrongRule(
        strong_lq_percentile, strong_lq_minimum, strong_size_percentile, strong_size_percentile
    )
    star_rule = StarRule(star_size_share, star_lq, star_focus_share)
    result = measure_strength(panel, reference_economy, strong_rule, star_rule)
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
