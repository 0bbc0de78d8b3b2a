"""`clusterbridge codes ...`: look up the code lists that imports and forms accept."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from clusterbridge import taxonomy
from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.taxonomy import Entry

VOCABULARIES = ("country", "subdivision", "nuts", "nace", "naics", "technology", "emerging")
app = typer.Typer(
    help=f"Browse and search the code lists ({', '.join(VOCABULARIES)}).", no_args_is_help=True
)
console = Console(soft_wrap=True)

VOCABULARY = typer.Argument(..., help=f"One of: {', '.join(VOCABULARIES)}.")


def _check(vocabulary: str) -> str:
    name = vocabulary.lower()
    if name not in VOCABULARIES:
        known = ", ".join(VOCABULARIES)
        raise ClusterBridgeError(f"unknown code list {vocabulary!r}; one of {known}")
    return name


def _show(rows: list[Entry], title: str) -> None:
    table = Table(title=title)
    table.add_column("code")
    table.add_column("label")
    table.add_column("parent")
    for entry in rows:
        table.add_row(entry.code, entry.label, entry.parent or "")
    console.print(table)


@app.command("list")
@friendly_errors
def list_codes(
    vocabulary: str = VOCABULARY,
    country: str | None = typer.Option(None, "--country", help="Subdivisions of this country."),
) -> None:
    """List every code of a vocabulary (subdivisions need --country)."""
    name = _check(vocabulary)
    if name == "subdivision":
        if not country:
            raise ClusterBridgeError("subdivisions are listed per country: add --country")
        _show(taxonomy.subdivisions(taxonomy.country(country)), f"Subdivisions of {country}")
        return
    _show(taxonomy.entries(name), name)


@app.command("search")
@friendly_errors
def search_codes(
    vocabulary: str = VOCABULARY,
    text: str = typer.Argument(..., help="Words to look for in codes and labels."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many results."),
) -> None:
    """Find codes whose code or label contains TEXT, best matches first."""
    name = _check(vocabulary)
    if name == "subdivision":
        raise ClusterBridgeError(
            "subdivisions are listed per country: codes list subdivision --country KR"
        )
    _show(taxonomy.search(name, text, limit=limit), f"{name}: {text}")
