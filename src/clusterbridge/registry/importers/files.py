"""Reading the spreadsheets people really have: CSV (UTF-8, comma, semicolon or tab) and XLSX.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row 2.
Problems with the file itself (encoding, quoting, size) are reported as :class:`Problem` values.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from clusterbridge.core.errors import InvalidInput, Problem

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_CELL_CHARS = 20_000


@dataclass
class Table:
    """The header and rows of one file; ``rows`` holds (row number, values by column)."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(path: Path, *, display_name: str | None = None) -> Table:
    """Read a CSV, CSV.GZ or XLSX file; raise :class:`InvalidInput` if it cannot be read whole."""
    name = display_name or path.name
    if not path.is_file():
        raise InvalidInput([Problem("file not found", file=str(path))])
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise InvalidInput([Problem(f"file is larger than {limit} MB", file=name)])
    data = path.read_bytes()
    return read_table_bytes(data, name)


def read_table_bytes(data: bytes, name: str) -> Table:
    """Read a file given as bytes (an upload), telling XLSX from CSV by content."""
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, name)
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name)
    return _read_csv(data, name)


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        out = gzip.decompress(data)
    except (OSError, EOFError) as error:
        raise InvalidInput(
            [Problem(f"damaged or truncated gzip file ({error})", file=name)]
        ) from None
    if len(out) > MAX_FILE_BYTES:
        raise InvalidInput([Problem("file is too large once decompressed", file=name)])
    return out


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        reason = (
            f"text is not UTF-8 (byte 0x{data[error.start]:02x}); "
            "save the file as 'CSV UTF-8' and import it again"
        )
        raise InvalidInput([Problem(reason, file=name, row=line)]) from None


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    if "\x00" in text:
        raise InvalidInput([Problem("file contains NUL bytes: not a text CSV file", file=name)])
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line), strict=True
    )
    try:
        records = list(_numbered(reader))
    except csv.Error as error:
        raise InvalidInput(
            [Problem(f"malformed CSV ({error})", file=name, row=reader.line_num)]
        ) from None
    return _to_table(records, name)


def _numbered(reader: Any) -> list[tuple[int, list[str]]]:
    out = []
    for values in reader:
        out.append((reader.line_num, values))
        if len(out) > MAX_ROWS + 1:
            break
    return out


def _read_xlsx(data: bytes, name: str) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise InvalidInput(
            [Problem(f"not a readable XLSX workbook ({error})", file=name)]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        records = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            records.append((number, [_cell_text(value) for value in cells]))
            if number > MAX_ROWS + 1:
                break
    finally:
        workbook.close()
    return _to_table(records, name)


def _cell_text(value: object) -> str:
    """Spreadsheet cells to the text a CSV would hold (dates ISO, whole numbers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _to_table(records: list[tuple[int, list[str]]], name: str) -> Table:
    records = [(n, v) for n, v in records if any(cell.strip() for cell in v)]
    if not records:
        raise InvalidInput([Problem("file is empty: a header row is required", file=name)])
    if len(records) > MAX_ROWS + 1:
        raise InvalidInput([Problem(f"file has more than {MAX_ROWS:,} rows", file=name)])
    header_row, raw_header = records[0]
    header = [cell.strip().lower() for cell in raw_header]
    while header and not header[-1]:
        header.pop()
    problems = _header_problems(header, name, header_row)
    table = Table(name=name, header=header)
    for number, values in records[1:]:
        extra = values[len(header) :]
        if any(cell.strip() for cell in extra):
            reason = f"row has {len(values)} values but the header has {len(header)} columns"
            problems.append(Problem(reason, file=name, row=number))
            continue
        row = {col: (values[i].strip() if i < len(values) else "") for i, col in enumerate(header)}
        long = [col for col, cell in row.items() if len(cell) > MAX_CELL_CHARS]
        problems += [
            Problem(
                f"value longer than {MAX_CELL_CHARS:,} characters", file=name, row=number, column=c
            )
            for c in long
        ]
        table.rows.append((number, row))
    if problems:
        raise InvalidInput(problems)
    return table


def _header_problems(header: list[str], name: str, row: int) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, column in enumerate(header, start=1):
        if not column:
            problems.append(
                Problem(f"column {index} has no name in the header", file=name, row=row)
            )
        elif column in seen:
            problems.append(
                Problem("column appears twice in the header", file=name, row=row, column=column)
            )
        seen.add(column)
    return problems
