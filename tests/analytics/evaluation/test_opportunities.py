"""Inter-cluster opportunities of a programme, on a hand-made registry and dataset.

Employment (one year) by region and category; RCA >= 1 marks specialisation (*):

    region   biopharma  medical  digital  logistics   specialised in
    ES51       50*        50*       5       40*       bio, med, log
    ES30       50*        50*       5       40*       bio, med, log
    ES21        5          5      100*       5        dig
    ES52        5          5      100*       5        dig

so biopharma, medical devices and logistics are co-located in the same two regions
(proximity 1) and digital with none of them. The programme has clusters in biopharma,
medical devices and digital, none in logistics: the one actionable pair is biopharma with
medical devices.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine, select

from clusterbridge.analytics.datasets.operations import DatasetInfo, load_dataset
from clusterbridge.analytics.evaluation.opportunities import programme_opportunities
from clusterbridge.analytics.evaluation.programme_map import programme_strength_map
from clusterbridge.analytics.mapping.types import Panel
from clusterbridge.analytics.reports.content import ChoroplethMap, Table
from clusterbridge.core.db import transaction
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Programme

CATEGORIES = ("biopharmaceuticals", "medical-devices", "digital-industries", "logistical-services")
NAMES = ("Biopharmaceuticals", "Medical devices", "Digital industries", "Logistical services")
EMPLOYMENT = [[50, 50, 5, 40], [50, 50, 5, 40], [5, 5, 100, 5], [5, 5, 100, 5]]


def _registry() -> None:
    def org(key: str, region: str = "ES-CT", nuts: str = "ES51") -> dict[str, str]:
        return {"external_id": key, "kind": "cluster_organisation", "name": key.upper(),
                "country": region[:2], "region": region, "nuts": nuts}  # fmt: skip

    def cluster(key: str, programme: str, focus: str) -> dict[str, str]:
        return {"organisation": key, "programme": programme, "focus_emerging_industries": focus}

    import_tables({
        "organisations": [org("agency"), org("bio"), org("med"), org("dig"),
                          org("kr", "KR-11", "")],
        "programmes": [{"external_id": "ct", "name": "Catalan", "agency": "agency"},
                       {"external_id": "kr", "name": "Korean", "agency": "agency"}],
        "clusters": [cluster("bio", "ct", "biopharmaceuticals"),
                     cluster("med", "ct", "medical-devices"),
                     cluster("dig", "ct", "digital-industries"),
                     cluster("kr", "kr", "digital-industries")],
    }, actor="test")  # fmt: skip


def _dataset() -> None:
    employment = np.array(EMPLOYMENT, dtype=float)[:, :, np.newaxis]
    panel = Panel(
        regions=("ES51", "ES30", "ES21", "ES52"), clusters=CATEGORIES, years=(2024,),
        traded=np.ones(4, dtype=bool), employment=employment,
        establishments=np.full(employment.shape, np.nan), payroll=np.full(employment.shape, np.nan),
        cluster_names=dict(zip(CATEGORIES, NAMES, strict=True)),
    )  # fmt: skip
    with transaction() as session:
        load_dataset(session, DatasetInfo("spain", "Spain", "NUTS 2"), panel, None)


def _section(name: str) -> tuple[tuple[str, ...], list[Table]]:
    with transaction() as session:
        programme_id = session.scalar(select(Programme.id).where(Programme.name == name))
        assert programme_id is not None
        section = programme_opportunities(session, programme_id)
    return section.paragraphs, [b for b in section.blocks if isinstance(b, Table)]


def test_only_pairs_of_the_programmes_own_clusters_are_proposed(engine: Engine) -> None:
    _registry()
    _dataset()
    paragraphs, (table,) = _section("Catalan")
    assert "co-location proximity in Spain" in paragraphs[0]
    assert [row[:5] for row in table.rows] == [
        ("Biopharmaceuticals", "BIO", "Medical devices", "MED", 1.0)
    ]
    assert "co-located in 2 regions" in str(table.rows[0][5])


def test_without_statistics_for_the_programmes_region_it_says_what_is_missing(
    engine: Engine,
) -> None:
    _registry()
    _dataset()
    paragraphs, tables = _section("Korean")
    assert tables == []
    assert "No stored regional statistics cover the programme's region" in paragraphs[0]


def test_a_programme_whose_categories_are_all_local_gets_a_sentence_not_an_error(
    engine: Engine,
) -> None:
    _registry()
    employment = np.array(EMPLOYMENT, dtype=float)[:, :, np.newaxis]
    panel = Panel(
        regions=("ES51", "ES30", "ES21", "ES52"), clusters=CATEGORIES, years=(2024,),
        traded=np.zeros(4, dtype=bool), employment=employment,
        establishments=np.full(employment.shape, np.nan), payroll=np.full(employment.shape, np.nan),
    )  # fmt: skip
    with transaction() as session:
        load_dataset(session, DatasetInfo("local", "Local only", "NUTS 2"), panel, None)
    paragraphs, tables = _section("Catalan")
    assert tables == []
    assert "None of the programme's clusters has a traded category in Local only" in paragraphs[0]


def test_the_programme_map_counts_the_categories_each_region_is_specialised_in(
    engine: Engine,
) -> None:
    _registry()
    _dataset()
    with transaction() as session:
        programme_id = session.scalar(select(Programme.id).where(Programme.name == "Catalan"))
        assert programme_id is not None
        section = programme_strength_map(session, programme_id, 2025)
    (chart,) = section.blocks
    assert isinstance(chart, ChoroplethMap)
    assert chart.title == "Regions specialised in the programme's categories, 2024"
    found = {value.code: (value.value, value.label) for value in chart.values}
    assert found == {
        "ES51": (2.0, "2 of 3: Biopharmaceuticals, Medical devices"),
        "ES30": (2.0, "2 of 3: Biopharmaceuticals, Medical devices"),
        "ES21": (1.0, "1 of 3: Digital industries"),
        "ES52": (1.0, "1 of 3: Digital industries"),
    }
