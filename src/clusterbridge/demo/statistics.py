"""Synthetic regional statistics for the demo: employment by emerging industry in Spain's NUTS 2
regions and Korea's provinces, 2019-2024, so mapping pages and cluster reports have data.

Region sizes follow the real order of magnitude of each region's employment; the
specialisations (Catalonia in biopharmaceuticals and mobility, Ulsan in mobility, Seoul in
digital industries...) are plausible, not measured. Every figure is invented.
"""

from __future__ import annotations

from random import Random

import numpy as np

from clusterbridge.analytics.datasets.operations import DatasetInfo
from clusterbridge.analytics.mapping.types import Panel
from clusterbridge.taxonomy import emerging_industry, region_name
from clusterbridge.taxonomy.emerging import emerging_entries

YEARS = tuple(range(2019, 2025))
OTHER_TRADED = ("other-traded", "Other traded industries")
LOCAL = ("local", "Local industries")

# region code: employment in thousands, {emerging industry: specialisation factor}
SPAIN: dict[str, tuple[int, dict[str, float]]] = {
    "ES11": (1100, {"blue-growth-industries": 3.0, "mobility-technologies": 1.6}),
    "ES12": (380, {"environmental-industries": 1.8}),
    "ES13": (250, {"blue-growth-industries": 1.5}),
    "ES21": (950, {"mobility-technologies": 2.2, "environmental-industries": 1.9}),
    "ES22": (300, {"mobility-technologies": 2.4, "environmental-industries": 2.0}),
    "ES23": (140, {"advanced-packaging": 2.1}),
    "ES24": (600, {"logistical-services": 2.3, "mobility-technologies": 1.7}),
    "ES30": (3300, {"digital-industries": 2.1, "creative-industries": 1.8}),
    "ES41": (950, {"mobility-technologies": 1.5}),
    "ES42": (850, {"logistical-services": 1.4}),
    "ES43": (400, {}),
    "ES51": (
        3500,
        {
            "biopharmaceuticals": 2.4,
            "mobility-technologies": 1.9,
            "advanced-packaging": 2.2,
            "creative-industries": 1.6,
            "medical-devices": 2.1,
            "digital-industries": 1.4,
        },
    ),
    "ES52": (2200, {"advanced-packaging": 1.6, "experience-industries": 1.5}),
    "ES53": (550, {"experience-industries": 3.2}),
    "ES61": (3200, {"experience-industries": 1.5, "environmental-industries": 1.2}),
    "ES62": (650, {"advanced-packaging": 1.5}),
    "ES63": (30, {"logistical-services": 1.4}),
    "ES64": (30, {}),
    "ES70": (900, {"experience-industries": 2.8, "blue-growth-industries": 1.4}),
}
KOREA: dict[str, tuple[int, dict[str, float]]] = {
    "KR-11": (
        5100,
        {"digital-industries": 2.3, "creative-industries": 2.2, "experience-industries": 1.4},
    ),
    "KR-26": (1700, {"logistical-services": 2.5, "blue-growth-industries": 2.6}),
    "KR-27": (1250, {"medical-devices": 2.2}),
    "KR-28": (1600, {"logistical-services": 2.0, "biopharmaceuticals": 1.9}),
    "KR-29": (740, {"mobility-technologies": 1.5}),
    "KR-30": (770, {"digital-industries": 1.5, "medical-devices": 1.4}),
    "KR-31": (570, {"mobility-technologies": 3.1, "blue-growth-industries": 2.0}),
    "KR-41": (
        7300,
        {"digital-industries": 1.8, "mobility-technologies": 1.6, "biopharmaceuticals": 1.3},
    ),
    "KR-42": (800, {"medical-devices": 1.9, "experience-industries": 1.5}),
    "KR-43": (900, {"biopharmaceuticals": 2.4, "digital-industries": 1.3}),
    "KR-44": (1200, {"mobility-technologies": 1.7, "digital-industries": 1.4}),
    "KR-45": (950, {"environmental-industries": 1.6}),
    "KR-46": (1000, {"blue-growth-industries": 1.8, "environmental-industries": 1.5}),
    "KR-47": (1450, {"mobility-technologies": 1.5, "environmental-industries": 1.3}),
    "KR-48": (1700, {"mobility-technologies": 1.8, "blue-growth-industries": 1.6}),
    "KR-49": (390, {"experience-industries": 3.0}),
    "KR-50": (200, {}),
}
BASE_SHARE = 0.02  # of a region's employment, for each emerging industry before specialisation


def demo_statistics(seed: int = 2026) -> list[tuple[DatasetInfo, Panel]]:
    """The two demo datasets, the same for the same seed."""
    return [
        (
            DatasetInfo(
                "demo-spain-nuts2",
                "Spain: employment by emerging industry (demo)",
                "NUTS 2",
                "Synthetic demo data",
            ),
            _panel(SPAIN, {code: region_name(code) for code in SPAIN}, Random(seed)),
        ),
        (
            DatasetInfo(
                "demo-korea-provinces",
                "Korea: employment by emerging industry (demo)",
                "province (ISO 3166-2)",
                "Synthetic demo data",
            ),
            _panel(KOREA, {code: region_name(code) for code in KOREA}, Random(seed + 1)),
        ),
    ]


def _panel(
    regions: dict[str, tuple[int, dict[str, float]]], names: dict[str, str], rng: Random
) -> Panel:
    categories = [(e.code, e.label) for e in emerging_entries()] + [OTHER_TRADED, LOCAL]
    shape = (len(regions), len(categories), len(YEARS))
    employment = np.zeros(shape)
    for r, (size, special) in enumerate(regions.values()):
        for c, (code, _) in enumerate(categories[:-2]):
            emerging_industry(code)  # the categories are the registry's own codes
            level = size * 1000 * BASE_SHARE * special.get(code, rng.uniform(0.3, 1.1))
            growth = rng.uniform(-0.02, 0.06) + (0.02 if code in special else 0.0)
            employment[r, c] = [
                level * (1 + growth) ** y * rng.uniform(0.97, 1.03) for y in range(len(YEARS))
            ]
        emerging = employment[r, :-2].sum(axis=0)
        employment[r, -2] = np.maximum(size * 1000 * 0.33 - emerging, size * 1000 * 0.05)
        employment[r, -1] = size * 1000 * 0.55 * np.linspace(1.0, 1.05, len(YEARS))
    employment = np.round(employment)
    sizes = np.array([rng.uniform(6, 25) for _ in range(len(categories))])
    establishments = np.maximum(1.0, np.round(employment / sizes[None, :, None]))
    wages = np.array([rng.uniform(24, 48) for _ in range(len(categories))])
    payroll = np.round(employment * wages[None, :, None])
    traded = np.array([True] * (len(categories) - 1) + [False])
    return Panel(
        regions=tuple(regions),
        clusters=tuple(code for code, _ in categories),
        years=YEARS,
        traded=traded,
        employment=employment,
        establishments=establishments,
        payroll=payroll,
        region_names=names,
        cluster_names=dict(categories),
    )
