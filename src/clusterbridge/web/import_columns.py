"""The columns of each import file, described for the upload page from the specs themselves.

Reading the notes off :mod:`clusterbridge.registry.importers.kinds` (rather than repeating
docs/data-formats.md) keeps the page true to what the importer accepts when a column changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Enum

from clusterbridge.core.models import table_of
from clusterbridge.registry.importers import parsers as p
from clusterbridge.registry.importers.kinds import Column, Kind

DATA_FORMATS_GUIDE = "docs/data-formats.md"
"""Where the full description of every column lives (shipped with the source)."""

_PARSER_NOTES: dict[p.Parser, str] = {
    p.country: "Country: ISO 3166 code such as ES or KR (names are accepted).",
    p.region: "ISO 3166-2 subdivision (ES-CT, KR-41) or NUTS code (ES51).",
    p.nuts: "NUTS code, e.g. ES51 or ES511.",
    p.iso_date: "Date as YYYY-MM-DD.",
    p.year: "Year, e.g. 2015.",
    p.url: "Web address starting with http:// or https://.",
    p.email: "E-mail address.",
    p.pic: "EU Participant Identification Code: nine digits.",
    p.industries: "NACE codes (29.10) or NAICS codes with a prefix (NAICS:336111), ';'-separated.",
    p.technologies: "Technology slugs, e.g. additive-manufacturing, ';'-separated.",
    p.emerging_industries: "Emerging industries, e.g. mobility-technologies, ';'-separated.",
}


@dataclass(frozen=True, slots=True)
class ColumnDoc:
    name: str
    required: bool
    key: bool
    note: str


def kind_label(name: str) -> str:
    """'industrial_complexes' -> 'Industrial complexes'."""
    return name.replace("_", " ").capitalize()


def _choices(kind: Kind, column: Column) -> list[str]:
    if column.ref or column.is_child_list:
        return []
    sql_type = table_of(kind.model).c[column.attribute].type
    return list(sql_type.enums) if isinstance(sql_type, Enum) else []


def _note(kind: Kind, column: Column) -> str:
    if column.ref == "clusters":
        return "External id of the cluster's organisation."
    if column.ref:
        return f"External id of the {column.ref.replace('_', ' ').rstrip('s')}."
    choices = _choices(kind, column)
    if choices:
        default = f" (default {column.default})" if column.default else ""
        return f"One of: {', '.join(choices)}{default}."
    if column.parts:
        return "Labels separated by ';'."
    return _PARSER_NOTES.get(column.parse, "")


def column_docs(kind: Kind) -> list[ColumnDoc]:
    """One line per column of ``kind``, in file order."""
    return [
        ColumnDoc(column.name, column.required, column.name in kind.key, _note(kind, column))
        for column in kind.columns
    ]


def template_csv(kind: Kind) -> str:
    """The header row of an empty file of ``kind``, to start a spreadsheet from."""
    return ",".join(column.name for column in kind.columns) + "\r\n"
