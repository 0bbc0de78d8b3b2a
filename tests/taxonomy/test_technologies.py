"""The technology vocabulary and the emerging industries."""

from __future__ import annotations

import pytest

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import emerging_industry, entries, technology


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("additive-manufacturing", "additive-manufacturing"),
        ("Additive manufacturing", "additive-manufacturing"),
        ("ADDITIVE MANUFACTURING", "additive-manufacturing"),
        ("3D printing", "additive-manufacturing"),
        ("3d-printing", "additive-manufacturing"),
        ("IoT", "internet-of-things"),
        ("IIoT", "industrial-internet"),
        ("AI", "artificial-intelligence"),
        ("Micro- and nanoelectronics", "micro-nanoelectronics"),
        ("fuel cells", "hydrogen-fuel-cells"),
        ("e-mobility", "electric-mobility"),
        ("5G", "advanced-connectivity"),
        ("KETs", "ket"),
        ("Industry 4.0", "industry-4.0"),
    ],
)
def test_technology_accepts_slug_label_and_synonyms(value: str, expected: str) -> None:
    assert technology(value) == expected


def test_misspelt_slug_suggests_the_nearest_slug() -> None:
    with pytest.raises(UnknownCode) as caught:
        technology("adittive-manufacturing")
    assert caught.value.vocabulary == "technology"
    assert caught.value.suggestions[0] == "additive-manufacturing"
    assert len(caught.value.suggestions) <= 5


def test_vocabulary_covers_industry_4_0_and_the_kets() -> None:
    table = {entry.code: entry for entry in entries("technology")}
    for slug in (
        "internet-of-things",
        "cloud-computing",
        "big-data-analytics",
        "robotics-automation",
        "augmented-virtual-reality",
        "cybersecurity",
        "digital-twins",
        "blockchain",
        "edge-computing",
        "sensors",
        "advanced-materials",
        "photonics",
        "nanotechnology",
        "industrial-biotechnology",
        "battery-technology",
        "semiconductors",
        "quantum-technologies",
        "space-technology",
        "precision-agriculture",
    ):
        assert table[slug].level == 2, slug
    assert table["advanced-manufacturing"].parent == "ket"
    assert table["additive-manufacturing"].parent == "industry-4.0"


def test_every_technology_belongs_to_a_group() -> None:
    table = {entry.code: entry for entry in entries("technology")}
    groups = {code for code, entry in table.items() if entry.level == 1}
    members = [entry for entry in table.values() if entry.level == 2]
    assert 60 <= len(members) <= 110
    assert all(entry.parent in groups for entry in members)
    assert all(entry.parent is None for entry in table.values() if entry.level == 1)


def test_emerging_industries_are_the_ten_of_the_observatory() -> None:
    slugs = [entry.code for entry in entries("emerging")]
    assert len(slugs) == 10
    assert slugs == [
        "advanced-packaging",
        "biopharmaceuticals",
        "blue-growth-industries",
        "creative-industries",
        "digital-industries",
        "environmental-industries",
        "experience-industries",
        "logistical-services",
        "medical-devices",
        "mobility-technologies",
    ]


def test_emerging_industry_accepts_slug_and_label() -> None:
    assert emerging_industry("blue-growth-industries") == "blue-growth-industries"
    assert emerging_industry("Blue growth industries") == "blue-growth-industries"
    assert emerging_industry("Medical Devices") == "medical-devices"
    with pytest.raises(UnknownCode) as caught:
        emerging_industry("Mobility technology")
    assert caught.value.vocabulary == "emerging industry"
    assert caught.value.suggestions[0] == "mobility-technologies"
