"""`clusterbridge posts ...` (placeholder)."""

import typer

app = typer.Typer(help="Partner-search posts: offers, requests and expressions of interest.")
