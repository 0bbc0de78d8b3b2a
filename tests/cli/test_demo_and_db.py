"""`clusterbridge demo load` and `clusterbridge db` against a real database."""

from __future__ import annotations

from sqlalchemy import Engine, delete, func, select
from typer.testing import CliRunner

from clusterbridge.analytics.datasets.models import StatisticsDataset
from clusterbridge.analytics.evaluation.models import IndicatorValue
from clusterbridge.cli.main import app
from clusterbridge.core.db import transaction
from clusterbridge.registry.models import Cluster, Membership, Organisation, Programme

runner = CliRunner()


def count(model: type) -> int:
    with transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_demo_load_builds_the_scenario_once(engine: Engine) -> None:
    result = runner.invoke(app, ["demo", "load", "--organisations", "1500", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "Synthetic demo data" in result.output
    assert count(Organisation) == 1500
    assert count(Programme) == 2
    assert count(Cluster) >= 28 + 90
    assert count(Membership) > 500
    assert count(StatisticsDataset) == 2
    evaluations = count(IndicatorValue)
    assert evaluations > 0
    again = runner.invoke(app, ["demo", "load", "--if-empty"])
    assert again.exit_code == 0
    assert "already holds 1,500 organisations" in again.output
    assert count(Organisation) == 1500
    assert count(IndicatorValue) == evaluations


def test_an_older_demo_registry_is_topped_up_with_statistics_and_evaluations(
    engine: Engine,
) -> None:
    assert runner.invoke(app, ["demo", "load", "--organisations", "1000"]).exit_code == 0
    with transaction() as session:
        session.execute(delete(StatisticsDataset))
        session.execute(delete(IndicatorValue))
    again = runner.invoke(app, ["demo", "load", "--if-empty"])
    assert again.exit_code == 0, again.output
    assert "Added the demo regional statistics." in again.output
    assert "Added the demo cluster evaluations." in again.output
    assert count(StatisticsDataset) == 2
    assert count(IndicatorValue) > 0


def test_db_current_names_the_revision(engine: Engine) -> None:
    from clusterbridge.core import migrate

    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 0
    assert result.output.strip() == migrate.current(engine)
