"""`clusterbridge match recommend`, `index` and `fit` as a user runs them: ranked partners with
their reasons, JSON for scripts, and clean messages for every refusal."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from clusterbridge.cli.match import app
from tests.matchmaking.match_scenario import Matches, seed_matches

runner = CliRunner()


@pytest.fixture
def matches(engine: Engine) -> Matches:
    return seed_matches(engine)


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def test_recommend_prints_ranked_partners_with_reasons(matches: Matches) -> None:
    result = run("recommend", str(matches.cluster), "--abroad", "--kind", "company", "--k", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout
    assert lines.index("Hanbit Battery Co.") < lines.index("Seoul Kimchi Foods")
    assert "Bateries del Llobregat" not in lines
    assert "battery" in lines.lower()


def test_recommend_as_json(matches: Matches) -> None:
    result = run("recommend", "Carrosseries Vallès SA", "--kind", "university", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["organisation_id"] == matches.carmaker
    first = data["recommendations"][0]
    assert (first["rank"], first["organisation_id"]) == (1, matches.university)
    assert first["reasons"][0]["text"]


def test_refusals_are_messages(matches: Matches) -> None:
    unknown = run("recommend", "Nobody Inc")
    assert unknown.exit_code == 1
    assert "No organisation 'Nobody Inc'" in unknown.output
    empty = run("recommend", "Empty Profile SL")
    assert empty.exit_code == 0
    assert "nothing to match on" in empty.output
    filtered = run("recommend", str(matches.carmaker), "--abroad", "--kind", "public_body")
    assert filtered.exit_code == 0
    assert "No organisation passes the filters" in filtered.output
    bad = run("recommend", str(matches.carmaker), "--kind", "spaceship")
    assert bad.exit_code == 1
    assert "choose from" in bad.output


def test_index_and_fit_report_what_they_did(matches: Matches, tmp_path: object) -> None:
    indexed = run("index")
    assert indexed.exit_code == 0, indexed.output
    assert "10 profiles indexed" in indexed.stdout
    fitted = run("fit")
    assert fitted.exit_code == 0, fitted.output
    assert "past_projects" in fitted.stdout
