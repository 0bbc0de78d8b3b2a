"""Read a CSV file, gzipped or plain, as numbered rows; whatever cannot be read becomes a
:class:`Problem` instead of an exception, so a bad file is reported, never half-imported.

Row numbers follow the spreadsheet convention: the header is row 1 and the first data row is
row 2 (a record whose quoted cells span several lines is still one row).
"""

from __future__ import annotations

import csv
import gzip
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from clusterbridge.core.errors import Problem

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while an import runs."""

PROGRESS_EVERY = 4096  # rows between progress reports while reading
GZIP_MAGIC = b"\x1f\x8b"


def read_table(
    path: Path, needed: tuple[str, ...], problems: list[Problem], progress: Progress
) -> Iterator[tuple[int, list[str], dict[str, int]]]:
    """Yield (row number, cells, column index) for each data row of the header's width.

    A missing needed column stops the reading of the file (its rows cannot be checked);
    rows of the wrong width are reported and skipped; blank lines are skipped.
    """
    file = str(path)
    index: dict[str, int] | None = None
    width = 0
    for row, cells in _records(path, problems, progress):
        if index is None:
            index = _header(cells, needed, file, problems)
            if index is None:
                return
            width = len(cells)
        elif not cells:
            continue
        elif len(cells) != width:
            reason = f"has {len(cells)} cells where the header has {width}"
            problems.append(Problem(reason, file, row))
        else:
            yield row, cells, index
    if index is None and not any(problem.file == file for problem in problems):
        problems.append(Problem("the file is empty; it needs a header row", file, 1))


def shown(value: str) -> str:
    """A cell value short enough to show in a problem report."""
    return value if len(value) <= 80 else value[:77] + "..."


def _header(
    cells: list[str], needed: tuple[str, ...], file: str, problems: list[Problem]
) -> dict[str, int] | None:
    """Map column names to positions (case-insensitive); report every needed column missing."""
    index: dict[str, int] = {}
    for position, name in enumerate(cells):
        index.setdefault(name.strip().lower(), position)
    absent = [name for name in needed if name not in index]
    for name in absent:
        reason = f"missing column (the file needs {', '.join(needed)})"
        problems.append(Problem(reason, file, 1, name))
    return None if absent else index


class _Position:
    """The number of the last record read, shared by the reader and its line decoder."""

    row = 0


def _records(
    path: Path, problems: list[Problem], progress: Progress
) -> Iterator[tuple[int, list[str]]]:
    """Yield (row number, cells) for every record, header included. A file that cannot be
    read to its end (missing, truncated, corrupt, not CSV) adds a problem and stops."""
    file, stage, at = str(path), f"reading {path.name}", _Position()
    try:
        with path.open("rb") as raw:
            total = os.fstat(raw.fileno()).st_size
            lines = _text_lines(_uncompressed(raw), file, problems, at)
            for cells in csv.reader(lines):
                at.row += 1
                if at.row % PROGRESS_EVERY == 0:
                    progress(stage, raw.tell(), total)
                yield at.row, cells
            progress(stage, total, total)
    except (OSError, EOFError, zlib.error, csv.Error) as error:
        problems.append(Problem(_read_failure(error), file, at.row + 1 if at.row else None))


def _uncompressed(raw: IO[bytes]) -> Iterable[bytes]:
    """The file's lines of bytes, gunzipped when it starts with the gzip magic number (the
    name does not matter: a renamed file still reads)."""
    magic = raw.read(2)
    raw.seek(0)
    return gzip.GzipFile(fileobj=raw, mode="rb") if magic == GZIP_MAGIC else raw


def _text_lines(
    lines: Iterable[bytes], file: str, problems: list[Problem], at: _Position
) -> Iterator[str]:
    """Decode line by line, so a non-UTF-8 byte is reported at its own row (then read on,
    to report every such row at once); a leading byte-order mark is dropped."""
    first = True
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = f"not UTF-8 text (byte 0x{line[error.start]:02x}); save the file as UTF-8"
            problems.append(Problem(reason, file, at.row + 1))
            text = line.decode("utf-8", errors="replace")
        if first:
            text, first = text.removeprefix("\ufeff"), False
        yield text


_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (FileNotFoundError, "file not found"),
    (IsADirectoryError, "is a folder, not a file"),
    (PermissionError, "no permission to read the file"),
    (EOFError, "the compressed file is truncated (it ends early); download it again"),
    (gzip.BadGzipFile, "the compressed file is corrupt ({error}); download it again"),
    (zlib.error, "the compressed file is corrupt ({error}); download it again"),
    (csv.Error, "not readable as CSV ({error})"),
)


def _read_failure(error: BaseException) -> str:
    """Why a file could not be read, in words a user can act on."""
    for kind, reason in _FAILURES:
        if isinstance(error, kind):
            return reason.format(error=error)
    return f"cannot read the file ({error})"
