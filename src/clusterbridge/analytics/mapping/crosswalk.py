"""Crosswalks from industries (NAICS, NACE) to cluster categories; industry rows summed into them.

Statistics are published by industry; cluster mapping needs them by cluster category. A
:class:`Crosswalk` says which cluster each industry belongs to; :func:`aggregate` sums the
industry rows of a CBP or Eurostat file into a :class:`~.types.Panel`. Industries the crosswalk
does not place are returned with their employment (never dropped silently), because real files
always hold some (new NAICS codes, government, private households) and the user must see how much.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from clusterbridge.analytics.mapping.cluster_codes import cluster_code, missing_code_reason
from clusterbridge.analytics.mapping.types import ClusterType, FloatArray, Panel
from clusterbridge.core.errors import InvalidInput, Problem

# Workbook headers (lower case, letters and digits only) that name each crosswalk column.
_XLSX_COLUMNS = {
    "industry": ("naics", "naicscode", "industry", "industrycode"),
    "cluster_type": ("tradedlocal", "clustertype", "type"),
    "cluster_name": ("cluster", "clustername"),
    "subcluster": ("subcluster", "subclustername"),
}
_CSV_COLUMNS = ("industry", "cluster", "cluster_name", "cluster_type")
_NOT_A_CLUSTER = {"", "NA", "N/A"}


@dataclass(frozen=True, slots=True)
class IndustryRow:
    """One statistics row of one industry in one region and year; NaN marks an unpublished value.

    ``row`` is the line of the source file, so a problem found later can still name it.
    """

    region: str
    region_name: str
    industry: str
    year: int
    employment: float
    establishments: float
    payroll: float
    row: int


@dataclass(frozen=True)
class ClusterCategory:
    """A cluster category of the crosswalk: its code, name and traded/local type."""

    code: str
    name: str
    type: ClusterType


@dataclass(frozen=True)
class CrosswalkEntry:
    """Where one industry belongs: its cluster and, when the crosswalk says, its subcluster."""

    industry: str
    cluster: ClusterCategory
    subcluster: str | None
    row: int


@dataclass(frozen=True)
class Crosswalk:
    """Industry code -> cluster category, plus industries the source deliberately leaves out.

    ``excluded`` maps such industries (government, private households) to the reason, so
    :func:`aggregate` can report them apart from codes the crosswalk has never heard of.
    """

    entries: Mapping[str, CrosswalkEntry]
    excluded: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    @property
    def clusters(self) -> tuple[ClusterCategory, ...]:
        """Every cluster category the crosswalk uses, in code order (numeric codes numerically)."""
        unique = {entry.cluster.code: entry.cluster for entry in self.entries.values()}
        return tuple(unique[code] for code in sorted(unique, key=_code_order))

    def entry(self, industry: str) -> CrosswalkEntry | None:
        """The crosswalk entry of an industry code as any source writes it, or None."""
        return self.entries.get(industry_code(industry))


@dataclass(frozen=True)
class UnmatchedIndustry:
    """An industry found in the statistics but not placed in any cluster, with what it held."""

    industry: str
    reason: str
    employment: float
    rows: int
    first_row: int


@dataclass(frozen=True)
class Aggregation:
    """Industry rows summed into clusters, and the industries (with employment) left outside."""

    panel: Panel
    clusters: tuple[ClusterCategory, ...]
    unmatched: tuple[UnmatchedIndustry, ...]

    @property
    def unmatched_employment(self) -> float:
        """Employment of all industries left outside the clusters."""
        return float(sum(item.employment for item in self.unmatched))


def industry_code(value: object) -> str:
    """An industry code in canonical form: upper case, no dots or spaces ('c10.1' -> 'C101')."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().upper().replace(".", "").replace(" ", "")


def read_crosswalk(path: Path, cluster_codes: Mapping[str, str] | None = None) -> Crosswalk:
    """Read the NAICS workbook (.xlsx, see :func:`read_naics_crosswalk`) or a crosswalk CSV
    (see :func:`read_crosswalk_csv`, which carries its own codes: ``cluster_codes`` is refused)."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return read_naics_crosswalk(path, cluster_codes)
    if cluster_codes is not None:
        reason = "a crosswalk CSV codes its clusters itself; cluster codes apply to a workbook"
        raise InvalidInput([Problem(reason, path.name)])
    return read_crosswalk_csv(path)


def read_naics_crosswalk(path: Path, cluster_codes: Mapping[str, str] | None = None) -> Crosswalk:
    """Read the NAICS -> cluster workbook, finding the sheet and columns by their headers.

    The workbook names clusters: each is coded by ``cluster_codes`` (name -> code) when given,
    a name it lacks being an error, else by a slug of its name ("automotive"). Rows whose
    cluster is 'NA' or a government service are outside the cluster system: they go to
    ``excluded``. A bad type or a repeated industry is an error too.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            found = _find_header(rows)
            if found is not None:
                return _crosswalk_from_rows(_Builder(path.name), rows, *found, cluster_codes)
    finally:
        book.close()
    raise InvalidInput(
        [Problem("no sheet has the columns NAICS, TradedLocal and Cluster", path.name)]
    )


def read_crosswalk_csv(path: Path) -> Crosswalk:
    """Read a crosswalk CSV with columns industry, cluster, cluster_name, cluster_type (and
    optionally subcluster), e.g. a NACE -> cluster table a programme keeps for Europe."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        missing = [name for name in _CSV_COLUMNS if name not in header]
        if missing:
            raise InvalidInput([Problem(f"missing column(s) {', '.join(missing)}", path.name, 1)])
        records = [
            {key.strip().lower(): (value or "").strip() for key, value in record.items() if key}
            for record in reader
        ]
    builder = _Builder(path.name)
    for line, record in enumerate(records, start=2):
        empty = [name for name in ("industry", "cluster", "cluster_name") if not record[name]]
        for name in empty:
            builder.problem("is empty", line, name, "")
        cluster_type = builder.cluster_type(record["cluster_type"], line, "cluster_type")
        if cluster_type is None or empty:
            continue
        category = ClusterCategory(record["cluster"], record["cluster_name"], cluster_type)
        builder.add(record["industry"], category, record.get("subcluster") or None, line)
    return builder.finish()


def _find_header(rows: list[tuple[object, ...]]) -> tuple[int, dict[str, int]] | None:
    for at, row in enumerate(rows[:10]):
        names = ["".join(ch for ch in str(cell or "").lower() if ch.isalnum()) for cell in row]
        columns = {
            key: names.index(alias)
            for key, aliases in _XLSX_COLUMNS.items()
            for alias in aliases
            if alias in names
        }
        if {"industry", "cluster_type", "cluster_name"} <= columns.keys():
            return at, columns
    return None


def _crosswalk_from_rows(
    builder: _Builder,
    rows: list[tuple[object, ...]],
    header_at: int,
    columns: dict[str, int],
    cluster_codes: Mapping[str, str] | None,
) -> Crosswalk:
    for at in range(header_at + 1, len(rows)):
        row, line = rows[at], at + 1
        cell = {key: row[index] if index < len(row) else None for key, index in columns.items()}
        if all(value in (None, "") for value in cell.values()):
            continue
        industry = industry_code(cell["industry"] or "")
        name = str(cell["cluster_name"] or "").strip()
        if name.upper() in _NOT_A_CLUSTER or name.endswith("Government Services"):
            builder.excluded[industry] = f"outside the cluster system ({name or 'no cluster'})"
            continue
        cluster_type = builder.cluster_type(str(cell["cluster_type"] or ""), line, "TradedLocal")
        code = cluster_code(name, cluster_codes)
        if code is None:
            builder.problem(missing_code_reason(cluster_codes), line, "Cluster", name)
        if code is None or cluster_type is None:
            continue
        subcluster = str(cell.get("subcluster") or "").strip() or None
        builder.add(industry, ClusterCategory(code, name, cluster_type), subcluster, line)
    return builder.finish()


class _Builder:
    """Collects crosswalk entries and every problem, so one run reports all of them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.entries: dict[str, CrosswalkEntry] = {}
        self.excluded: dict[str, str] = {}
        self.categories: dict[str, ClusterCategory] = {}
        self.problems: list[Problem] = []

    def problem(self, reason: str, line: int, column: str, value: str) -> None:
        self.problems.append(Problem(reason, self.source, line, column, value))

    def cluster_type(self, value: str, line: int, column: str) -> ClusterType | None:
        try:
            return ClusterType(value.strip().lower())
        except ValueError:
            self.problem("cluster type must be 'traded' or 'local'", line, column, value)
            return None

    def add(
        self, industry: str, category: ClusterCategory, subcluster: str | None, line: int
    ) -> None:
        code = industry_code(industry)
        first = self.entries.get(code)
        if first is not None:
            self.problem(f"industry repeated (first on row {first.row})", line, "industry", code)
            return
        known = self.categories.setdefault(category.code, category)
        if known != category:
            reason = f"cluster {category.code} is elsewhere {known.name!r} ({known.type})"
            self.problem(reason, line, "cluster", f"{category.name} ({category.type})")
            return
        self.entries[code] = CrosswalkEntry(code, category, subcluster, line)

    def finish(self) -> Crosswalk:
        if self.problems:
            raise InvalidInput(self.problems)
        if not self.entries:
            raise InvalidInput([Problem("the crosswalk maps no industry", self.source)])
        return Crosswalk(self.entries, self.excluded, self.source)


def aggregate(
    rows: Iterable[IndustryRow], crosswalk: Crosswalk, source: str | None = None
) -> Aggregation:
    """Sum industry rows into a region x cluster x year panel through the crosswalk.

    Negative values and a repeated (region, industry, year) are errors naming the row. A cell
    with no industry row stays NaN; an unpublished payroll or establishment count makes its
    cluster's total NaN too (a partial sum would understate it silently).
    """
    rows = list(rows)
    _check_rows(rows, source)
    clusters = crosswalk.clusters
    regions = sorted({row.region for row in rows})
    years = sorted({row.year for row in rows})
    at_region = {code: at for at, code in enumerate(regions)}
    at_cluster = {category.code: at for at, category in enumerate(clusters)}
    at_year = {year: at for at, year in enumerate(years)}
    index: list[tuple[int, int, int]] = []
    values: list[tuple[float, float, float]] = []
    unmatched: dict[str, list[float]] = {}  # industry -> [employment, rows, first row]
    for row in rows:
        entry = crosswalk.entry(row.industry)
        if entry is None:
            tally = unmatched.setdefault(industry_code(row.industry), [0.0, 0, row.row])
            tally[0], tally[1] = tally[0] + row.employment, tally[1] + 1
            continue
        index.append((at_region[row.region], at_cluster[entry.cluster.code], at_year[row.year]))
        values.append((row.employment, row.establishments, row.payroll))
    sums = _sum_cells((len(regions), len(clusters), len(years)), index, values)
    panel = Panel(
        regions=tuple(regions),
        clusters=tuple(category.code for category in clusters),
        years=tuple(years),
        traded=np.array([category.type is ClusterType.TRADED for category in clusters]),
        employment=sums[0],
        establishments=sums[1],
        payroll=sums[2],
        region_names={row.region: row.region_name for row in rows if row.region_name},
        cluster_names={category.code: category.name for category in clusters},
    )
    return Aggregation(panel, clusters, _unmatched_list(unmatched, crosswalk))


def _sum_cells(
    shape: tuple[int, int, int],
    index: list[tuple[int, int, int]],
    values: list[tuple[float, float, float]],
) -> list[FloatArray]:
    seen = np.zeros(shape, dtype=bool)
    sums = [np.zeros(shape, dtype=np.float64) for _ in range(3)]
    if index:
        where = tuple(np.array(index, dtype=np.intp).T)
        data = np.array(values, dtype=np.float64)
        seen[where] = True
        for measure in range(3):
            np.add.at(sums[measure], where, data[:, measure])
    for total in sums:
        total[~seen] = np.nan
    return sums


def _unmatched_list(
    unmatched: Mapping[str, list[float]], crosswalk: Crosswalk
) -> tuple[UnmatchedIndustry, ...]:
    items = [
        UnmatchedIndustry(
            industry=code,
            reason=crosswalk.excluded.get(code, "not in the crosswalk"),
            employment=tally[0],
            rows=int(tally[1]),
            first_row=int(tally[2]),
        )
        for code, tally in unmatched.items()
    ]
    return tuple(sorted(items, key=lambda item: (-item.employment, item.industry)))


def _check_rows(rows: list[IndustryRow], source: str | None) -> None:
    problems: list[Problem] = []
    first_row: dict[tuple[str, str, int], int] = {}
    for row in rows:
        for column in ("employment", "establishments", "payroll"):
            value = getattr(row, column)
            if value < 0:
                problems.append(
                    Problem("must not be negative", source, row.row, column, f"{value:g}")
                )
        key = (row.region, industry_code(row.industry), row.year)
        first = first_row.setdefault(key, row.row)
        if first != row.row:
            reason = f"same region, industry and year as row {first}"
            problems.append(Problem(reason, source, row.row, "industry", key[1]))
    if problems:
        raise InvalidInput(problems)


def _code_order(code: str) -> tuple[int, int, str]:
    return (0, int(code), "") if code.isdigit() else (1, 0, code)
