"""Cluster codes: made from cluster names, or read from a file that codes them.

The crosswalk workbook and the linkage list name clusters; the long CSV and the panels code
them. By default a cluster's code is a slug of its name ("Automotive" -> "automotive"), stable
across runs and files. To match published results coded otherwise (the U.S. Cluster Mapping
numbers its clusters 1-51 and 101-116), :func:`read_cluster_codes` reads the codes from any
CSV with the columns ``cluster`` and ``cluster_name``, such as a regions file.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from clusterbridge.core.errors import InvalidInput, Problem

_COLUMNS = ("cluster", "cluster_name")


def cluster_slug(name: str) -> str:
    """A lower-case ASCII code made from a cluster name: letters and digits joined by hyphens.

    'Local Real Estate, Construction, and Development' -> 'local-real-estate-construction-and-
    development'; a name without any letter or digit gives ''.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def cluster_code(name: str, cluster_codes: Mapping[str, str] | None) -> str | None:
    """The code of a cluster name: from ``cluster_codes`` (name -> code) when given, else its
    slug; None when the mapping lacks the name or the name has nothing to make a slug from."""
    if cluster_codes is not None:
        return cluster_codes.get(name)
    return cluster_slug(name) or None


def missing_code_reason(cluster_codes: Mapping[str, str] | None) -> str:
    """Why :func:`cluster_code` found no code, in words for an error message."""
    if cluster_codes is not None:
        return "unknown cluster name (not in the cluster codes given)"
    return "the cluster name has no letter or digit to make a code from"


def read_cluster_codes(path: Path) -> dict[str, str]:
    """Read cluster name -> code from a CSV with at least the columns cluster and cluster_name.

    A U.S. Cluster Mapping regions file works as it is: a name repeated with the same code is
    fine, while a name with two codes (or a code with two names) is an error naming the row.
    """
    text = _text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    missing = [name for name in _COLUMNS if name not in header]
    if missing:
        raise InvalidInput([Problem(f"missing column(s) {', '.join(missing)}", path.name, 1)])
    codes: dict[str, tuple[str, int]] = {}  # name -> (code, first row)
    names: dict[str, tuple[str, int]] = {}  # code -> (name, first row)
    problems: list[Problem] = []
    for record in reader:
        line = reader.line_num
        code, name = (str(record.get(header[column]) or "").strip() for column in _COLUMNS)
        empty = [column for column, value in zip(_COLUMNS, (code, name), strict=True) if not value]
        problems += [Problem("is empty", path.name, line, column, "") for column in empty]
        if empty:
            continue
        known_code, row = codes.setdefault(name, (code, line))
        if known_code != code:
            reason = f"{name!r} already has code {known_code!r} (row {row})"
            problems.append(Problem(reason, path.name, line, "cluster", code))
        known_name, row = names.setdefault(code, (name, line))
        if known_name != name:
            reason = f"code {code!r} already names {known_name!r} (row {row})"
            problems.append(Problem(reason, path.name, line, "cluster_name", name))
    if problems:
        raise InvalidInput(problems)
    if not codes:
        raise InvalidInput([Problem("the file names no cluster", path.name)])
    return {name: code for name, (code, _) in codes.items()}


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(f"cannot read the file ({error})", path.name)]) from None
