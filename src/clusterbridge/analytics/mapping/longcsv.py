"""Read regional statistics and a reference economy from long CSV files into typed arrays.

The formats are those of the U.S. Cluster Mapping extracts (``regions.csv``: one row per
region, cluster and year; ``reference.csv``: one row per cluster, optionally per year). Files
may be UTF-8 with a byte-order mark and use ``,`` or ``;`` as delimiter. Everything is checked
before anything is returned; every problem names the file, the row as a spreadsheet shows it
(the header is row 1), the column and the value.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clusterbridge.analytics.mapping.types import ClusterType, Panel, Reference
from clusterbridge.core.errors import InvalidInput, Problem

REGION_COLUMNS = (
    "region",
    "region_name",
    "cluster",
    "cluster_name",
    "cluster_type",
    "year",
    "employment",
    "establishments",
    "payroll",
)
REFERENCE_COLUMNS = ("cluster", "cluster_type", "employment")
OPTIONAL_REFERENCE_COLUMNS = ("year",)
CLUSTER_TYPES = ", ".join(kind.value for kind in ClusterType)


@dataclass
class _Problems:
    """Problems found so far in one file."""

    file: str
    found: list[Problem] = field(default_factory=list)

    def add(
        self,
        reason: str,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.found.append(Problem(reason, file=self.file, row=row, column=column, value=value))

    def raise_if_any(self) -> None:
        if self.found:
            raise InvalidInput(self.found)


def _records(path: Path, problems: _Problems) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and the numbered non-blank data rows of a CSV file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput([Problem("file not found", file=problems.file)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(
            [Problem(f"cannot read the file ({error})", file=problems.file)]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in next(reader, [])]
    rows = (
        (number, row)
        for number, row in enumerate(reader, start=2)
        if any(cell.strip() for cell in row)
    )
    return header, rows


def _check_header(
    header: list[str], required: tuple[str, ...], optional: tuple[str, ...], problems: _Problems
) -> None:
    for name in required:
        if name not in header:
            problems.add("missing column", row=1, column=name)
    for name in header:
        if name not in required and name not in optional:
            problems.add("unexpected column", row=1, column=name or "(blank)")
    for name in {name for name in header if header.count(name) > 1}:
        problems.add("column appears more than once", row=1, column=name)
    problems.raise_if_any()


def _number(
    cell: dict[str, str], column: str, row: int, problems: _Problems, required: bool
) -> float:
    """A non-negative finite number, NaN when blank and allowed to be."""
    text = cell[column].strip()
    if not text:
        if required:
            problems.add("a value is required", row=row, column=column, value=text)
        return math.nan
    try:
        value = float(text)
    except ValueError:
        problems.add("not a number", row=row, column=column, value=text)
        return math.nan
    if not math.isfinite(value):
        problems.add("not a finite number", row=row, column=column, value=text)
        return math.nan
    if value < 0:
        problems.add("must not be negative", row=row, column=column, value=text)
    return value


def _year(cell: dict[str, str], row: int, problems: _Problems) -> int | None:
    text = cell["year"].strip()
    try:
        return int(text)
    except ValueError:
        problems.add("not a whole year", row=row, column="year", value=text)
        return None


def _cluster_type(cell: dict[str, str], row: int, problems: _Problems) -> ClusterType | None:
    text = cell["cluster_type"].strip()
    try:
        return ClusterType(text.lower())
    except ValueError:
        problems.add(
            f"unknown cluster type (one of {CLUSTER_TYPES})",
            row=row,
            column="cluster_type",
            value=text,
        )
        return None


def _code(cell: dict[str, str], column: str, row: int, problems: _Problems) -> str:
    text = cell[column].strip()
    if not text:
        problems.add("a code is required", row=row, column=column, value=text)
    return text


@dataclass
class _PanelRows:
    """The rows of a regions file, gathered before they become arrays."""

    regions: dict[str, int] = field(default_factory=dict)
    region_names: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, int] = field(default_factory=dict)
    cluster_names: dict[str, str] = field(default_factory=dict)
    cluster_types: dict[str, tuple[ClusterType, int]] = field(default_factory=dict)
    cells: dict[tuple[str, str, int], tuple[int, float, float, float]] = field(default_factory=dict)

    def same_as_before(
        self,
        known: dict[str, str],
        key: str,
        value: str,
        column: str,
        row: int,
        problems: _Problems,
    ) -> None:
        earlier = known.setdefault(key, value)
        if earlier != value:
            problems.add(
                f"differs from an earlier row for {key!r} ({earlier!r})",
                row=row,
                column=column,
                value=value,
            )


def _gather_panel_row(
    cell: dict[str, str], row: int, rows: _PanelRows, problems: _Problems
) -> None:
    region, cluster = _code(cell, "region", row, problems), _code(cell, "cluster", row, problems)
    kind, year = _cluster_type(cell, row, problems), _year(cell, row, problems)
    employment = _number(cell, "employment", row, problems, required=True)
    establishments = _number(cell, "establishments", row, problems, required=False)
    payroll = _number(cell, "payroll", row, problems, required=False)
    rows.same_as_before(
        rows.region_names, region, cell["region_name"].strip(), "region_name", row, problems
    )
    rows.same_as_before(
        rows.cluster_names, cluster, cell["cluster_name"].strip(), "cluster_name", row, problems
    )
    if kind is not None:
        earlier_kind, earlier_row = rows.cluster_types.setdefault(cluster, (kind, row))
        if earlier_kind != kind:
            problems.add(
                f"cluster {cluster!r} was {earlier_kind.value} in row {earlier_row}",
                row=row,
                column="cluster_type",
                value=kind.value,
            )
    rows.regions.setdefault(region, len(rows.regions))
    rows.clusters.setdefault(cluster, len(rows.clusters))
    if year is None:
        return
    key = (region, cluster, year)
    if key in rows.cells:
        problems.add(
            f"duplicates row {rows.cells[key][0]} (same region, cluster and year)",
            row=row,
            column="region",
            value=f"{region}, {cluster}, {year}",
        )
        return
    rows.cells[key] = (row, employment, establishments, payroll)


def _panel_from_rows(rows: _PanelRows) -> Panel:
    years = tuple(sorted({year for _, _, year in rows.cells}))
    year_index = {year: index for index, year in enumerate(years)}
    shape = (len(rows.regions), len(rows.clusters), len(years))
    arrays = [np.full(shape, np.nan) for _ in range(3)]
    for (region, cluster, year), (_, *values) in rows.cells.items():
        at = (rows.regions[region], rows.clusters[cluster], year_index[year])
        for array, value in zip(arrays, values, strict=True):
            array[at] = value
    traded = np.array(
        [rows.cluster_types[c][0] is ClusterType.TRADED for c in rows.clusters], dtype=np.bool_
    )
    return Panel(
        regions=tuple(rows.regions),
        clusters=tuple(rows.clusters),
        years=years,
        traded=traded,
        employment=arrays[0],
        establishments=arrays[1],
        payroll=arrays[2],
        region_names=dict(rows.region_names),
        cluster_names=dict(rows.cluster_names),
    )


def _read_panel_rows(path: Path) -> _PanelRows:
    problems = _Problems(path.name)
    header, records = _records(path, problems)
    _check_header(header, REGION_COLUMNS, (), problems)
    rows = _PanelRows()
    for number, values in records:
        if len(values) != len(header):
            problems.add(f"has {len(values)} fields, the header has {len(header)}", row=number)
            continue
        _gather_panel_row(dict(zip(header, values, strict=True)), number, rows, problems)
    if not rows.cells and not problems.found:
        problems.add("the file has no data rows")
    problems.raise_if_any()
    return rows


def read_panel(path: Path) -> Panel:
    """Read a regions file (columns of :data:`REGION_COLUMNS`) into a :class:`Panel`.

    Region and cluster codes stay strings exactly as written ("01" stays "01"); regions and
    clusters keep the order of their first row, years are sorted.
    """
    return _panel_from_rows(_read_panel_rows(path))


@dataclass
class _ReferenceRows:
    """The rows of a reference file: each cluster's type and employment by year (or all years)."""

    types: dict[str, tuple[ClusterType, int]] = field(default_factory=dict)
    employment: dict[tuple[str, int | None], tuple[int, float]] = field(default_factory=dict)


def _read_reference_rows(path: Path) -> _ReferenceRows:
    problems = _Problems(path.name)
    header, records = _records(path, problems)
    _check_header(header, REFERENCE_COLUMNS, OPTIONAL_REFERENCE_COLUMNS, problems)
    rows = _ReferenceRows()
    for number, values in records:
        if len(values) != len(header):
            problems.add(f"has {len(values)} fields, the header has {len(header)}", row=number)
            continue
        cell = dict(zip(header, values, strict=True))
        cluster, kind = (
            _code(cell, "cluster", number, problems),
            _cluster_type(cell, number, problems),
        )
        employment = _number(cell, "employment", number, problems, required=True)
        year = _year(cell, number, problems) if "year" in cell else None
        if kind is not None:
            rows.types.setdefault(cluster, (kind, number))
        key = (cluster, year)
        if key in rows.employment:
            problems.add(
                f"duplicates row {rows.employment[key][0]}",
                row=number,
                column="cluster",
                value=cluster,
            )
        rows.employment.setdefault(key, (number, employment))
    if not rows.employment and not problems.found:
        problems.add("the file has no data rows")
    problems.raise_if_any()
    return rows


def _check_reference_clusters(
    panel_rows: _PanelRows, reference: _ReferenceRows, files: tuple[str, str]
) -> list[Problem]:
    regions_file, reference_file = files
    problems: list[Problem] = []
    for cluster, (kind, first_row) in panel_rows.cluster_types.items():
        if cluster not in reference.types:
            problems.append(
                Problem(
                    f"unknown cluster code: {reference_file} has no row for it",
                    file=regions_file,
                    row=first_row,
                    column="cluster",
                    value=cluster,
                )
            )
            continue
        other, row = reference.types[cluster]
        if other != kind:
            problems.append(
                Problem(
                    f"cluster {cluster!r} is {kind.value} in {regions_file} (row {first_row})",
                    file=reference_file,
                    row=row,
                    column="cluster_type",
                    value=other.value,
                )
            )
    return problems


def _with_clusters(panel: Panel, extra: list[str], extra_traded: list[bool]) -> Panel:
    """The panel with clusters it has no rows for (all NaN), so reference totals stay whole."""
    if not extra:
        return panel
    pad = np.full((len(panel.regions), len(extra), len(panel.years)), np.nan)
    return Panel(
        regions=panel.regions,
        clusters=panel.clusters + tuple(extra),
        years=panel.years,
        traded=np.concatenate([panel.traded, np.array(extra_traded, dtype=np.bool_)]),
        employment=np.concatenate([panel.employment, pad], axis=1),
        establishments=np.concatenate([panel.establishments, pad], axis=1),
        payroll=np.concatenate([panel.payroll, pad], axis=1),
        region_names=panel.region_names,
        cluster_names=panel.cluster_names,
    )


def _align_reference(panel: Panel, reference: _ReferenceRows, file: str) -> tuple[Panel, Reference]:
    extra = [cluster for cluster in reference.types if cluster not in panel.clusters]
    panel = _with_clusters(
        panel, extra, [reference.types[c][0] is ClusterType.TRADED for c in extra]
    )
    employment = np.full((len(panel.clusters), len(panel.years)), np.nan)
    problems = _Problems(file)
    for c, cluster in enumerate(panel.clusters):
        for y, year in enumerate(panel.years):
            found = reference.employment.get((cluster, year)) or reference.employment.get(
                (cluster, None)
            )
            if found is None:
                problems.add(
                    f"no row for cluster {cluster!r} in year {year}",
                    column="year",
                    value=f"{cluster}, {year}",
                )
                continue
            employment[c, y] = found[1]
            regions_total = float(np.nansum(panel.employment[:, c, y]))
            if found[1] == 0 and regions_total > 0:
                # Published figures may sum above the nation (estimates of suppressed cells);
                # only a zero reference makes the LQ meaningless (infinite).
                problems.add(
                    f"the reference economy has no employment in {cluster!r} ({year}) but the "
                    f"regions have {regions_total:,.0f}: every LQ would be infinite",
                    row=found[0], column="employment", value=f"{found[1]:g}",
                )  # fmt: skip
    problems.raise_if_any()
    return panel, Reference(employment=employment)


def read_statistics(regions: Path, reference: Path | None = None) -> tuple[Panel, Reference | None]:
    """Read a regions file and, when given, its reference economy aligned with it.

    Reference clusters the regions file does not list are added to the panel without rows, so
    the reference's traded and local totals stay whole. Without a reference file the result's
    reference is None (the measures then use the sum of the panel's regions).
    """
    panel_rows = _read_panel_rows(regions)
    panel = _panel_from_rows(panel_rows)
    if reference is None:
        return panel, None
    reference_rows = _read_reference_rows(reference)
    problems = _check_reference_clusters(panel_rows, reference_rows, (regions.name, reference.name))
    if problems:
        raise InvalidInput(problems)
    return _align_reference(panel, reference_rows, reference.name)
