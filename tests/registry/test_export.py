"""Export writes the import formats: export, re-import and export again are exact round trips."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from clusterbridge.registry.importers.export import export_registry
from clusterbridge.registry.importers.kinds import KINDS
from clusterbridge.registry.importers.tables import import_files
from tests.conftest import empty_all_tables

FILES = {
    "organisations": """external_id,kind,name,name_latin,country,region,nuts,city,latitude,longitude,pic,industries,technologies
ACCIO,public_body,ACCIÓ,,ES,ES-CT,ES51,Barcelona,41.3874,2.1686,,84.13,
KICOX,public_body,한국산업단지공단,KICOX,KR,KR-47,,Gimcheon,,,,84.13,
CL-PACK,cluster_organisation,Clúster del Packaging,,ES,ES-CT,ES51,Barcelona,,,,94.11,
CL-BAT,cluster_organisation,반월배터리 미니클러스터,Banwol Battery Mini-cluster,KR,KR-41,,Ansan,,,,94.11,
ORG-1,company,Envasos del Vallès SL,,ES,ES-CT,ES511,Terrassa,41.5632,2.0089,,22.22;NAICS:326112,additive-manufacturing
ORG-2,company,한빛배터리,Hanbit Battery,KR,KR-41,,Ansan,37.3219,126.8309,999999999,27.20,
""",
    "programmes": """external_id,name,agency,country,description,start_year
CAT-CLUSTERS,Catalonia Clusters Programme,ACCIO,ES,Synthetic demo data,1993
KICOX-MINI,KICOX mini-clusters,KICOX,KR,,2005
""",
    "industrial_complexes": """external_id,name,complex_type,country,region,managing_body,area_km2
BANWOL,Banwol-Sihwa National Industrial Complex,national,KR,KR-41,KICOX,45.2
""",
    "clusters": """organisation,programme,industrial_complex,acronym,management_fte,label_level,label_valid_until,focus_industries,focus_emerging_industries
CL-PACK,CAT-CLUSTERS,,CP,3.5,gold,2027-06-30,22.22;17.21,advanced-packaging
CL-BAT,KICOX-MINI,BANWOL,,0.5,,,27.20,mobility-technologies
""",
    "memberships": """organisation,cluster,role,since,until
ORG-1,CL-PACK,member,2015-01-01,
ORG-2,CL-BAT,founding_member,2010-01-01,2019-12-31
ORG-2,CL-BAT,member,2021-01-01,
ORG-2,CL-PACK,associate,2023-05-01,
""",
    "collaborations": """external_id,source,title,programme,year,start_date,end_date,total_cost,funding,programme_parts
P-1,manual,Recyclable battery packaging,Horizon Europe,2023,2023-01-01,2025-12-31,1200000.50,999999.99,SC5;LEIT
""",
    "participations": """collaboration,organisation,role,contribution
P-1,ORG-1,coordinator,500000
P-1,ORG-2,participant,
""",
    "persons": """external_id,name,email,position,organisation
PER-1,Marta Puig,marta@envasos.example,Cluster manager,CL-PACK
""",
}


def load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for kind, content in FILES.items():
        (folder / f"{kind}.csv").write_text(content, encoding="utf-8")
    import_files([(kind, folder / f"{kind}.csv") for kind in FILES])


def test_export_has_every_kind_with_its_columns(engine: Engine, tmp_path: Path) -> None:
    load(tmp_path)
    counts = export_registry(tmp_path / "out")
    assert counts == {
        "organisations.csv": 6,
        "programmes.csv": 2,
        "industrial_complexes.csv": 1,
        "clusters.csv": 2,
        "memberships.csv": 4,
        "collaborations.csv": 1,
        "participations.csv": 2,
        "persons.csv": 1,
    }
    for kind in KINDS.values():
        header = (tmp_path / "out" / kind.file_name).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [c.name for c in kind.columns]
    organisations = (tmp_path / "out" / "organisations.csv").read_text(encoding="utf-8")
    assert "22.22;NAICS:326112" in organisations
    assert "한빛배터리" in organisations


def test_reimporting_an_export_is_a_no_op(engine: Engine, tmp_path: Path) -> None:
    load(tmp_path)
    export_registry(tmp_path / "out")
    result = CliRunner().invoke(app, ["import", "directory", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    summary = import_files([(k, tmp_path / "out" / f"{k}.csv") for k in KINDS])
    assert summary.changed == 0
    assert sum(k.unchanged for k in summary.kinds.values()) == 19


def test_export_import_into_empty_database_export_is_identical(
    engine: Engine, tmp_path: Path
) -> None:
    load(tmp_path)
    export_registry(tmp_path / "first")
    empty_all_tables(engine)
    import_files([(k, tmp_path / "first" / f"{k}.csv") for k in KINDS])
    export_registry(tmp_path / "second")
    for kind in KINDS.values():
        first = (tmp_path / "first" / kind.file_name).read_bytes()
        assert (tmp_path / "second" / kind.file_name).read_bytes() == first, kind.name
