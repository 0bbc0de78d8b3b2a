"""Searching organisations ignores letter case and accents in every script, on every backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from clusterbridge.core.db import transaction
from clusterbridge.registry import queries
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.importers.tables import import_files
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.search import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Clúster de l'Automoció", "cluster de l'automocio"),
        ("ÇA VA  Straße", "ca va strasse"),
        ("한국배터리산업협회", "한국배터리산업협회"),
        ("  ÀREA\tMetropolitana ", "area metropolitana"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def names(q: str) -> list[str]:
    with transaction() as session:
        page = queries.search_organisations(session, queries.OrganisationFilter(q=q))
    return sorted(item.name for item in page.items)


def test_search_ignores_case_and_accents(engine: Engine, tmp_path: Path) -> None:
    csv = tmp_path / "o.csv"
    csv.write_text(
        "external_id,kind,name,city,offers\n"
        "A,cluster_organisation,Clúster de l'Automoció de Catalunya,Barcelona,\n"
        "B,company,ÇA VA ENVASOS SL,Sabadell,Recyclable packaging\n"
        "C,company,한빛배터리,Ansan,Battery cells\n",
        encoding="utf-8",
    )
    import_files([("organisations", csv)])  # bulk insert path
    with transaction() as session:  # ORM path
        session.add(
            Organisation(external_id="D", kind=OrganisationKind.STARTUP, name="Àrea Robòtica")
        )
    assert names("automocio") == ["Clúster de l'Automoció de Catalunya"]
    assert names("ça va") == ["ÇA VA ENVASOS SL"]
    assert names("PACKAGING sabadell") == ["ÇA VA ENVASOS SL"]
    assert names("배터리") == ["한빛배터리"]
    assert names("AREA robotica") == ["Àrea Robòtica"]
    assert names("100%") == []


def test_search_text_follows_edits(engine: Engine) -> None:
    with transaction() as session:
        session.add(Organisation(external_id="E", kind=OrganisationKind.COMPANY, name="Old Name"))
    with transaction() as session:
        org = session.scalars(select(Organisation)).one()
        org.name = "Nou Nom Ràpid"
    assert names("rapid") == ["Nou Nom Ràpid"]
    assert names("old") == []
