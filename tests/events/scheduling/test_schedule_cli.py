"""`clusterbridge schedule dzn`: the JSON shape, the human summary, and clean errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterbridge.cli.schedule import app

runner = CliRunner()

TINY = """nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 3; nMorningSlots = 3;
requested = [| 1, 2, 3 | 1, 3, 3 |];
forbidden = [{2}, {0}, {}];
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tiny.dzn"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_answer_has_the_documented_shape(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dzn", str(write(tmp_path, TINY)), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert set(answer) == {"instance", "status", "breaks", "bound", "seconds", "slots"}
    assert answer["instance"] == "tiny"
    assert answer["status"] == "optimal"
    assert answer["breaks"] == 1
    assert answer["bound"] == 1
    assert sorted(answer["slots"]) == [1, 3]
    assert isinstance(answer["seconds"], float)


def test_infeasible_run_still_exits_zero(tmp_path: Path) -> None:
    # Participant 1 must break (slot 2 is forbidden to it) while the others cannot.
    result = runner.invoke(app, ["dzn", str(write(tmp_path, TINY)), "--json", "--fairness", "0"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["status"] == "infeasible"
    assert answer["slots"] == [None, None]
    assert answer["breaks"] is None


def test_human_summary_names_the_blamed_group(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dzn", str(write(tmp_path, TINY)), "--fairness", "0"])
    assert result.exit_code == 0, result.output
    assert "infeasible" in result.output
    assert "fairness" in result.output


def test_bad_file_is_a_message_and_exit_code_one(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace("1, 3, 3", "1, 7, 3"))
    result = runner.invoke(app, ["dzn", str(path), "--json"])
    assert result.exit_code == 1
    assert "unknown participant" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["dzn", str(tmp_path / "nope.dzn")])
    assert missing.exit_code == 1
    assert "cannot read the file" in missing.output


def test_without_the_scheduling_extra_the_command_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A core install has no OR-Tools: the CLI loads, and the command names the extra."""
    monkeypatch.setitem(sys.modules, "clusterbridge.events.scheduling.portfolio", None)
    path = tmp_path / "tiny.dzn"
    path.write_text(
        "nBusiness = 2; nMeetings = 1; nTables = 1; nTotalSlots = 2; nMorningSlots = 1;\n"
        "requested = [| 1, 2, 3 |];\nforbidden = [{}, {}];\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["dzn", str(path), "--json"])
    assert result.exit_code == 1
    assert "scheduling needs OR-Tools: pip install 'clusterbridge[scheduling]'" in result.output
