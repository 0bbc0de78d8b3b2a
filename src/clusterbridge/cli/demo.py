"""`clusterbridge demo ...`: the synthetic EU–Korea demo scenario."""

from __future__ import annotations

import typer
from rich.console import Console
from sqlalchemy import func, select

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.imports import print_summary
from clusterbridge.cli.users import show_demo_accounts
from clusterbridge.core.db import transaction
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Organisation

app = typer.Typer(help="The synthetic EU–Korea demo scenario.", no_args_is_help=True)
console = Console(soft_wrap=True)


@app.command("load")
@friendly_errors
def load(
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Do nothing if the registry already holds organisations."
    ),
    seed: int = typer.Option(
        2026, "--seed", help="Random seed: the same seed gives the same data."
    ),
    organisations: int = typer.Option(
        10_000, "--organisations", min=200, help="Number of organisations to generate."
    ),
) -> None:
    """Load the synthetic EU–Korea scenario: a Catalan programme of 28 clusters, a Korean programme
    of about 100 mini-clusters in industrial complexes, their members and collaborations."""
    from clusterbridge.demo.scenario import generate

    with transaction() as session:
        existing = session.scalar(select(func.count()).select_from(Organisation)) or 0
    if if_empty and existing:
        console.print(f"The registry already holds {existing:,} organisations; demo not loaded.")
        _top_up(seed)
        show_demo_accounts()
        return
    with console.status("Generating the demo scenario..."):
        tables = generate(seed=seed, organisations=organisations)
    with console.status("Loading it..."):
        summary = import_tables(tables, actor="demo")
    print_summary(summary)
    with console.status("Loading the demo regional statistics and cluster evaluations..."):
        _load_statistics(seed)
        _load_evaluations(seed)
    with console.status("Running the demo matchmaking events (scheduling takes about 10 s)..."):
        _load_events(seed)
    _load_posts(seed)
    with console.status("Indexing the profiles and fitting the matchmaking ranker..."):
        _index_matchmaking()
    console.print("[bold]Synthetic demo data[/]: every organisation and person is invented.")
    show_demo_accounts()


def _load_statistics(seed: int) -> None:
    """Regional statistics for the mapping pages and the cluster reports' maps."""
    from clusterbridge.analytics.datasets.operations import load_dataset
    from clusterbridge.demo.statistics import demo_statistics

    with transaction() as session:
        for info, panel in demo_statistics(seed):
            load_dataset(session, info, panel, None, replace=True, actor="demo")


def _load_evaluations(seed: int) -> None:
    """Three years of questionnaire answers and computed indicators for every demo cluster."""
    from clusterbridge.analytics.evaluation.demo import load_demo_evaluation

    with transaction() as session:
        load_demo_evaluation(session, seed=seed)


def _load_events(seed: int) -> None:
    """A past, published EU–Korea matchmaking day and an upcoming one open for registration."""
    from clusterbridge.events.demo import load_demo_events

    load_demo_events(seed)


def _load_posts(seed: int) -> None:
    """Partner-search posts of demo members, with a few expressions of interest."""
    from clusterbridge.matchmaking.posts.demo import load_demo_posts

    load_demo_posts(seed)


def _index_matchmaking() -> None:
    """Build the partner-matching index now, so the first recommendation does not wait."""
    from clusterbridge.core.db import get_engine
    from clusterbridge.matchmaking.service import matchmaking_for

    with transaction() as session:
        matchmaking_for(get_engine()).refresh(session)


def _top_up(seed: int) -> None:
    """A registry loaded by an earlier version gets the statistics, evaluations and events it
    lacks."""
    from clusterbridge.analytics.datasets.models import StatisticsDataset
    from clusterbridge.analytics.evaluation.models import IndicatorValue
    from clusterbridge.demo.world import EXTERNAL_ID_PREFIX

    with transaction() as session:
        has_statistics = session.scalar(select(func.count()).select_from(StatisticsDataset))
        has_evaluations = session.scalar(select(func.count()).select_from(IndicatorValue))
        demo_registry = session.scalar(
            select(func.count())
            .select_from(Organisation)
            .where(Organisation.external_id.like(f"{EXTERNAL_ID_PREFIX}%"))
        )
    if not demo_registry:
        return
    if not has_statistics:
        _load_statistics(seed)
        console.print("Added the demo regional statistics.")
    if not has_evaluations:
        _load_evaluations(seed)
        console.print("Added the demo cluster evaluations.")
    from clusterbridge.events.demo import load_demo_events

    if load_demo_events(seed):
        console.print("Added the demo matchmaking events.")
    from clusterbridge.matchmaking.posts.demo import load_demo_posts

    if load_demo_posts(seed):
        console.print("Added the demo partner-search posts.")
