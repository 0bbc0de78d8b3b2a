"""The CORDIS Horizon 2020 import: counts, idempotence, updates, and bad files refused whole."""

from __future__ import annotations

import gzip
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select, text
from typer.testing import CliRunner

from clusterbridge.cli.cordis import cordis
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError, Conflict, InvalidInput, Problem
from clusterbridge.core.models import Base
from clusterbridge.registry.enums import OrganisationKind, ParticipantRole
from clusterbridge.registry.importers.cordis import CordisSummary, import_cordis
from clusterbridge.registry.importers.cordis_bulk import BulkWriter
from clusterbridge.registry.importers.cordis_write import ORGANISATIONS
from clusterbridge.registry.models import (
    Collaboration,
    CollaborationProgrammePart,
    Organisation,
    Participation,
)
from tests.conftest import shared_data

FIXTURES = Path(__file__).parent / "fixtures" / "cordis"
PARTICIPATIONS = (FIXTURES / "participations.csv").read_text(encoding="utf-8")
PARTS = (FIXTURES / "programme_parts.csv").read_text(encoding="utf-8")


def write(
    folder: Path, participations: str | bytes, parts: str | bytes = PARTS
) -> tuple[Path, Path]:
    """The two files, gzipped as CORDIS publishes them."""
    paths = (folder / "h2020.csv.gz", folder / "programme_parts.csv.gz")
    for path, content in zip(paths, (participations, parts), strict=True):
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(gzip.compress(data))
    return paths


def run(
    engine: Engine, folder: Path, participations: str | bytes = PARTICIPATIONS, **kw: Any
) -> CordisSummary:
    return import_cordis(*write(folder, participations, **kw), engine=engine)


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused import changed nothing."""
    with engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def count(engine: Engine, model: type[Base]) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def organisation(engine: Engine, pic: str) -> Organisation:
    with transaction(engine) as session:
        found = session.scalar(select(Organisation).where(Organisation.pic == pic))
        assert found is not None
        return found


def audit(engine: Engine, action: str) -> list[AuditEntry]:
    with transaction(engine) as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def problems_of(error: pytest.ExceptionInfo[InvalidInput]) -> list[Problem]:
    return error.value.problems


def test_imports_organisations_projects_and_participations(engine: Engine, tmp_path: Path) -> None:
    summary = run(engine, tmp_path)

    assert (summary.organisations_created, summary.collaborations_created) == (11, 5)
    assert summary.participations == 15
    assert count(engine, Participation) == 15
    assert summary.duplicate_participations == 1
    assert summary.programme_parts == 5
    assert count(engine, CollaborationProgrammePart) == 5
    assert summary.orphan_programme_parts == 1
    assert summary.several_coordinators == 1
    assert summary.missing == {
        "type": 1, "contribution": 2, "country": 1, "start_date": 2, "end_date": 2,
        "max_contribution": 0, "total_cost": 2, "start_year": 2,
    }  # fmt: skip
    assert len(audit(engine, "registry.organisation.created")) == 11
    assert len(audit(engine, "registry.collaboration.created")) == 5


def test_organisations_take_kind_and_most_recent_country(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)

    greek = organisation(engine, "900000002")
    assert (greek.external_id, greek.name, greek.kind) == (
        "pic:900000002", "PIC 900000002", OrganisationKind.UNIVERSITY,
    )  # fmt: skip
    assert greek.country == "GR"
    assert organisation(engine, "900000003").country == "GB"
    assert organisation(engine, "900000004").country == "NA"  # Namibia, not a gap
    assert organisation(engine, "900000007").country == "XK"
    no_type = organisation(engine, "900000006")
    assert (no_type.kind, no_type.country) == (OrganisationKind.OTHER, None)
    # KR on the 2020 project wins over JP on the 2015 project listed after it
    assert organisation(engine, "900000010").country == "KR"


def test_projects_become_collaborations(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)

    with transaction(engine) as session:
        project = session.scalars(
            select(Collaboration).where(Collaboration.external_id == "cordis:100004")
        ).one()
        assert (project.source, project.programme, project.year) == ("cordis", "H2020", 2020)
        assert (project.start_date, project.end_date) == (date(2020, 1, 1), date(2023, 12, 31))
        assert project.funding == Decimal("1999890")
        assert project.total_cost == Decimal("67289236.75")  # rounded to the cent
        assert [p.part for p in project.programme_parts] == ["SC1"]
        assert len(project.participants) == 3
        undated = session.scalars(
            select(Collaboration).where(Collaboration.external_id == "cordis:100003")
        ).one()
        assert (undated.year, undated.start_date, undated.total_cost) == (None, None, None)
        roles = {
            (p.organisation.pic, p.role, p.contribution)
            for p in session.scalars(select(Participation).join(Collaboration).where(
                Collaboration.external_id == "cordis:100002"
            ))
        }  # fmt: skip
    assert roles == {
        ("900000005", ParticipantRole.COORDINATOR, Decimal("1000000")),
        ("900000002", ParticipantRole.COORDINATOR, Decimal("900000")),
        ("900000006", ParticipantRole.PARTICIPANT, Decimal("250000")),
        ("900000007", ParticipantRole.THIRD_PARTY, Decimal("50000")),
    }


def test_collaboration_audit_lists_participants(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)

    entry = next(
        e for e in audit(engine, "registry.collaboration.created")
        if e.after and e.after["external_id"] == "cordis:100001"
    )  # fmt: skip
    assert entry.entity == "collaboration"
    assert entry.actor == "cli"
    assert entry.after is not None
    assert entry.after["participants"] == [
        ["900000001", "coordinator"],
        ["900000002", "participant"],
        ["900000003", "participant"],
        ["900000004", "partner"],
    ]
    assert entry.after["programme_parts"] == ["LEIT", "SC4"]
    assert entry.after["total_cost"] == "2928125.50"


def test_plain_csv_files_are_accepted(engine: Engine) -> None:
    summary = import_cordis(
        FIXTURES / "participations.csv", FIXTURES / "programme_parts.csv", engine=engine
    )
    assert summary.organisations_created == 11


def test_reimport_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)
    before = contents(engine)

    again = run(engine, tmp_path)

    assert (again.organisations_created, again.organisations_updated) == (0, 0)
    assert (again.collaborations_created, again.collaborations_updated) == (0, 0)
    assert (again.organisations_unchanged, again.collaborations_unchanged) == (11, 5)
    assert contents(engine) == before  # no new audit entries, no version bumps


def test_changed_rows_update_and_audit(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)
    changed = (
        PARTICIPATIONS.replace("183454.8,IT,", "183454.8,FR,")  # 900000008 moved to France
        .replace(",1999890,", ",2000000,")  # project 100004's funding
        .replace("100003,partner,900000001,PRC,NA,ES,NA,NA,183454.8,NA,NA,NA,NA,eu15,1\n", "")
        .replace("100004,participant,900000010,", "100004,partner,900000010,")
    )
    summary = run(engine, tmp_path, changed, parts=PARTS + "100005,SC2\n")

    assert (summary.organisations_updated, summary.organisations_unchanged) == (1, 10)
    assert (summary.collaborations_updated, summary.collaborations_unchanged) == (3, 2)
    moved = organisation(engine, "900000008")
    assert (moved.country, moved.version) == ("FR", 2)
    [entry] = audit(engine, "registry.organisation.updated")
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.entity_id, entry.before["country"], entry.after["country"]) == (
        moved.id,
        "IT",
        "FR",
    )
    updates = {
        (e.after or {})["external_id"]: (e.before or {}, e.after or {})
        for e in audit(engine, "registry.collaboration.updated")
    }
    assert set(updates) == {"cordis:100003", "cordis:100004", "cordis:100005"}
    before, after = updates["cordis:100003"]
    assert len(before["participants"]) == 2
    assert len(after["participants"]) == 1
    assert updates["cordis:100004"][1]["funding"] == "2000000.00"
    assert updates["cordis:100005"][1]["programme_parts"] == ["SC2"]
    assert count(engine, Participation) == 14
    with transaction(engine) as session:
        role = session.scalar(
            select(Participation.role)
            .join(Collaboration)
            .join(Organisation)
            .where(Collaboration.external_id == "cordis:100004", Organisation.pic == "900000010")
        )
    assert role == ParticipantRole.PARTNER


def test_a_record_changed_meanwhile_is_a_conflict(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)
    stale = {"id": organisation(engine, "900000001").id, "version": 0}
    with pytest.raises(Conflict), transaction(engine) as session:
        BulkWriter(session, "test", lambda *_: None).update(ORGANISATIONS, [(stale, {"name": "x"})])
    assert organisation(engine, "900000001").name == "PIC 900000001"


def test_a_gap_in_a_new_file_keeps_the_stored_value(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)
    gaps = PARTICIPATIONS.replace(",SE,2015-03-01,", ",,2015-03-01,")
    summary = run(engine, tmp_path, gaps)
    assert summary.organisations_updated == 0
    assert organisation(engine, "900000011").country == "SE"


def test_organisation_entered_by_hand_is_matched_by_pic(engine: Engine, tmp_path: Path) -> None:
    with transaction(engine) as session:
        session.add(
            Organisation(
                external_id="acme", name="Acme Robotics", kind=OrganisationKind.STARTUP,
                pic="900000001",
            )
        )  # fmt: skip
    summary = run(engine, tmp_path)

    assert (summary.organisations_created, summary.organisations_updated) == (10, 1)
    acme = organisation(engine, "900000001")
    assert (acme.external_id, acme.name, acme.kind) == (
        "acme",
        "Acme Robotics",
        OrganisationKind.STARTUP,
    )
    assert acme.country == "ES"  # the empty field is filled
    assert count(engine, Organisation) == 11


def test_a_bad_country_stops_the_import_and_names_the_cell(engine: Engine, tmp_path: Path) -> None:
    run(engine, tmp_path)
    before = contents(engine)
    bad = PARTICIPATIONS.replace("900000005,OTH,1000000,DE,", "900000005,OTH,1000000,ZZ,")
    paths = write(tmp_path, bad)

    with pytest.raises(InvalidInput) as error:
        import_cordis(*paths, engine=engine)

    [problem] = problems_of(error)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        str(paths[0]),
        6,
        "country",
        "ZZ",
    )
    assert "country" in problem.reason
    assert contents(engine) == before


def test_a_bad_file_leaves_an_empty_database_empty(engine: Engine, tmp_path: Path) -> None:
    empty = contents(engine)
    with pytest.raises(InvalidInput):
        run(engine, tmp_path, PARTICIPATIONS.replace(",SE,", ",Sweden,"))
    assert contents(engine) == empty


def test_every_problem_is_reported_at_once(engine: Engine, tmp_path: Path) -> None:
    lines = PARTICIPATIONS.splitlines(keepends=True)
    lines[1] = lines[1].replace("900000001", "9000O0001")  # letter O in a PIC
    lines[2] = lines[2].replace("participant", "observer")
    lines[3] = lines[3].replace("REC", "XYZ").replace("225625.8", "225625.8 EUR")
    lines[4] = lines[4].replace("2019-05-01", "01/05/2019")
    with pytest.raises(InvalidInput) as error:
        run(engine, tmp_path, "".join(lines))

    found = {(p.row, p.column, p.value) for p in problems_of(error)}
    assert found == {
        (2, "pic", "9000O0001"), (3, "role", "observer"), (4, "type", "XYZ"),
        (4, "contribution", "225625.8 EUR"), (5, "start_date", "01/05/2019"),
    }  # fmt: skip
    assert "row 5, column start_date" in str(error.value)


def test_rows_of_one_project_may_not_disagree(engine: Engine, tmp_path: Path) -> None:
    lines = PARTICIPATIONS.splitlines(keepends=True)
    lines[3] = lines[3].replace("2022-04-30", "2022-05-31")
    with pytest.raises(InvalidInput) as error:
        run(engine, tmp_path, "".join(lines))
    [problem] = problems_of(error)
    assert (problem.row, problem.column, problem.value) == (4, "end_date", "2022-05-31")
    assert "row 2" in problem.reason


def test_a_file_that_is_not_utf8_is_refused(engine: Engine, tmp_path: Path) -> None:
    lines = PARTICIPATIONS.encode("utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(b",UK,", ",Großbritannien,".encode("latin-1"))
    paths = write(tmp_path, b"".join(lines))

    with pytest.raises(InvalidInput) as error:
        import_cordis(*paths, engine=engine)

    encoding = [p for p in problems_of(error) if "UTF-8" in p.reason]
    assert [(p.file, p.row) for p in encoding] == [(str(paths[0]), 4)]
    assert count(engine, Organisation) == 0


def test_a_truncated_gzip_file_is_refused(engine: Engine, tmp_path: Path) -> None:
    header, body = PARTICIPATIONS.split("\n", 1)
    paths = write(tmp_path, header + "\n" + body * 20)  # repeats are duplicates, not errors
    whole = paths[0].read_bytes()
    paths[0].write_bytes(whole[: len(whole) // 2])

    with pytest.raises(InvalidInput) as error:
        import_cordis(*paths, engine=engine)

    [problem] = problems_of(error)
    assert problem.file == str(paths[0])
    assert "truncated" in problem.reason
    assert count(engine, Organisation) == count(engine, AuditEntry) == 0


def test_a_missing_column_is_named(engine: Engine, tmp_path: Path) -> None:
    without_country = "\n".join(
        ",".join(cell for i, cell in enumerate(line.split(",")) if i != 5)
        for line in PARTICIPATIONS.splitlines()
    )
    with pytest.raises(InvalidInput) as error:
        run(engine, tmp_path, without_country, parts="rcn,part\n100001,SC4\n")
    found = {(p.file and Path(p.file).name, p.row, p.column) for p in problems_of(error)}
    assert found == {
        ("h2020.csv.gz", 1, "country"),
        ("programme_parts.csv.gz", 1, "programme_part"),
    }


def test_a_missing_file_is_a_clean_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as error:
        import_cordis(tmp_path / "absent.csv.gz", FIXTURES / "programme_parts.csv", engine=engine)
    [problem] = problems_of(error)
    assert problem.reason == "file not found"
    assert problem.row is None


def test_progress_is_reported_for_each_stage(engine: Engine) -> None:
    stages: dict[str, tuple[int, int]] = {}
    import_cordis(
        FIXTURES / "participations.csv",
        FIXTURES / "programme_parts.csv",
        engine=engine,
        progress=lambda stage, done, total: stages.__setitem__(stage, (done, total)),
    )
    assert stages["writing organisations"] == (11, 11)
    assert stages["writing participations"] == (15, 15)
    assert stages["writing audit log"] == (16, 16)
    assert stages["reading participations.csv"][0] == stages["reading participations.csv"][1]


def cli() -> typer.Typer:
    app = typer.Typer()
    app.command("cordis")(cordis)
    app.command("unused")(lambda: None)  # two commands, so "cordis" is named as in the real CLI
    return app


def test_cli_imports_and_prints_a_summary(engine: Engine) -> None:
    arguments = [
        "cordis",
        "--participations", str(FIXTURES / "participations.csv"),
        "--programme-parts", str(FIXTURES / "programme_parts.csv"),
    ]  # fmt: skip
    result = CliRunner().invoke(cli(), arguments)
    assert result.exit_code == 0, result.output
    assert "organisations" in result.stdout
    assert "11" in result.stdout
    assert "empty start_date" in result.stdout
    assert count(engine, Organisation) == 11


def test_cli_reports_bad_input_and_exits_1(engine: Engine, tmp_path: Path) -> None:
    paths = write(tmp_path, PARTICIPATIONS.replace(",SE,", ",Sweden,"))
    arguments = ["cordis", "--participations", str(paths[0]), "--programme-parts", str(paths[1])]
    result = CliRunner().invoke(cli(), arguments)
    assert result.exit_code == 1
    assert "row 16, column country" in result.output
    assert "Traceback" not in result.output
    assert count(engine, Organisation) == 0


def test_cli_missing_file_exits_1(engine: Engine, tmp_path: Path) -> None:
    arguments = [
        "cordis",
        "--participations", str(tmp_path / "nope.csv.gz"),
        "--programme-parts", str(FIXTURES / "programme_parts.csv"),
    ]  # fmt: skip
    result = CliRunner().invoke(cli(), arguments)
    assert result.exit_code == 1
    assert "file not found" in result.output


@st.composite
def damaged(draw: st.DrawFn) -> tuple[bytes, bytes, bool]:
    """One of the two files damaged: truncated, bytes flipped or inserted, re-encoded, or
    garbage; gzipped or not, and the gzip itself possibly cut short."""
    which = draw(st.sampled_from(["participations", "parts"]))
    data = bytearray((PARTICIPATIONS if which == "participations" else PARTS).encode("utf-8"))
    how = draw(st.sampled_from(["truncate", "flip", "insert", "latin-1", "garbage", "gzip-cut"]))
    at = draw(st.integers(0, len(data)))
    if how == "truncate":
        data = data[:at]
    elif how == "flip" and data:
        data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
    elif how == "insert":
        data[at:at] = draw(st.binary(min_size=1, max_size=20))
    elif how == "latin-1":
        data = bytearray(data.decode("utf-8").replace("ES", "ÉS").encode("latin-1"))
    elif how == "garbage":
        data = bytearray(draw(st.binary(max_size=400)))
    damaged_bytes = bytes(data)
    if how == "gzip-cut":
        whole = gzip.compress(damaged_bytes)
        damaged_bytes = whole[: draw(st.integers(0, len(whole) - 1))]
    elif draw(st.booleans()):
        damaged_bytes = gzip.compress(damaged_bytes)
    good = PARTS.encode("utf-8") if which == "participations" else PARTICIPATIONS.encode("utf-8")
    return (damaged_bytes, good, which == "participations")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=damaged())
def test_damaged_files_fail_cleanly_or_import(
    engine: Engine, tmp_path: Path, case: tuple[bytes, bytes, bool]
) -> None:
    broken, good, participations_broken = case
    paths = (tmp_path / "p.csv.gz", tmp_path / "parts.csv")
    paths[0].write_bytes(broken if participations_broken else good)
    paths[1].write_bytes(good if participations_broken else broken)
    before = contents(engine)
    try:
        import_cordis(*paths, engine=engine)
    except ClusterBridgeError as error:
        message = str(error)
    else:
        return  # the damage left a valid file: importing it is fine
    assert message
    assert "Traceback" not in message
    assert contents(engine) == before


@pytest.mark.shared_data
def test_the_real_cordis_file_imports_completely(engine: Engine) -> None:
    participations = shared_data("cordis-h2020", "h2020.csv.gz")
    parts = shared_data("cordis-h2020", "programme_parts.csv.gz")
    summary = import_cordis(participations, parts, engine=engine)

    assert count(engine, Organisation) == summary.organisations_created == 35_871
    assert count(engine, Collaboration) == summary.collaborations_created == 31_451
    assert count(engine, Participation) == summary.participations == 144_726
    assert summary.duplicate_participations == 0
    assert summary.several_coordinators == 25
    assert summary.orphan_programme_parts == 1  # rcn 210920 is in no participation row
    assert count(engine, CollaborationProgrammePart) == 37_440
    assert summary.missing["start_date"] == 7
    assert summary.missing["country"] == 0
    with engine.connect() as conn:
        namibia = conn.scalar(text("SELECT count(*) FROM organisations WHERE country = 'NA'"))
    assert namibia == 8
