"""`clusterbridge codes`: the code lists as users look them up."""

from __future__ import annotations

from typer.testing import CliRunner

from clusterbridge.cli.main import app

runner = CliRunner()


def test_search_finds_nace_class_by_label() -> None:
    result = runner.invoke(app, ["codes", "search", "nace", "batteries"])
    assert result.exit_code == 0
    assert "27.20" in result.output


def test_search_technology_by_synonym() -> None:
    result = runner.invoke(app, ["codes", "search", "technology", "3d print"])
    assert result.exit_code == 0
    assert "additive-manufacturing" in result.output


def test_list_subdivisions_of_a_country() -> None:
    result = runner.invoke(app, ["codes", "list", "subdivision", "--country", "Spain"])
    assert result.exit_code == 0
    assert "ES-CT" in result.output
    assert "KR-41" not in result.output


def test_unknown_vocabulary_is_a_clean_error() -> None:
    result = runner.invoke(app, ["codes", "list", "colours"])
    assert result.exit_code == 1
    assert "unknown code list 'colours'" in result.output
    assert "Traceback" not in result.output
