"""`clusterbridge mapping convert|related`: statistics sources into the long CSV, and relatedness.

Plain command functions (no Typer app of their own): the ``mapping`` group mounts them.
``convert`` turns a County Business Patterns or Eurostat regional SBS file into the long CSV
every mapping command reads; ``related`` proposes inter-cluster opportunities for a region.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from pathlib import Path
from typing import TextIO

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clusterbridge import taxonomy
from clusterbridge.analytics.mapping.cbp import SuppressedCell, read_cbp
from clusterbridge.analytics.mapping.cluster_codes import read_cluster_codes
from clusterbridge.analytics.mapping.crosswalk import (
    Aggregation,
    IndustryRow,
    aggregate,
    read_crosswalk,
)
from clusterbridge.analytics.mapping.eurostat import read_eurostat_sbs
from clusterbridge.analytics.mapping.linkage import Opportunity, read_linkage, suggest_opportunities
from clusterbridge.analytics.mapping.longcsv import REGION_COLUMNS, read_panel
from clusterbridge.analytics.mapping.relatedness import relatedness_from_panel
from clusterbridge.cli.errors import err_console, friendly_errors
from clusterbridge.cli.mapping import open_output
from clusterbridge.core.errors import ClusterBridgeError, UnknownCode

console = Console(soft_wrap=True)
FORMATS = ("auto", "cbp", "eurostat")
OPPORTUNITY_COLUMNS = (
    "anchor",
    "anchor_name",
    "related",
    "related_name",
    "score",
    "proximity",
    "co_located_regions",
    "link",
    "related_rca",
    "related_density",
    "reasons",
)
CLUSTER_CODES_HELP = (
    "CSV with columns cluster, cluster_name giving the codes to use, e.g. a U.S. Cluster "
    "Mapping regions file; default: codes made from the cluster names"
)


@friendly_errors
def convert(
    source: Path = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="A CBP file (cbp16co.txt by county, cbp16st.txt by state) or a Eurostat regional "
        "SBS file (.tsv or .tsv.gz).",
    ),
    crosswalk: Path = typer.Option(
        ...,
        "--crosswalk",
        exists=True,
        dir_okay=False,
        help="Industry -> cluster crosswalk: the NAICS workbook (.xlsx) or a CSV with "
        "industry, cluster, cluster_name, cluster_type.",
    ),
    source_format: str = typer.Option(
        "auto", "--format", help="cbp, eurostat, or auto (.tsv/.tsv.gz is Eurostat)."
    ),
    year: int | None = typer.Option(
        None,
        "--year",
        help="CBP: the data year (default: from a cbpYY file name). Eurostat: keep this year.",
    ),
    nuts_level: int = typer.Option(2, "--nuts-level", min=0, max=3, help="Eurostat NUTS level."),
    cluster_codes: Path | None = typer.Option(
        None, "--cluster-codes", exists=True, dir_okay=False, help=CLUSTER_CODES_HELP
    ),
    out: Path | None = typer.Option(None, "--out", help="CSV file to write (default: stdout)."),
) -> None:
    """Sum a statistics file's industries into clusters and write the long regions CSV.

    Industries the crosswalk does not place are listed with their employment, never dropped
    silently; suppressed CBP employment is estimated from its size class and counted.
    """
    kind = _format(source, source_format)
    codes = None if cluster_codes is None else read_cluster_codes(cluster_codes)
    mapping = read_crosswalk(crosswalk, codes)
    if kind == "cbp":
        cbp = read_cbp(source, year if year is not None else _cbp_year(source))
        rows, notes = list(cbp.rows), _cbp_notes(cbp.suppressed, cbp.aggregate_rows_skipped)
    else:
        sbs = read_eurostat_sbs(source, nuts_level, None if year is None else {year})
        rows = _with_nuts_names(sbs.rows)
        notes = [f"{len(sbs.missing_employment)} region x activity cells had no employment"]
    result = aggregate(rows, mapping, source.name)
    if out is None:
        written = write_long_csv(result, sys.stdout)
    else:
        with open_output(out) as handle:
            written = write_long_csv(result, handle)
    _report(result, written, out, notes)


@friendly_errors
def related(
    regions: Path = typer.Option(
        ...,
        "--regions",
        exists=True,
        dir_okay=False,
        help="Regional statistics in the long CSV (for example the output of convert).",
    ),
    region: str | None = typer.Option(
        None, "--region", help="Start from the clusters this region is specialised in."
    ),
    clusters: list[str] | None = typer.Option(
        None, "--cluster", help="Start from this cluster code too (a programme's cluster; repeat)."
    ),
    linkage: Path | None = typer.Option(
        None, "--linkage", exists=True, dir_okay=False, help="ClusterLinkage.xlsx (or .csv)."
    ),
    year: int | None = typer.Option(None, "--year", help="Statistics year (default: latest)."),
    include_local: bool = typer.Option(
        False, "--include-local", help="Use local clusters too (default: traded only)."
    ),
    top: int = typer.Option(10, "--top", min=1, help="At most this many opportunities."),
    cluster_codes: Path | None = typer.Option(
        None, "--cluster-codes", exists=True, dir_okay=False, help=CLUSTER_CODES_HELP
    ),
    out: Path | None = typer.Option(None, "--out", help="Also write the opportunities as CSV."),
) -> None:
    """Propose inter-cluster opportunities: related clusters by co-location and published links.

    Score = co-location proximity (0-1) + link weight (very strong 1, strong 0.5, lower 0.25).
    Linked clusters take the codes of the regions file, then of --cluster-codes, else slugs.
    """
    panel = read_panel(regions)
    names = dict(panel.cluster_names)
    links = None
    if linkage is not None:
        codes = None
        if cluster_codes is not None:
            codes = {**read_cluster_codes(cluster_codes), **{n: c for c, n in names.items()}}
        links = read_linkage(linkage, codes).coded_as(names)
    found = suggest_opportunities(
        relatedness_from_panel(panel, year, traded_only=not include_local),
        links,
        region=region,
        anchors=clusters or (),
        cluster_names=names,
        top=top,
    )
    console.print(_table(found, region))
    if out is not None:
        with open_output(out) as handle:
            write_opportunities_csv(found, handle)
        err_console.print(f"Wrote {len(found)} opportunities to {out}.", highlight=False)


def write_long_csv(result: Aggregation, handle: TextIO) -> int:
    """Write every (region, cluster, year) cell with employment as a long CSV row; the count."""
    panel = result.panel
    types = {category.code: category.type.value for category in result.clusters}
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(REGION_COLUMNS)
    written = 0
    for r, region in enumerate(panel.regions):
        for c, cluster in enumerate(panel.clusters):
            for y, year in enumerate(panel.years):
                employment = panel.employment[r, c, y]
                if math.isnan(employment):
                    continue
                writer.writerow(
                    [
                        region,
                        panel.region_names.get(region, ""),
                        cluster,
                        panel.cluster_names.get(cluster, ""),
                        types[cluster],
                        year,
                        _number(employment),
                        _number(panel.establishments[r, c, y]),
                        _number(panel.payroll[r, c, y]),
                    ]
                )
                written += 1
    return written


def write_opportunities_csv(found: list[Opportunity], handle: TextIO) -> None:
    """Write opportunities with their figures and reasons (joined by '; ')."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(OPPORTUNITY_COLUMNS)
    for item in found:
        writer.writerow(
            [
                item.anchor,
                item.anchor_name,
                item.related,
                item.related_name,
                f"{item.score:.4f}",
                f"{item.proximity:.4f}",
                item.co_located_regions,
                item.link.value if item.link else "",
                "" if item.related_rca is None else f"{item.related_rca:.4f}",
                "" if item.related_density is None else f"{item.related_density:.4f}",
                "; ".join(item.reasons),
            ]
        )


def _format(source: Path, requested: str) -> str:
    kind = requested.strip().lower()
    if kind not in FORMATS:
        raise ClusterBridgeError(f"unknown format {requested!r}; one of {', '.join(FORMATS)}")
    if kind != "auto":
        return kind
    name = source.name.lower()
    return "eurostat" if name.endswith((".tsv", ".tsv.gz")) else "cbp"


def _cbp_year(source: Path) -> int:
    match = re.match(r"cbp(\d{2})(co|st|us)", source.name.lower())
    if match is None:
        raise ClusterBridgeError(f"cannot tell the year of {source.name}: add --year")
    return 2000 + int(match.group(1))


def _cbp_notes(suppressed: tuple[SuppressedCell, ...], skipped: int) -> list[str]:
    estimated = sum(1 for cell in suppressed if cell.size_class)
    return [
        f"{skipped} sector and subsector total rows skipped (only 6-digit NAICS kept)",
        f"{len(suppressed)} cells with suppressed employment ({estimated} estimated from their "
        "size class, the others kept at the published 0)",
    ]


def _with_nuts_names(rows: tuple[IndustryRow, ...]) -> list[IndustryRow]:
    names: dict[str, str] = {}
    for row in rows:
        if row.region not in names:
            try:
                names[row.region] = taxonomy.region_name(row.region)
            except UnknownCode:
                names[row.region] = ""
    return [
        IndustryRow(
            row.region,
            names[row.region],
            row.industry,
            row.year,
            row.employment,
            row.establishments,
            row.payroll,
            row.row,
        )
        for row in rows
    ]


def _report(result: Aggregation, written: int, out: Path | None, notes: list[str]) -> None:
    panel = result.panel
    matched = float(np.nansum(panel.employment))
    total = matched + result.unmatched_employment
    share = 100 * result.unmatched_employment / total if total else 0.0
    target = f" to {out}" if out else ""
    lines = [
        f"Wrote {written} rows{target} ({len(panel.regions)} regions, "
        f"{len(panel.clusters)} clusters, years {', '.join(map(str, panel.years))}).",
        f"{len(result.unmatched)} industries outside the clusters: "
        f"{result.unmatched_employment:,.0f} employees ({share:.1f}% of the file).",
    ]
    lines += [
        f"  {item.industry}: {item.employment:,.0f} employees, {item.rows} rows ({item.reason})"
        for item in result.unmatched[:10]
    ]
    for line in lines + notes:
        err_console.print(line, highlight=False, markup=False, soft_wrap=True)


def _table(found: list[Opportunity], region: str | None) -> Table:
    title = f"Inter-cluster opportunities for {region}" if region else "Inter-cluster opportunities"
    table = Table(title=escape(title))
    for header in ("#", "from cluster", "related cluster", "score", "why"):
        table.add_column(header, justify="right" if header in {"#", "score"} else "left")
    for rank, item in enumerate(found, start=1):
        table.add_row(
            str(rank),
            escape(f"{item.anchor} {item.anchor_name}"),
            escape(f"{item.related} {item.related_name}"),
            f"{item.score:.2f}",
            escape("\n".join(item.reasons)),
        )
    return table


def _number(value: float) -> str:
    if math.isnan(value):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")
