"""Registry imports: validation before writing, idempotence, updates with audit, file formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput
from clusterbridge.core.models import Base
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.tables import import_files

ORGANISATIONS = """external_id,kind,name,name_latin,country,region,city,latitude,longitude,website,size_class,founding_year,pic,industries,technologies,emerging_industries
ORG-1,company,Envasos del Vallès SL,,ES,ES-CT,Terrassa,41.56,2.01,https://envasos.example,small,1998,,22.22;17.21,additive-manufacturing,advanced-packaging
ORG-2,company,한빛배터리,Hanbit Battery,KR,KR-41,Ansan,37.32,126.83,,medium,2005,999999999,27.20,,mobility-technologies
ORG-3,university,Universitat Politècnica de Catalunya,,ES,ES-CT,Barcelona,41.39,2.11,https://upc.example,large,1971,,85.40,robotics,
ORG-4,startup,Bateries Noves SL,,ES,ES-CT,Girona,,,,micro,2023,,27.20,,
ORG-5,research_centre,Korea Battery Institute,,KR,KR-11,Seoul,,,,medium,1990,,72.10,,
CL-1,cluster_organisation,Clúster d'Envasos,,ES,ES-CT,Barcelona,,,,,2010,,94.11,,
"""
CLUSTERS = "organisation,acronym,management_fte,focus_industries\nCL-1,CEC,2.5,22.22\n"
MEMBERSHIPS = """organisation;cluster;role;since;until
ORG-1;CL-1;member;2015-01-01;
ORG-2;CL-1;founding_member;2012-03-01;2020-12-31
"""


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def table_contents(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to prove a failed import changed nothing."""
    with engine.connect() as conn:
        return {
            t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr)
            for t in Base.metadata.sorted_tables
        }


def load_basic(tmp_path: Path) -> None:
    import_files(
        [
            ("organisations", write(tmp_path, "organisations.csv", ORGANISATIONS)),
            ("clusters", write(tmp_path, "clusters.csv", CLUSTERS)),
            ("memberships", write(tmp_path, "memberships.csv", MEMBERSHIPS)),
        ]
    )


def count(model: type[Base]) -> int:
    with transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_import_creates_records_with_codes_and_audit(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    with transaction() as session:
        org = session.scalars(
            select(m.Organisation).where(m.Organisation.external_id == "ORG-1")
        ).one()
        assert org.name == "Envasos del Vallès SL"
        assert org.country == "ES"
        assert org.region == "ES-CT"
        assert sorted((c.vocabulary.value, c.code) for c in org.codes) == [
            ("NACE", "17.21"),
            ("NACE", "22.22"),
            ("emerging", "advanced-packaging"),
            ("technology", "additive-manufacturing"),
        ]
        korean = session.scalars(
            select(m.Organisation).where(m.Organisation.pic == "999999999")
        ).one()
        assert korean.name == "한빛배터리"
        ended = session.scalars(select(m.Membership).where(m.Membership.until.is_not(None))).one()
        assert ended.organisation.external_id == "ORG-2"
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions.count("registry.organisation.created") == 6
    assert actions.count("registry.cluster.created") == 1
    assert actions.count("registry.membership.created") == 2


def test_reimport_is_a_no_op(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    before = table_contents(engine)
    summary = import_files([("organisations", tmp_path / "organisations.csv")])
    assert summary.changed == 0
    assert summary.kinds["organisations"].unchanged == 6
    assert table_contents(engine) == before


def test_changed_row_updates_and_is_audited(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    changed = ORGANISATIONS.replace("Terrassa,41.56", "Sabadell,41.56").replace(
        "22.22;17.21", "22.22"
    )
    summary = import_files([("organisations", write(tmp_path, "changed.csv", changed))])
    assert summary.kinds["organisations"].updated == 1
    assert summary.kinds["organisations"].unchanged == 5
    with transaction() as session:
        org = session.scalars(
            select(m.Organisation).where(m.Organisation.external_id == "ORG-1")
        ).one()
        assert org.city == "Sabadell"
        assert org.version == 2
        assert [c.code for c in org.codes if c.vocabulary.value == "NACE"] == ["22.22"]
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registry.organisation.updated")
        ).one()
    assert entry.entity_id == org.id
    assert entry.before == {"city": "Terrassa", "industries": ["NACE:17.21", "NACE:22.22"]}
    assert entry.after == {"city": "Sabadell", "industries": ["NACE:22.22"]}


def test_bad_country_in_row_7_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    before = table_contents(engine)
    lines = ORGANISATIONS.splitlines()
    rows = [*lines, "ORG-6,company,Nova SL,,ES,,Reus,,,,small,2001,,,,"]
    rows[6] = rows[6].replace(",ES,ES-CT,", ",ZZ,ES-CT,")  # file row 7 (header is row 1)
    bad = write(tmp_path, "bad.csv", "\n".join(rows) + "\n")
    result = CliRunner().invoke(app, ["import", "organisations", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv, row 7, column country: unknown country code 'ZZ'" in result.output
    assert "Traceback" not in result.output
    assert table_contents(engine) == before


def test_every_problem_is_reported_at_once(engine: Engine, tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.csv",
        "external_id,kind,name,country,founding_yaer\n"
        "A,company,A,ES,\nB,compny,B,Spian,\nA,company,,ES,\n",
    )
    with pytest.raises(InvalidInput) as caught:
        import_files([("organisations", bad)])
    found = {(p.row, p.column) for p in caught.value.problems}
    assert (1, "founding_yaer") in found  # unknown column, with a suggestion
    assert "did you mean founding_year" in str(caught.value)
    assert {(3, "kind"), (3, "country"), (4, "name"), (4, "external_id")} <= found
    assert count(m.Organisation) == 0


def test_unknown_reference_is_an_error(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    bad = write(tmp_path, "m.csv", "organisation,cluster,since\nORG-3,CL-9,2020-01-01\n")
    with pytest.raises(InvalidInput, match="row 2, column cluster: no cluster with this id"):
        import_files([("memberships", bad)])


def test_membership_history_is_kept(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    rejoined = write(
        tmp_path, "m.csv", "organisation,cluster,role,since\nORG-2,CL-1,board_member,2022-01-01\n"
    )
    import_files([("memberships", rejoined)])
    with transaction() as session:
        periods = session.execute(
            select(m.Membership.since, m.Membership.until, m.Membership.role)
            .join(m.Membership.organisation)
            .where(m.Organisation.external_id == "ORG-2")
            .order_by(m.Membership.since)
        ).all()
    assert [(str(s), str(u), r.value) for s, u, r in periods] == [
        ("2012-03-01", "2020-12-31", "founding_member"),
        ("2022-01-01", "None", "board_member"),
    ]


def test_until_before_since_is_rejected(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    bad = write(
        tmp_path, "m.csv", "organisation,cluster,since,until\nORG-3,CL-1,2020-01-01,2019-01-01\n"
    )
    with pytest.raises(InvalidInput, match="row 2, column until: until is before since"):
        import_files([("memberships", bad)])


def test_cluster_needs_a_cluster_organisation(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    bad = write(tmp_path, "c.csv", "organisation\nORG-1\n")
    with pytest.raises(InvalidInput, match="not of kind cluster_organisation"):
        import_files([("clusters", bad)])


def test_pic_belongs_to_one_organisation(engine: Engine, tmp_path: Path) -> None:
    load_basic(tmp_path)
    bad = write(tmp_path, "o.csv", "external_id,kind,name,pic\nNEW,company,New,999999999\n")
    with pytest.raises(InvalidInput, match="already belongs to organisation 'ORG-2'"):
        import_files([("organisations", bad)])


def test_semicolons_bom_and_decimal_comma(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_bytes("\ufeffexternal_id;kind;name;latitude\nX;company;Ça Va SL;41,5\n".encode())
    import_files([("organisations", path)])
    with transaction() as session:
        org = session.scalars(select(m.Organisation)).one()
    assert (org.name, org.latitude) == ("Ça Va SL", 41.5)


def test_xlsx_import_matches_csv(engine: Engine, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in ORGANISATIONS.splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    sheet["L2"] = 1998  # numbers arrive as numbers, not text
    sheet["H2"] = 41.56
    workbook.save(tmp_path / "organisations.xlsx")
    import_files([("organisations", tmp_path / "organisations.xlsx")])
    summary = import_files([("organisations", write(tmp_path, "o.csv", ORGANISATIONS))])
    assert summary.kinds["organisations"].unchanged == 6


def test_dry_run_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    summary = import_files(
        [("organisations", write(tmp_path, "o.csv", ORGANISATIONS))], dry_run=True
    )
    assert summary.kinds["organisations"].created == 6
    assert count(m.Organisation) == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM audit_log")).scalar() == 0


def test_nul_characters_are_refused(engine: Engine, tmp_path: Path) -> None:
    from clusterbridge.registry.importers.tables import import_tables

    with pytest.raises(InvalidInput, match="row 2, column name: contains a NUL character"):
        import_tables(
            {"organisations": [{"external_id": "A", "kind": "company", "name": "A\x00"}]}, actor="t"
        )
