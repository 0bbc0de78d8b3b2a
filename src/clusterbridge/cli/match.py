"""`clusterbridge match ...`: partner recommendations."""

import typer

app = typer.Typer(help="Partner recommendations: for one organisation or a batch of queries.")
