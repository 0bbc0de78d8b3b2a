"""`clusterbridge evaluation ...` as a user runs it (the sub-app, as the root app mounts it)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from clusterbridge.cli.evaluation import app
from tests.analytics.evaluation.conftest import YEAR, Tiny
from tests.analytics.evaluation.test_framework import default_data
from tests.analytics.evaluation.test_scorecards import AGENCY

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def fail(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_framework_check_accepts_the_default_and_names_mistakes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(default_data(), allow_unicode=True), encoding="utf-8")
    assert "OK: 24 indicators in 6 areas." in run("framework-check", str(good))
    data = default_data()
    data["indicators"][3]["weight"] = 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    output = fail("framework-check", str(bad))
    assert "bad.yaml: indicators[3].weight (indicator 'sme_share'): must be positive" in " ".join(
        output.split()
    )


def test_a_whole_round_from_framework_to_programme_view(tiny: Tiny, tmp_path: Path) -> None:
    framework = tmp_path / "agency.yaml"
    framework.write_text(AGENCY, encoding="utf-8")
    assert "Stored framework agency for programme prog." in run(
        "framework-add", str(framework), "--programme", "prog"
    )
    assert "agency" in run("frameworks")
    assert "2 values computed for 2 clusters" in run("compute", "--year", str(YEAR))
    answers = tmp_path / "answers.csv"
    answers.write_text(
        f"cluster,year,indicator,value,note\nc1,{YEAR},meetings,8,\nc2,{YEAR},meetings,1,\n",
        encoding="utf-8",
    )
    assert f"Recorded 2 answers of 2 clusters for {YEAR}." in run("collect", str(answers))
    card = json.loads(run("scorecard", "c1", "--year", str(YEAR), "--json"))
    indicators = {i["key"]: i for area in card["evaluation"]["areas"] for i in area["indicators"]}
    assert (indicators["meetings"]["value"], indicators["meetings"]["level"]) == (8, "gold")
    assert indicators["meetings"]["percentile"] == 75.0
    assert card["framework"] == "agency"
    table = run("scorecard", "c1", "--year", str(YEAR))
    assert "Overall score" in table
    view = json.loads(run("programme", "prog", "--year", str(YEAR), "--json"))
    assert [row["external_id"] for row in view["rows"]] == ["c1", "c2"]
    assert "C1" in run("programme", "prog", "--year", str(YEAR))


def test_unknown_names_give_a_message_not_a_traceback(tiny: Tiny, tmp_path: Path) -> None:
    assert "no cluster whose organisation has the id 'nope'" in fail(
        "scorecard", "nope", "--year", "2025"
    )
    assert "no programme with the id 'nope'" in fail(
        "compute", "--year", "2025", "--programme", "nope"
    )
    bad = tmp_path / "answers.csv"
    bad.write_text("cluster,year,indicator,value\nc1,2025,board_meetings,-3\n", encoding="utf-8")
    assert "row 2, column value" in fail("collect", str(bad))


def test_names_with_brackets_are_printed_as_they_are(tmp_path: Path) -> None:
    data = default_data()
    data["name"] = "Agency [/] framework"
    path = tmp_path / "brackets.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "Agency [/] framework" in " ".join(run("framework-check", str(path)).split())
