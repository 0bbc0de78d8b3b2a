"""The published cluster-linkage list, inter-cluster opportunities, and `mapping related`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from clusterbridge.analytics.mapping.cluster_codes import read_cluster_codes
from clusterbridge.analytics.mapping.linkage import (
    ClusterLinkage,
    LinkStrength,
    read_linkage,
    suggest_opportunities,
)
from clusterbridge.analytics.mapping.relatedness import relatedness
from clusterbridge.cli.mapping_sources import related
from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, NotFound
from tests.analytics.mapping.test_relatedness import CLUSTERS, EMPLOYMENT, REGIONS
from tests.conftest import shared_data

CODES = {"Alpha": "A", "Beta": "B", "Gamma": "C", "Delta": "D"}
LINKS = "Core Cluster,Linked Cluster,Strength\nAlpha,Delta,strong\nDelta,Alpha,lower\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _linkage(tmp_path: Path) -> ClusterLinkage:
    return read_linkage(_write(tmp_path, "links.csv", LINKS), CODES)


def test_links_are_read_from_a_workbook_by_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Strength", "Core Cluster", "Linked Cluster"])
    book.active.append(["very strong", "Beta", "Gamma"])
    book.active.append(["Lower", "Gamma", "Delta"])
    path = tmp_path / "links.xlsx"
    book.save(path)
    linkage = read_linkage(path, CODES)

    assert [(link.core, link.linked, link.strength, link.row) for link in linkage.links] == [
        ("B", "C", LinkStrength.VERY_STRONG, 2),
        ("C", "D", LinkStrength.LOWER, 3),
    ]
    assert linkage.strength("C", "B") is LinkStrength.VERY_STRONG  # either direction
    assert linkage.strength("B", "D") is None
    assert linkage.clusters == {"B", "C", "D"}


def test_a_pair_listed_both_ways_keeps_the_stronger_link(tmp_path: Path) -> None:
    assert _linkage(tmp_path).strength("D", "A") is LinkStrength.STRONG


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Alpha,Epsilon,strong",
            "row 4, column Linked Cluster: unknown cluster name (not in the cluster codes given) "
            "(value 'Epsilon')",
        ),
        (
            "Alpah,Beta,strong",
            "row 4, column Core Cluster: unknown cluster name (not in the cluster codes given); "
            "close matches: Alpha",
        ),
        ("Alpha,Beta,weak", "row 4, column Strength: strength must be one of"),
        ("Alpha,Delta,lower", "row 4, column Linked Cluster: link repeated (first on row 2)"),
    ],
)
def test_bad_links_are_refused_naming_row_and_column(
    tmp_path: Path, line: str, expected: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        read_linkage(_write(tmp_path, "links.csv", LINKS + line + "\n"), CODES)
    assert f"links.csv, {expected}" in str(error.value)


def test_links_are_coded_by_slugs_of_the_names_by_default(tmp_path: Path) -> None:
    text = "Core Cluster,Linked Cluster,Strength\nWood Products,Furniture,Strong\n"
    linkage = read_linkage(_write(tmp_path, "links.csv", text))

    assert [(link.core, link.linked) for link in linkage.links] == [("wood-products", "furniture")]
    assert linkage.names == {"wood-products": "Wood Products", "furniture": "Furniture"}
    assert linkage.strength("furniture", "wood-products") is LinkStrength.STRONG


def test_two_names_making_one_slug_are_refused(tmp_path: Path) -> None:
    text = (
        "Core Cluster,Linked Cluster,Strength\n"
        "Wood Products,Furniture,strong\nFurniture,Wood products,lower\n"
    )
    with pytest.raises(InvalidInput) as error:
        read_linkage(_write(tmp_path, "links.csv", text))
    assert (
        "links.csv, row 3, column Linked Cluster: the same code 'wood-products' as cluster "
        "'Wood Products' (value 'Wood products')"
    ) in str(error.value)


def test_links_take_the_codes_of_the_statistics_for_the_clusters_they_name(
    tmp_path: Path,
) -> None:
    text = "Core Cluster,Linked Cluster,Strength\nWood Products,Furniture,strong\n"
    linkage = read_linkage(_write(tmp_path, "links.csv", text))
    recoded = linkage.coded_as({"51": "Wood Products", "4": "Automotive"})

    assert [(link.core, link.linked) for link in recoded.links] == [("51", "furniture")]
    assert recoded.names == {"51": "Wood Products", "furniture": "Furniture"}
    with pytest.raises(ClusterBridgeError, match="cluster code 'furniture' names 'Furniture'"):
        linkage.coded_as({"furniture": "Household Furniture"})


def test_linkage_without_its_columns_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="missing column\\(s\\) Strength"):
        read_linkage(_write(tmp_path, "links.csv", "Core Cluster,Linked Cluster\n"), CODES)


def test_opportunities_for_a_region_rank_proximity_plus_link_weight(tmp_path: Path) -> None:
    # R1 is specialised in A and B (see test_relatedness), so both are anchors:
    #   A-B: proximity 1/2, both present     -> 0.5 (a cross-cluster project)
    #   B-D: proximity 1/2, no link          -> 0.5 (tie on score and proximity: anchor A first)
    #   A-D: proximity 0,   strong link 0.5  -> 0.5 (tie on score: lower proximity ranks after)
    #   A-C: proximity 1/3                   -> 1/3
    #   B-C: proximity 1/3                   -> 1/3
    found = suggest_opportunities(
        relatedness(EMPLOYMENT, REGIONS, CLUSTERS),
        _linkage(tmp_path),
        region="R1",
        cluster_names={"D": "Delta cluster"},
    )

    assert [(o.anchor, o.related) for o in found] == [
        ("A", "B"),
        ("B", "D"),
        ("A", "D"),
        ("A", "C"),
        ("B", "C"),
    ]
    assert [o.score for o in found] == pytest.approx([1 / 2, 1 / 2, 1 / 2, 1 / 3, 1 / 3])
    joint, path, linked = found[0], found[1], found[2]
    assert joint.reasons == (
        "co-located in 1 region (proximity 0.50)",
        "R1 is already specialised in Beta (RCA 2.67): a cross-cluster project",
    )
    assert (path.related_name, path.co_located_regions, path.link) == ("Delta cluster", 1, None)
    assert path.related_density == pytest.approx(3 / 7)
    assert path.reasons == (
        "co-located in 1 region (proximity 0.50)",
        "R1 is not yet specialised in Delta cluster (RCA 0.00, relatedness density 0.43): "
        "a diversification path",
    )
    assert linked.link is LinkStrength.STRONG
    assert linked.reasons[0] == "published linkage strength strong"
    assert linked.anchor_name == "Alpha"  # names from the linkage file


def test_opportunities_from_a_programmes_clusters_and_top(tmp_path: Path) -> None:
    found = suggest_opportunities(relatedness(EMPLOYMENT, REGIONS, CLUSTERS), anchors=["C"], top=2)
    # From C: D 2/3, A 1/3, B 1/3 -> the two best are D, then A (code order breaks the tie).
    assert [(o.related, round(o.proximity, 4)) for o in found] == [("D", 0.6667), ("A", 0.3333)]
    assert found[0].reasons == ("co-located in 2 regions (proximity 0.67)",)
    assert found[0].related_rca is None


def test_opportunities_from_the_linkage_list_alone(tmp_path: Path) -> None:
    found = suggest_opportunities(None, _linkage(tmp_path), anchors=["D"])
    assert [(o.related, o.score, o.reasons) for o in found] == [
        ("A", 0.5, ("published linkage strength strong",))
    ]


def test_two_clusters_of_a_programme_make_a_cross_cluster_project() -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)
    found = suggest_opportunities(result, anchors=["A", "C"])
    # C-D 2/3, A-B 1/2, A-C 1/3 (both anchors, listed once), C-B 1/3; A-D has proximity 0.
    assert [(o.anchor, o.related) for o in found] == [
        ("C", "D"),
        ("A", "B"),
        ("A", "C"),
        ("C", "B"),
    ]
    assert found[2].reasons == (
        "co-located in 1 region (proximity 0.33)",
        "both clusters are in the programme: a cross-cluster project",
    )
    in_region = suggest_opportunities(result, region="R2")
    assert [(o.anchor, o.related) for o in in_region] == [(o.anchor, o.related) for o in found]
    assert in_region[0].reasons[-1].startswith("R2 is not yet specialised in D (RCA 0.00")
    assert in_region[2].reasons[-1] == (
        "R2 is already specialised in C (RCA 1.45): a cross-cluster project"
    )


def test_opportunities_need_something_to_start_from(tmp_path: Path) -> None:
    result = relatedness(EMPLOYMENT, REGIONS, CLUSTERS)
    with pytest.raises(ClusterBridgeError, match="co-location statistics or a linkage list"):
        suggest_opportunities(None, None, anchors=["A"])
    with pytest.raises(ClusterBridgeError, match="no cluster given"):
        suggest_opportunities(result)
    with pytest.raises(ClusterBridgeError, match="a region's clusters come from statistics"):
        suggest_opportunities(None, _linkage(tmp_path), region="R1")
    with pytest.raises(NotFound, match="region 'R9'"):
        suggest_opportunities(result, region="R9")
    empty = relatedness(np.zeros((2, 2)), ["X", "Y"], ["A", "B"])
    with pytest.raises(ClusterBridgeError, match="region 'X' is specialised in no cluster"):
        suggest_opportunities(empty, region="X")


def test_published_linkage_list() -> None:
    path = shared_data("us-cluster-mapping", "ClusterLinkage.xlsx")
    codes = read_cluster_codes(shared_data("us-cluster-mapping", "states-2016", "regions.csv"))
    linkage = read_linkage(path, codes)

    assert len(linkage.links) == 203
    assert len(linkage.clusters) == 48
    assert linkage.strength("4", "32") is LinkStrength.VERY_STRONG  # Automotive, Metalworking
    assert linkage.strength("51", "21") is LinkStrength.STRONG  # Wood Products, Furniture
    assert linkage.strength("1", "30") is LinkStrength.LOWER  # Aerospace, Medical Devices
    slugged = read_linkage(path)
    assert len(slugged.links) == 203
    assert len(slugged.clusters) == 48
    assert slugged.strength("automotive", "metalworking-technology") is LinkStrength.VERY_STRONG


LONG_CSV_HEADER = (
    "region,region_name,cluster,cluster_name,cluster_type,year,employment,establishments,payroll\n"
)


def _long_csv(tmp_path: Path) -> Path:
    """The hand example of test_relatedness as the long CSV, plus one local cluster."""
    lines = [
        f"{region},Region {region},{cluster},Cluster {cluster},traded,2016,{value:g},1,10"
        for r, region in enumerate(REGIONS)
        for c, cluster in enumerate(CLUSTERS)
        if (value := EMPLOYMENT[r, c]) > 0
    ]
    lines += [f"{region},Region {region},L,Local,local,2016,5,1,1" for region in REGIONS]
    return _write(tmp_path, "regions.csv", LONG_CSV_HEADER + "\n".join(lines) + "\n")


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("related")(related)
    app.command("other")(lambda: None)
    return app


def test_related_command_prints_and_writes_opportunities(tmp_path: Path) -> None:
    out = tmp_path / "opportunities.csv"
    linkage = _write(
        tmp_path, "links.csv", "Core Cluster,Linked Cluster,Strength\nCluster A,Cluster D,strong\n"
    )
    args = ["related", "--regions", str(_long_csv(tmp_path)), "--region", "R1"]
    result = CliRunner().invoke(_app(), [*args, "--linkage", str(linkage), "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert "Inter-cluster opportunities for R1" in result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["anchor"], r["related"], r["score"], r["link"]) for r in rows] == [
        ("A", "B", "0.5000", ""),
        ("B", "D", "0.5000", ""),
        ("A", "D", "0.5000", "strong"),
        ("A", "C", "0.3333", ""),
        ("B", "C", "0.3333", ""),
    ]
    assert rows[1]["related_density"] == "0.4286"
    assert rows[1]["related_name"] == "Cluster D"
    assert "Wrote 5 opportunities" in result.output


def test_related_command_reports_an_unknown_region_cleanly(tmp_path: Path) -> None:
    args = ["related", "--regions", str(_long_csv(tmp_path)), "--region", "R9"]
    result = CliRunner().invoke(_app(), args)

    assert result.exit_code == 1
    assert "region 'R9' is not in the statistics" in result.output
    assert "Traceback" not in result.output


def test_related_command_codes_linked_clusters_the_statistics_lack(tmp_path: Path) -> None:
    text = (
        "Core Cluster,Linked Cluster,Strength\n"
        "Cluster A,Cluster D,strong\nCluster C,Space Economy,very strong\n"
    )
    linkage = _write(tmp_path, "links.csv", text)
    args = ["related", "--regions", str(_long_csv(tmp_path)), "--cluster", "C"]
    out = tmp_path / "opportunities.csv"

    result = CliRunner().invoke(_app(), [*args, "--linkage", str(linkage), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    # From C: the published link (1.0) to a cluster the statistics lack, coded by its slug.
    assert [(r["related"], r["related_name"], r["score"]) for r in rows[:2]] == [
        ("space-economy", "Space Economy", "1.0000"),
        ("D", "Cluster D", "0.6667"),
    ]

    codes = _write(tmp_path, "codes.csv", "cluster,cluster_name\nS9,Space Economy\n")
    with_codes = [*args, "--linkage", str(linkage), "--cluster-codes", str(codes)]
    result = CliRunner().invoke(_app(), [*with_codes, "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["related"] == "S9"

    other = _write(tmp_path, "other.csv", "cluster,cluster_name\n9,Tobacco\n")
    result = CliRunner().invoke(
        _app(), [*args, "--linkage", str(linkage), "--cluster-codes", str(other)]
    )
    assert result.exit_code == 1
    assert "links.csv, row 3, column Linked Cluster: unknown cluster name" in result.output
    assert "Traceback" not in result.output


def test_related_command_prints_names_with_brackets_as_they_are(tmp_path: Path) -> None:
    text = _long_csv(tmp_path).read_text(encoding="utf-8").replace("Cluster B", "Cluster [/]B")
    regions = _write(tmp_path, "brackets.csv", text.replace("Cluster C", "Cluster [bold]C"))
    result = CliRunner().invoke(_app(), ["related", "--regions", str(regions), "--region", "R1"])

    assert result.exit_code == 0, result.output
    assert "Cluster [/]B" in result.output
    assert "Cluster [bold]C" in result.output
