"""The documentation describes exactly what the code accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from clusterbridge.core.settings import Settings
from clusterbridge.registry.importers.kinds import KINDS

ROOT = Path(__file__).resolve().parents[2]


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"docs/data-formats.md has no section '## {title}'"
    return match.group(1)


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_every_column_is_documented(kind: object) -> None:
    from clusterbridge.registry.importers.kinds import Kind

    assert isinstance(kind, Kind)
    text = (ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", section(text, kind.file_name), re.M)
    assert documented == [c.name for c in kind.columns]
    required = re.findall(r"^\| `([a-z0-9_]+)` \| yes \|", section(text, kind.file_name), re.M)
    assert required == [c.name for c in kind.columns if c.required]


def test_every_setting_is_documented() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"CLUSTERBRIDGE_{name.upper()}" in text


def _commands(command: object, prefix: list[str]) -> list[tuple[list[str], object]]:
    found = []
    for name, sub in getattr(command, "commands", {}).items():
        found.append(([*prefix, name], sub))
        found.extend(_commands(sub, [*prefix, name]))
    return found


def test_every_command_has_help() -> None:
    import typer.main

    runner = CliRunner()
    commands = _commands(typer.main.get_command(app), [])
    paths = [path for path, _ in commands]
    assert ["import", "organisations"] in paths
    assert ["import", "memberships"] in paths
    for path, command in commands:
        assert (getattr(command, "help", None) or "").strip(), f"{' '.join(path)} has no help"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path


def test_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "cli.md"
    typer = Path(sys.executable).with_name("typer")
    subprocess.run(
        [
            str(typer),
            "clusterbridge.cli.main",
            "utils",
            "docs",
            "--name",
            "clusterbridge",
            "--title",
            "Command-line reference",
            "--output",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == out.read_text(encoding="utf-8"), "docs/cli.md is stale: run `make docs`"
