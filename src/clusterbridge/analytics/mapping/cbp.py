"""Read U.S. County Business Patterns files (cbpYYco.txt by county, cbpYYst.txt by state).

CBP is the source of the U.S. Cluster Mapping statistics: employment (mid-March), establishments
and annual payroll (thousands of USD) by 6-digit NAICS industry. Rows whose NAICS code holds '-'
or '/' ('31----', '3361//') are sector or subsector totals and are skipped, so nothing is counted
twice. State files break some rows down by legal form (lfo); only 'all establishments' is kept.

Suppressed employment (emp 0 with noise flag D or S, or an empflag size class) is estimated as
the midpoint of the size class CBP publishes in empflag (class M, 100,000 or more, counts as
100,000); without a class the published figure (normally 0) is kept. Each such cell is listed in
:attr:`CbpFile.suppressed`. A suppressed payroll (flag D or S) is unpublished: NaN.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from clusterbridge.analytics.mapping.crosswalk import IndustryRow
from clusterbridge.core.errors import InvalidInput, Problem

# empflag size classes of suppressed employment: (lowest, highest) employees.
SIZE_CLASSES: dict[str, tuple[int, int]] = {
    "A": (0, 19),
    "B": (20, 99),
    "C": (100, 249),
    "E": (250, 499),
    "F": (500, 999),
    "G": (1_000, 2_499),
    "H": (2_500, 4_999),
    "I": (5_000, 9_999),
    "J": (10_000, 24_999),
    "K": (25_000, 49_999),
    "L": (50_000, 99_999),
    "M": (100_000, 100_000),
}
_WITHHELD = {"D", "S"}
_REQUIRED = ("fipstate", "naics", "emp", "est", "ap")

# State FIPS codes and names, for the region_name of state files.
STATE_NAMES: dict[str, str] = {
    "01": "Alabama",
    "02": "Alaska",
    "04": "Arizona",
    "05": "Arkansas",
    "06": "California",
    "08": "Colorado",
    "09": "Connecticut",
    "10": "Delaware",
    "11": "District of Columbia",
    "12": "Florida",
    "13": "Georgia",
    "15": "Hawaii",
    "16": "Idaho",
    "17": "Illinois",
    "18": "Indiana",
    "19": "Iowa",
    "20": "Kansas",
    "21": "Kentucky",
    "22": "Louisiana",
    "23": "Maine",
    "24": "Maryland",
    "25": "Massachusetts",
    "26": "Michigan",
    "27": "Minnesota",
    "28": "Mississippi",
    "29": "Missouri",
    "30": "Montana",
    "31": "Nebraska",
    "32": "Nevada",
    "33": "New Hampshire",
    "34": "New Jersey",
    "35": "New Mexico",
    "36": "New York",
    "37": "North Carolina",
    "38": "North Dakota",
    "39": "Ohio",
    "40": "Oklahoma",
    "41": "Oregon",
    "42": "Pennsylvania",
    "44": "Rhode Island",
    "45": "South Carolina",
    "46": "South Dakota",
    "47": "Tennessee",
    "48": "Texas",
    "49": "Utah",
    "50": "Vermont",
    "51": "Virginia",
    "53": "Washington",
    "54": "West Virginia",
    "55": "Wisconsin",
    "56": "Wyoming",
    "72": "Puerto Rico",
}


@dataclass(frozen=True, slots=True)
class SuppressedCell:
    """A CBP cell whose employment was withheld, and the estimate used in its place."""

    region: str
    industry: str
    size_class: str | None
    estimate: float
    row: int


@dataclass(frozen=True)
class CbpFile:
    """The 6-digit industry rows of a CBP file, the suppressed cells, and the skipped totals."""

    rows: tuple[IndustryRow, ...]
    suppressed: tuple[SuppressedCell, ...]
    aggregate_rows_skipped: int


def read_cbp(path: Path, year: int) -> CbpFile:
    """Read a CBP county or state file (comma-separated, header row) into industry rows.

    The region is the 2-digit state FIPS code, or state + 3-digit county FIPS in a county file.
    Every problem (missing column, non-numeric or negative value, repeated row) is reported
    with its row and column; nothing is returned until the whole file is clean.
    """
    reader = _Reader(path.name, year)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = csv.reader(handle)
        header = [name.strip().lower() for name in next(records, [])]
        missing = [name for name in _REQUIRED if name not in header]
        if missing:
            raise InvalidInput([Problem(f"missing column(s) {', '.join(missing)}", path.name, 1)])
        naics_at = header.index("naics")
        for line, values in enumerate(records, start=2):
            if len(values) <= naics_at:
                continue
            code = values[naics_at].strip()
            if len(code) != 6 or not code.isdigit():
                reader.skipped += 1  # a sector or subsector total such as 31---- or 3361//
                continue
            reader.read(dict(zip(header, [value.strip() for value in values], strict=False)), line)
    if reader.problems:
        raise InvalidInput(reader.problems)
    return CbpFile(tuple(reader.rows), tuple(reader.suppressed), reader.skipped)


class _Reader:
    """Turns CBP records into industry rows, collecting every problem instead of the first."""

    def __init__(self, source: str, year: int) -> None:
        self.source = source
        self.year = year
        self.rows: list[IndustryRow] = []
        self.suppressed: list[SuppressedCell] = []
        self.problems: list[Problem] = []
        self.skipped = 0
        self.first_row: dict[tuple[str, str], int] = {}
        self.regions: dict[tuple[str, str | None], str] = {}

    def read(self, record: dict[str, str], line: int) -> None:
        naics = record["naics"]
        if record.get("lfo", "-") not in ("-", ""):
            return
        key = (record["fipstate"], record.get("fipscty"))
        region = self.regions.get(key) or self._region(record, line)
        values = [self._number(record, column, line) for column in ("emp", "est", "ap")]
        if region is None or None in values:
            return
        employment, establishments, payroll = (value or 0.0 for value in values)
        if record.get("ap_nf", "") in _WITHHELD:
            payroll = math.nan
        if record.get("emp_nf", "") in _WITHHELD or record.get("empflag", ""):
            employment = self._estimate(region, naics, record.get("empflag", ""), employment, line)
        first = self.first_row.setdefault((region, naics), line)
        if first != line:
            reason = f"same region and industry as row {first}"
            self.problems.append(Problem(reason, self.source, line, "naics", naics))
            return
        name = STATE_NAMES.get(region, "") if len(region) == 2 else ""
        self.rows.append(
            IndustryRow(region, name, naics, self.year, employment, establishments, payroll, line)
        )

    def _region(self, record: dict[str, str], line: int) -> str | None:
        state = record["fipstate"]
        county = record.get("fipscty")
        parts = [(state, 2, "fipstate")] + ([(county, 3, "fipscty")] if county is not None else [])
        for value, width, column in parts:
            if not value.isdigit() or len(value) > width:
                self.problems.append(
                    Problem(f"must be a {width}-digit FIPS code", self.source, line, column, value)
                )
                return None
        region = "".join(value.zfill(width) for value, width, _ in parts)
        self.regions[state, county] = region
        return region

    def _number(self, record: dict[str, str], column: str, line: int) -> float | None:
        text = record.get(column, "")
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isnan(value) or value < 0:
            reason = "must not be negative" if value < 0 else "must be a number"
            self.problems.append(Problem(reason, self.source, line, column, text))
            return None
        return value

    def _estimate(self, region: str, naics: str, flag: str, published: float, line: int) -> float:
        size = SIZE_CLASSES.get(flag.upper())
        estimate = (size[0] + size[1]) / 2 if size else published
        self.suppressed.append(SuppressedCell(region, naics, flag or None, estimate, line))
        return estimate
