"""`clusterbridge mapping load|datasets|delete`: keep regional statistics in the database, where
the mapping pages and the cluster reports read them."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clusterbridge.analytics.datasets import operations, queries
from clusterbridge.analytics.mapping.longcsv import read_statistics
from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError

console = Console(soft_wrap=True)


@friendly_errors
def load(
    regions: Path = typer.Option(
        ..., "--regions", help="Regional statistics in the long format of 'mapping strength'."
    ),
    key: str = typer.Option(..., "--key", help="Short name of the dataset, e.g. us-states."),
    name: str = typer.Option(..., "--name", help="Title shown on pages and reports."),
    region_type: str = typer.Option(
        ..., "--region-type", help="What the regions are: state, county, NUTS 2..."
    ),
    reference: Path | None = typer.Option(
        None, "--reference", help="Employment of each cluster in the reference economy."
    ),
    source: str | None = typer.Option(None, "--source", help="Where the figures come from."),
    replace: bool = typer.Option(False, "--replace", help="Replace a dataset of the same key."),
) -> None:
    """Validate a statistics file whole, then store it as one dataset (all or nothing)."""
    panel, reference_economy = read_statistics(regions, reference)
    info = operations.DatasetInfo(key, name, region_type, source)
    with transaction() as session:
        summary = operations.load_dataset(session, info, panel, reference_economy, replace=replace)
    verb = "Replaced" if summary.replaced else "Loaded"
    console.print(
        f"{verb} dataset {summary.key!r}: {summary.rows:,} rows, "
        f"{summary.reference_rows:,} reference figures."
    )


@friendly_errors
def datasets() -> None:
    """List the stored statistics datasets."""
    with transaction() as session:
        found = queries.list_datasets(session)
    if not found:
        console.print("No statistics datasets yet: load one with 'clusterbridge mapping load'.")
        return
    table = Table(title="Statistics datasets")
    for column in ("key", "name", "regions", "rows", "years"):
        table.add_column(column)
    for dataset in found:
        years = f"{dataset.first_year}-{dataset.last_year}" if dataset.rows else ""
        cells = (dataset.key, dataset.name, dataset.region_type, f"{dataset.rows:,}", years)
        table.add_row(*map(escape, cells))
    console.print(table)


@friendly_errors
def delete(key: str = typer.Argument(..., help="Key of the dataset to remove.")) -> None:
    """Remove a stored dataset and all its figures."""
    with transaction() as session:
        operations.delete_dataset(session, key)
    console.print(f"Deleted dataset {key!r}.")


@friendly_errors
def geometry(
    key: str = typer.Argument(..., help="Key of the dataset the outlines are for."),
    geojson: Path = typer.Argument(..., help="GeoJSON FeatureCollection of the regions."),
    code_property: str = typer.Option(
        "id", "--code-property", help="Feature property holding the region code (NUTS_ID...)."
    ),
) -> None:
    """Attach region outlines to a dataset so its maps are drawn as real maps."""
    try:
        text = geojson.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ClusterBridgeError(f"cannot read {geojson}: {error}") from None
    with transaction() as session:
        drawn = operations.attach_geometry(session, key, text, code_property)
    console.print(f"Attached {geojson.name} to {key!r}: it draws {drawn:,} of its regions.")
