"""`clusterbridge match batch`: checked queries file, rankings from the registry's history."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput
from clusterbridge.matchmaking.batch import (
    OUTPUT_COLUMNS,
    load_registry,
    read_queries,
    run_batch,
)
from clusterbridge.registry.enums import OrganisationKind, ParticipantRole
from clusterbridge.registry.importers.cordis import import_cordis
from clusterbridge.registry.models import Collaboration, Organisation, Participation

runner = CliRunner()
HEADER = "query_id,pic,country,type,programme_parts,start_year\n"
CORDIS_HEADER = (
    "rcn,role,pic,type,contribution,country,start_date,end_date,max_contribution,total_cost,"
    "start_year\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def cordis_history(folder: Path) -> tuple[Path, Path]:
    """Coordinator 100 works with 200 every year and with 300 once; 400 and 500 are busy in
    LEIT without 100; coordinators 600 and 700 repeat their own partners (training queries)."""
    projects = []
    for year in (2015, 2016, 2017):
        projects += [
            (f"{year}1", year, "SC3", [100, 200, 300 if year == 2015 else 800]),
            (f"{year}2", year, "LEIT", [400, 500]),
            (f"{year}3", year, "LEIT", [500, 400, 900]),
            (f"{year}4", year, "SC3", [600, 610, 620]),
            (f"{year}5", year, "SC3", [700, 710, 300]),
        ]
    rows, parts = [], []
    for rcn, year, part, members in projects:
        for i, pic in enumerate(members):
            role = "coordinator" if i == 0 else "participant"
            rows.append(
                f"{rcn},{role},{pic},PRC,1000,ES,{year}-01-01,{year + 2}-12-31,5000,6000,{year}\n"
            )
        parts.append(f"{rcn},{part}\n")
    return (
        write(folder / "h2020.csv", CORDIS_HEADER + "".join(rows)),
        write(folder / "parts.csv", "rcn,programme_part\n" + "".join(parts)),
    )


def read_output(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == OUTPUT_COLUMNS
        return list(reader)


def test_queries_are_read_with_parts_and_kinds(tmp_path: Path) -> None:
    path = write(tmp_path / "q.csv", HEADER + "a,100,EL,HES,SC3; LEIT ,2018\nb,,,,,2019\n")
    first, second = read_queries(path)
    assert (first.pic, first.country, first.kind) == ("100", "GR", "university")
    assert first.parts == ("LEIT", "SC3")
    assert (first.year, second.year) == (2018, 2019)
    assert (second.pic, second.parts, second.kind) == (None, (), None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEADER + "a,100,ES,PRC,SC3,20x8\n", "q.csv, row 2, column start_year"),
        (HEADER + "a,100,ES,PRC,SC3,2018\nb,100,ES,XYZ,SC3,2018\n", "row 3, column type"),
        (HEADER + "a,100,Spain,PRC,SC3,2018\n", "row 2, column country"),
        (HEADER + "a,12ab,ES,PRC,SC3,2018\n", "row 2, column pic"),
        (HEADER + "a,100,ES,PRC,SC3,\n", "row 2, column start_year: empty"),
        (HEADER + "a,100,ES,PRC,SC3,2018\na,100,ES,PRC,SC3,2018\n", "row 3, column query_id"),
        ("query_id,pic,country,type,programme_parts\na,1,ES,PRC,SC3\n", "row 1, column start_year"),
    ],
)
def test_bad_queries_name_row_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "q.csv", text)
    with pytest.raises(InvalidInput) as caught:
        read_queries(path)
    assert expected in str(caught.value)


def test_batch_ranks_from_the_registry(engine: Engine, tmp_path: Path) -> None:
    import_cordis(*cordis_history(tmp_path), engine=engine)
    queries = write(
        tmp_path / "q.csv",
        HEADER + "known,100,ES,PRC,SC3,2018\nnewcomer,999,DE,HES,LEIT,2018\n",
    )
    out = tmp_path / "out.csv"
    summary = run_batch(queries, 3, out, engine=engine)
    assert (summary.queries, summary.newcomers, summary.fitted_years) == (2, 1, (2018,))
    rows = read_output(out)
    known = [r for r in rows if r["query_id"] == "known"]
    assert [r["rank"] for r in known] == ["1", "2", "3"]
    assert known[0]["pic"] == "200"
    assert "100" not in {r["pic"] for r in known}
    newcomer = [r["pic"] for r in rows if r["query_id"] == "newcomer"]
    # a newcomer's candidates are the organisations active in its programme part (LEIT);
    # their order is whatever the general signals learned from nine training queries
    assert sorted(newcomer) == ["400", "500", "900"]
    assert float(known[0]["score"]) >= float(known[1]["score"]) >= float(known[2]["score"])


def test_organisations_without_a_pic_are_skipped(engine: Engine, tmp_path: Path) -> None:
    import_cordis(*cordis_history(tmp_path), engine=engine)
    with transaction(engine) as session:
        lead = session.query(Organisation).filter_by(pic="100").one()
        unnamed = Organisation(external_id="hand:1", kind=OrganisationKind.COMPANY, name="X")
        for year in (2016, 2017):
            project = Collaboration(external_id=f"hand:{year}", source="hand", year=year)
            project.participants = [
                Participation(organisation=lead, role=ParticipantRole.COORDINATOR),
                Participation(organisation=unnamed, role=ParticipantRole.PARTICIPANT),
            ]
            session.add(project)
    registry = load_registry(engine)
    assert len(registry.projects) == 17
    out = tmp_path / "out.csv"
    run_batch(write(tmp_path / "q.csv", HEADER + "q,100,ES,PRC,SC3,2018\n"), 5, out, engine=engine)
    rows = read_output(out)
    assert rows
    assert all(r["pic"] for r in rows)
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]


def test_cli_round_trip_and_clean_errors(engine: Engine, tmp_path: Path) -> None:
    import_cordis(*cordis_history(tmp_path), engine=engine)
    queries = write(tmp_path / "q.csv", HEADER + "known,100,ES,PRC,SC3,2018\n")
    out = tmp_path / "out.csv"
    args = ["match", "batch", "--queries", str(queries), "--k", "2", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [(r["query_id"], r["rank"]) for r in read_output(out)] == [
        ("known", "1"),
        ("known", "2"),
    ]
    bad = write(tmp_path / "bad.csv", HEADER + "known,100,ES,PRC,SC3,next year\n")
    args[3] = str(bad)
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "row 2, column start_year" in result.output
    assert "Traceback" not in result.output
