"""`clusterbridge match ...`: partner recommendations."""

import typer

from clusterbridge.cli.match_batch import batch
from clusterbridge.cli.match_recommend import fit, index, recommend

app = typer.Typer(help="Partner recommendations: for one organisation or a batch of queries.")
app.command("recommend")(recommend)
app.command("batch")(batch)
app.command("index")(index)
app.command("fit")(fit)
