"""The map of a programme report: in how many of the programme's categories each region is
specialised (LQ at least 1), from the stored statistics that cover the programme's region."""

from __future__ import annotations

import math

from sqlalchemy.orm import Session

from clusterbridge.analytics.datasets import queries
from clusterbridge.analytics.evaluation.opportunities import (
    clusters_by_code,
    dataset_for,
    home_regions,
)
from clusterbridge.analytics.mapping.strength import measure_strength
from clusterbridge.analytics.reports.content import ChoroplethMap, RegionValue, Section

HEADING = "Regional cluster strength"


def programme_strength_map(session: Session, programme_id: int, year: int) -> Section:
    """A map counting, per region, the programme's categories it is specialised in."""
    clusters = clusters_by_code(session, programme_id)
    source = dataset_for(session, home_regions(session, programme_id), sorted(clusters))
    if source is None:
        return Section(HEADING, (
            "No stored regional statistics cover the programme's region and its clusters' "
            "categories (load some with `clusterbridge mapping load`).",
        ))  # fmt: skip
    dataset = queries.dataset_info(session, source[0])
    panel, reference = queries.dataset_panel(session, dataset)
    result = measure_strength(panel, reference)
    earlier = [y for y in panel.years if y <= year]
    shown = earlier[-1] if earlier else panel.years[-1]
    y = panel.years.index(shown)
    categories = [c for c, code in enumerate(panel.clusters) if code in clusters]
    values = []
    for r, region in enumerate(panel.regions):
        lqs = [float(result.lq[r, c, y]) for c in categories]
        specialised = [
            panel.cluster_names.get(panel.clusters[c], panel.clusters[c])
            for c, lq in zip(categories, lqs, strict=True)
            if not math.isnan(lq) and lq >= 1
        ]
        label = f"{len(specialised)} of {len(categories)}: " + (", ".join(specialised) or "none")
        name = panel.region_names.get(region, region)
        values.append(RegionValue(region, name, float(len(specialised)), label))
    chart = ChoroplethMap(
        title=f"Regions specialised in the programme's categories, {shown}",
        legend="Categories with LQ of at least 1",
        values=tuple(values),
        thresholds=(1.0, 2.0, 3.0, 5.0),
        geometry=queries.dataset_geometry(session, dataset),
    )
    text = (
        f"From {dataset.name}: for each region, how many of the {len(categories)} categories "
        "the programme's clusters work in are more concentrated there than in the reference "
        "economy."
    )
    return Section(HEADING, (text,), (chart,))
