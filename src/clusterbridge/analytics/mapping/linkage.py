"""The published cluster-linkage list, and inter-cluster opportunities for a region or programme.

The U.S. Cluster Mapping links each cluster to related ones (ClusterLinkage.xlsx: core cluster,
linked cluster, strength 'very strong', 'strong' or 'lower'). Together with co-location
relatedness (:mod:`.relatedness`) it proposes pairs (a cluster the region or programme has, a
related cluster) worth a joint project or a diversification effort.

Ranking is deliberately simple so it can be explained: ``score = proximity + link weight``,
where proximity is the co-location proximity (0 to 1) and the link weight is 1 for a very
strong published link, 0.5 for strong, 0.25 for lower and 0 for none. Each opportunity carries
its reasons in words.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from clusterbridge.analytics.mapping.cluster_codes import cluster_code, missing_code_reason
from clusterbridge.analytics.mapping.relatedness import Relatedness
from clusterbridge.core.errors import ClusterBridgeError, InvalidInput, Problem


class LinkStrength(StrEnum):
    """How strongly the published list links two clusters."""

    VERY_STRONG = "very strong"
    STRONG = "strong"
    LOWER = "lower"


LINK_WEIGHTS: Mapping[LinkStrength, float] = {
    LinkStrength.VERY_STRONG: 1.0,
    LinkStrength.STRONG: 0.5,
    LinkStrength.LOWER: 0.25,
}
_HEADERS = {"corecluster": "core", "linkedcluster": "linked", "strength": "strength"}
_LABELS = {"core": "Core Cluster", "linked": "Linked Cluster", "strength": "Strength"}


@dataclass(frozen=True)
class ClusterLink:
    """One published link from a core cluster to a linked cluster (cluster codes)."""

    core: str
    linked: str
    strength: LinkStrength
    row: int


@dataclass(frozen=True)
class ClusterLinkage:
    """The published links; :meth:`strength` looks a pair up in either direction."""

    links: tuple[ClusterLink, ...]
    names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _by_pair(self) -> dict[frozenset[str], LinkStrength]:
        pairs: dict[frozenset[str], LinkStrength] = {}
        for link in self.links:
            key = frozenset((link.core, link.linked))
            known = pairs.get(key)
            if known is None or LINK_WEIGHTS[link.strength] > LINK_WEIGHTS[known]:
                pairs[key] = link.strength
        return pairs

    @property
    def clusters(self) -> frozenset[str]:
        """Every cluster code named by a link."""
        return frozenset(code for link in self.links for code in (link.core, link.linked))

    def strength(self, first: str, second: str) -> LinkStrength | None:
        """The strongest published link between two clusters, whichever is the core, or None."""
        return self._by_pair.get(frozenset((first, second)))

    def coded_as(self, cluster_names: Mapping[str, str]) -> ClusterLinkage:
        """The same links with each cluster named in ``cluster_names`` (code -> name, e.g. a
        regions file's) under that code; other clusters keep theirs. A clash is an error."""
        by_name = {name: code for code, name in cluster_names.items()}
        own = {code: self.names.get(code, code) for code in self.clusters}
        recode = {code: by_name.get(name, code) for code, name in own.items()}
        for code, name in own.items():
            other = cluster_names.get(recode[code])
            if other is not None and other != name:
                raise ClusterBridgeError(
                    f"cluster code {code!r} names {name!r} in the linkage list but {other!r} "
                    "in the statistics: give both the same codes"
                )
        links = tuple(
            replace(link, core=recode[link.core], linked=recode[link.linked]) for link in self.links
        )
        return ClusterLinkage(links, {recode[code]: name for code, name in own.items()})


def read_linkage(path: Path, cluster_codes: Mapping[str, str] | None = None) -> ClusterLinkage:
    """Read ClusterLinkage.xlsx (or a CSV with the same headers) into links between cluster codes.

    Clusters are named in the file and coded through ``cluster_codes`` (name -> code) when
    given, else by slugs of their names ("automotive"). A name the mapping lacks, an unknown
    strength or a repeated link is an error naming row and column.
    """
    rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _xlsx_rows(path)
    header = ["".join(ch for ch in str(cell or "").lower() if ch.isalnum()) for cell in rows[0]]
    columns = {_HEADERS[name]: at for at, name in enumerate(header) if name in _HEADERS}
    if len(columns) < len(_HEADERS):
        missing = [_LABELS[key] for key in _LABELS if key not in columns]
        raise InvalidInput([Problem(f"missing column(s) {', '.join(missing)}", path.name, 1)])
    problems: list[Problem] = []
    links: list[ClusterLink] = []
    names = {code: name for name, code in (cluster_codes or {}).items()}
    seen: dict[tuple[str, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        cells = {key: str(row[at] or "").strip() for key, at in columns.items() if at < len(row)}
        if not any(cells.values()):
            continue
        link = _link(cells, line, cluster_codes, names, (path.name, problems))
        if link is None:
            continue
        first = seen.setdefault((link.core, link.linked), line)
        if first != line:
            reason = f"link repeated (first on row {first})"
            problems.append(Problem(reason, path.name, line, _LABELS["linked"], cells["linked"]))
        else:
            links.append(link)
    if problems:
        raise InvalidInput(problems)
    return ClusterLinkage(tuple(links), names)


def _xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            if rows and any("core" in str(cell or "").lower() for cell in rows[0]):
                return rows
    finally:
        book.close()
    raise InvalidInput([Problem("no sheet has a 'Core Cluster' column", path.name)])


def _csv_rows(path: Path) -> list[tuple[object, ...]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows: list[tuple[object, ...]] = [tuple(row) for row in csv.reader(handle)]
    if not rows:
        raise InvalidInput([Problem("the file is empty", path.name)])
    return rows


def _link(
    cells: Mapping[str, str],
    line: int,
    cluster_codes: Mapping[str, str] | None,
    names: dict[str, str],
    report: tuple[str, list[Problem]],
) -> ClusterLink | None:
    """One link from a row's cells; its clusters' names go to ``names``, its problems to the
    list of ``report`` (source, problems)."""
    source, problems = report
    codes: dict[str, str] = {}
    for key in ("core", "linked"):
        name = cells.get(key, "")
        code, why_not = _code(name, cluster_codes, names)
        if code is None:
            problems.append(Problem(why_not, source, line, _LABELS[key], name))
        else:
            codes[key] = code
    try:
        strength = LinkStrength(cells.get("strength", "").lower())
    except ValueError:
        known = ", ".join(repr(item.value) for item in LinkStrength)
        reason = f"strength must be one of {known}"
        problems.append(Problem(reason, source, line, _LABELS["strength"], cells.get("strength")))
        return None
    if len(codes) < 2:
        return None
    return ClusterLink(codes["core"], codes["linked"], strength, line)


def _code(
    name: str, cluster_codes: Mapping[str, str] | None, names: dict[str, str]
) -> tuple[str | None, str]:
    """A cluster's code (noted in ``names``), or None and why not; two names making the same
    slug are refused, as they would silently become one cluster."""
    code = cluster_code(name, cluster_codes)
    if code is None:
        close = difflib.get_close_matches(name, list(cluster_codes or ()), n=3)
        hint = f"; close matches: {', '.join(close)}" if close else ""
        return None, missing_code_reason(cluster_codes) + hint
    known = names.setdefault(code, name)
    if cluster_codes is None and known != name:
        return None, f"the same code {code!r} as cluster {known!r}"
    return code, ""


@dataclass(frozen=True)
class Opportunity:
    """A cluster the region or programme has (``anchor``) and a related cluster, with why.

    ``related_rca`` and ``related_density`` describe the region's position in the related
    cluster (None without a region): specialised already means a cross-cluster project,
    not yet specialised with a high density means a plausible diversification path.
    """

    anchor: str
    anchor_name: str
    related: str
    related_name: str
    score: float
    proximity: float
    co_located_regions: int
    link: LinkStrength | None
    related_rca: float | None
    related_density: float | None
    reasons: tuple[str, ...]


def suggest_opportunities(
    relatedness: Relatedness | None = None,
    linkage: ClusterLinkage | None = None,
    *,
    region: str | None = None,
    anchors: Collection[str] = (),
    cluster_names: Mapping[str, str] | None = None,
    top: int = 10,
) -> list[Opportunity]:
    """Rank (anchor, related cluster) pairs by ``proximity + link weight``, best first.

    Anchors are the clusters ``region`` is specialised in (RCA >= 1, needs ``relatedness``)
    plus any given ``anchors`` (a programme's clusters). A pair of two anchors (listed once)
    is a cross-cluster project; an anchor and another cluster, a diversification path. Pairs
    with neither co-location nor a published link are left out; ties go to the higher
    proximity, then to code order.
    """
    if relatedness is None and linkage is None:
        raise ClusterBridgeError("relatedness needs co-location statistics or a linkage list")
    names = {**(linkage.names if linkage else {}), **(cluster_names or {})}
    chosen = _anchors(relatedness, region, anchors)
    universe = set(relatedness.clusters if relatedness else ()) | (
        linkage.clusters if linkage else frozenset()
    )
    found = [
        _opportunity(anchor, other, relatedness, linkage, region, names, other in chosen)
        for anchor in sorted(chosen)
        for other in sorted(universe | chosen)
        if other != anchor and not (other in chosen and other < anchor)
    ]
    ranked = sorted(
        (item for item in found if item is not None),
        key=lambda item: (-item.score, -item.proximity, item.anchor, item.related),
    )
    return ranked[:top]


def _anchors(
    relatedness: Relatedness | None, region: str | None, anchors: Collection[str]
) -> set[str]:
    chosen = set(anchors)
    if region is not None:
        if relatedness is None:
            raise ClusterBridgeError("a region's clusters come from statistics: add them")
        row = relatedness.region_index(region)
        chosen |= {
            code for at, code in enumerate(relatedness.clusters) if relatedness.specialised[row, at]
        }
    if not chosen:
        where = f"region {region!r} is specialised in no cluster" if region else "no cluster given"
        raise ClusterBridgeError(f"{where}: name the programme's clusters to start from")
    return chosen


def _opportunity(
    anchor: str,
    other: str,
    relatedness: Relatedness | None,
    linkage: ClusterLinkage | None,
    region: str | None,
    names: Mapping[str, str],
    both_anchors: bool,
) -> Opportunity | None:
    proximity, together = _co_location(relatedness, anchor, other)
    link = linkage.strength(anchor, other) if linkage else None
    if proximity <= 0 and link is None:
        return None
    regions = "region" if together == 1 else "regions"
    reasons = (
        [f"co-located in {together} {regions} (proximity {proximity:.2f})"] if together else []
    )
    if link is not None:
        reasons.append(f"published linkage strength {link.value}")
    rca = density = None
    if region is not None and relatedness is not None and other in relatedness.clusters:
        row, column = relatedness.region_index(region), relatedness.cluster_index(other)
        rca, density = float(relatedness.rca[row, column]), float(relatedness.density[row, column])
        has = bool(relatedness.specialised[row, column])
        reasons.append(_position(region, names.get(other, other), has, rca, density))
    elif both_anchors:
        reasons.append("both clusters are in the programme: a cross-cluster project")
    return Opportunity(
        anchor=anchor,
        anchor_name=names.get(anchor, anchor),
        related=other,
        related_name=names.get(other, other),
        score=proximity + (LINK_WEIGHTS[link] if link else 0.0),
        proximity=proximity,
        co_located_regions=together,
        link=link,
        related_rca=rca,
        related_density=density,
        reasons=tuple(reasons),
    )


def _co_location(relatedness: Relatedness | None, first: str, second: str) -> tuple[float, int]:
    """Proximity of two clusters and the number of regions specialised in both (0, 0 if unknown)."""
    if relatedness is None or not {first, second} <= set(relatedness.clusters):
        return 0.0, 0
    i, j = relatedness.cluster_index(first), relatedness.cluster_index(second)
    return float(relatedness.proximity[i, j]), int(relatedness.co_located[i, j])


def _position(region: str, name: str, specialised: bool, rca: float, density: float) -> str:
    if specialised:
        return f"{region} is already specialised in {name} (RCA {rca:.2f}): a cross-cluster project"
    return (
        f"{region} is not yet specialised in {name} (RCA {rca:.2f}, relatedness density "
        f"{density:.2f}): a diversification path"
    )
