"""`clusterbridge mapping ...`: cluster mapping from regional statistics files."""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path
from typing import TextIO

import typer

from clusterbridge.analytics.mapping.longcsv import read_statistics
from clusterbridge.analytics.mapping.measures import ShiftShare, shift_share
from clusterbridge.analytics.mapping.stars import StarRule
from clusterbridge.analytics.mapping.strength import measure_strength, write_strength_csv
from clusterbridge.analytics.mapping.strong import StrongRule
from clusterbridge.analytics.mapping.types import Panel
from clusterbridge.cli.errors import err_console, friendly_errors
from clusterbridge.core.errors import ClusterBridgeError

app = typer.Typer(
    help="Cluster mapping: location quotients, strong clusters and stars from regional statistics.",
    no_args_is_help=True,
)


def open_output(path: Path) -> TextIO:
    """``path`` opened to write a CSV; a clear error, not a traceback, when it cannot be."""
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise ClusterBridgeError(f"cannot write {path}: {error.strerror or error}") from None


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
    with open_output(out) as handle:
        written = write_strength_csv(result, handle, year)
    strong = (
        int(result.strong.sum())
        if year is None
        else int(result.strong[:, :, panel.years.index(year)].sum())
    )
    err_console.print(f"Wrote {written} rows to {out} ({strong} strong clusters).", highlight=False)


@app.command("shift-share")
@friendly_errors
def shift_share_command(
    regions: Path = typer.Option(..., "--regions", help="Regional statistics (long format)."),
    start: int = typer.Option(..., "--from", help="First year of the comparison."),
    end: int = typer.Option(..., "--to", help="Last year of the comparison."),
    reference: Path | None = typer.Option(
        None, "--reference", help="Reference economy (default: the sum of the regions)."
    ),
    out: Path | None = typer.Option(None, "--out", help="CSV file to write (default: stdout)."),
) -> None:
    """Split each region's employment change in a category into national growth, industry mix
    and regional competitiveness (classic shift-share)."""
    if start >= end:
        raise ClusterBridgeError(f"--from ({start}) must be a year before --to ({end})")
    panel, reference_economy = read_statistics(regions, reference)
    for year in (start, end):
        if year not in panel.years:
            known = ", ".join(str(y) for y in panel.years)
            raise ClusterBridgeError(f"year {year} is not in {regions.name} (years: {known})")
    parts = shift_share(panel, start, end, reference_economy)
    if out is None:
        _write_shift_share(panel, parts, start, end, sys.stdout)
        return
    with open_output(out) as handle:
        _write_shift_share(panel, parts, start, end, handle)
    err_console.print(f"Wrote the shift-share of {start}-{end} to {out}.", highlight=False)


def _write_shift_share(panel: Panel, parts: ShiftShare, start: int, end: int, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([
        "region", "cluster", "start_year", "end_year", "employment_start", "employment_end",
        "change", "national_growth", "industry_mix", "regional_competitiveness",
    ])  # fmt: skip
    first, last = panel.years.index(start), panel.years.index(end)
    for r, region in enumerate(panel.regions):
        for c, cluster in enumerate(panel.clusters):
            begin, finish = panel.employment[r, c, first], panel.employment[r, c, last]
            if math.isnan(begin) or math.isnan(finish):
                continue
            figures = (parts.change, parts.national_growth, parts.industry_mix,
                       parts.regional_competitiveness)  # fmt: skip
            writer.writerow([
                region, cluster, start, end, _figure(begin), _figure(finish),
                *(_figure(float(part[r, c])) for part in figures),
            ])  # fmt: skip


def _figure(value: float) -> str:
    return "" if math.isnan(value) else f"{value:.6g}"
