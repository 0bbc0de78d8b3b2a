"""Read Eurostat regional structural business statistics (NUTS x NACE) from the bulk TSV.

The bulk download (sbs_r_nuts06_r2 until 2020, sbs_r_nuts2021 since) has one line per series:
a first column of comma-joined dimensions (``freq,nace_r2,indic_sb,geo\\TIME_PERIOD``) and one
tab-separated column per year. A value is a number with optional flags ('123 p', '45 e') or ':'
when unavailable (': c' confidential). Both files may be gzipped.

Indicators used: persons employed (V16110 / EMP_LOC_NR) as employment, local units (V11210 /
LOC_NR) as establishments, and wages and salaries in million EUR (V13320 / WAGE_LOC_MEUR) as
payroll, converted to thousands of EUR like CBP payroll. Only one NUTS level is kept (level 2
by default: totals of levels 0 and 1 would count the same people twice), and only activities
at division level or finer (C10, C101): sections and ranges (C, B-N_S95_X_K) are totals.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from clusterbridge.analytics.mapping.crosswalk import IndustryRow
from clusterbridge.core.errors import InvalidInput, Problem

INDICATORS: dict[str, str] = {
    "V16110": "employment",
    "EMP_LOC_NR": "employment",
    "V11210": "establishments",
    "LOC_NR": "establishments",
    "V13320": "payroll",
    "WAGE_LOC_MEUR": "payroll",
}
_THOUSANDS_PER_MILLION = 1000.0
_DETAILED_ACTIVITY = re.compile(r"^[A-Z]\d{2,4}$")
_NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


@dataclass(frozen=True)
class MissingEmployment:
    """A region x activity x year that has other indicators but no persons employed."""

    region: str
    industry: str
    year: int
    flag: str
    row: int


@dataclass(frozen=True)
class EurostatFile:
    """Industry rows of a regional SBS file, and the cells left out for want of employment."""

    rows: tuple[IndustryRow, ...]
    missing_employment: tuple[MissingEmployment, ...]


@dataclass
class _Cell:
    values: dict[str, float]
    rows: dict[str, int]
    flags: dict[str, str]


def read_eurostat_sbs(
    path: Path, nuts_level: int | None = 2, years: Collection[int] | None = None
) -> EurostatFile:
    """Read a regional SBS TSV into industry rows (region = NUTS code, industry = NACE code).

    ``nuts_level=None`` keeps every region code; ``years`` keeps only those year columns. A
    non-numeric or negative value, or a series given twice, is an error naming row and year.
    """
    problems: list[Problem] = []
    cells: dict[tuple[str, str, int], _Cell] = {}
    lines = _lines(path)
    header = next(lines, "")
    dims, year_columns = _header(header, path.name)
    for line, text in enumerate(lines, start=2):
        if not text.strip():
            continue
        series = _series(text, dims, path.name, line, problems)
        if series is None:
            continue
        geo, nace, measure = series
        if not _wanted(geo, nace, nuts_level):
            continue
        for year, raw in zip(year_columns, text.rstrip("\r\n").split("\t")[1:], strict=False):
            if years is None or year in years:
                cell = cells.setdefault((geo, nace, year), _Cell({}, {}, {}))
                _store(cell, measure, raw, path.name, line, year, problems)
    if problems:
        raise InvalidInput(problems)
    return _result(cells)


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig") as handle:
            yield from handle
    else:
        with path.open(encoding="utf-8-sig") as handle:
            yield from handle


def _header(text: str, source: str) -> tuple[list[str], list[int]]:
    cells = text.rstrip("\r\n").split("\t")
    dims = [name.strip().lower() for name in cells[0].split("\\")[0].split(",")]
    problems = [
        Problem(f"the first column must name the dimension {name}", source, 1, cells[0])
        for name in ("nace_r2", "geo")
        if name not in dims
    ]
    if not any(name.startswith("indic_sb") for name in dims):
        problems.append(Problem("the first column must name indic_sb(s)", source, 1, cells[0]))
    years: list[int] = []
    for cell in cells[1:]:
        label = cell.strip()
        if not label.isdigit():
            problems.append(Problem("must be a year", source, 1, f"column {label!r}", label))
        years.append(int(label) if label.isdigit() else 0)
    if problems:
        raise InvalidInput(problems)
    return dims, years


def _series(
    text: str, dims: list[str], source: str, line: int, problems: list[Problem]
) -> tuple[str, str, str] | None:
    """The (NUTS code, NACE code, measure) of a data line, or None when the line is not wanted."""
    key = [part.strip() for part in text.split("\t", 1)[0].split(",")]
    if len(key) != len(dims):
        reason = f"has {len(key)} dimension values, the header names {len(dims)}"
        problems.append(Problem(reason, source, line, "dimensions", ",".join(key)))
        return None
    value = dict(zip(dims, key, strict=True))
    if value.get("freq", "A") != "A":
        return None
    if any(name.startswith("size") and code != "TOTAL" for name, code in value.items()):
        return None
    indicator = next(code for name, code in value.items() if name.startswith("indic_sb"))
    measure = INDICATORS.get(indicator.upper())
    if measure is None:
        return None
    return value["geo"].upper(), value["nace_r2"].upper(), measure


def _wanted(geo: str, nace: str, nuts_level: int | None) -> bool:
    level_ok = nuts_level is None or len(geo) == nuts_level + 2
    return level_ok and bool(_NUTS_CODE.match(geo)) and bool(_DETAILED_ACTIVITY.match(nace))


def _store(
    cell: _Cell,
    measure: str,
    raw: str,
    source: str,
    line: int,
    year: int,
    problems: list[Problem],
) -> None:
    text = raw.strip()
    if measure in cell.rows:
        reason = (
            f"{measure} given twice for this region, activity and year (row {cell.rows[measure]})"
        )
        problems.append(Problem(reason, source, line, str(year), text))
        return
    cell.rows[measure] = line
    if not text or text.startswith(":"):
        cell.flags[measure] = text[1:].strip()
        return
    number, _, flags = text.partition(" ")
    try:
        value = float(number)
    except ValueError:
        problems.append(Problem("must be a number or ':'", source, line, str(year), text))
        return
    if value < 0:
        problems.append(Problem("must not be negative", source, line, str(year), text))
        return
    cell.values[measure] = value
    cell.flags[measure] = flags.strip()


def _result(cells: dict[tuple[str, str, int], _Cell]) -> EurostatFile:
    rows: list[IndustryRow] = []
    missing: list[MissingEmployment] = []
    for (geo, nace, year), cell in sorted(cells.items()):
        employment = cell.values.get("employment")
        if employment is None:
            line = min(cell.rows.values())
            missing.append(
                MissingEmployment(geo, nace, year, cell.flags.get("employment", ""), line)
            )
            continue
        wages = cell.values.get("payroll", math.nan)
        rows.append(
            IndustryRow(
                region=geo,
                region_name="",
                industry=nace,
                year=year,
                employment=employment,
                establishments=cell.values.get("establishments", math.nan),
                payroll=wages * _THOUSANDS_PER_MILLION,
                row=cell.rows["employment"],
            )
        )
    return EurostatFile(tuple(rows), tuple(missing))
