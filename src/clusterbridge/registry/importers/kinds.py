"""The file formats of the registry: one :class:`Kind` per file, one :class:`Column` per column.

These specs drive import, validation, export and the documentation check, so the columns a
user reads in docs/data-formats.md are exactly the ones the code accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from clusterbridge.core.models import Base
from clusterbridge.registry import models as m
from clusterbridge.registry.enums import (
    ComplexType,
    LabelLevel,
    MembershipRole,
    OrganisationKind,
    ParticipantRole,
    SizeClass,
    Vocabulary,
)
from clusterbridge.registry.importers import parsers as p


@dataclass(frozen=True)
class Column:
    """One column: how to read it, write it back, and where it is stored."""

    name: str
    parse: p.Parser
    required: bool = False
    format: p.Formatter = str
    ref: str | None = None
    """Kind whose key this column names (stored as ``<name>_id``)."""
    vocabularies: frozenset[Vocabulary] = frozenset()
    """For code-list columns: the vocabularies the column holds (stored as child rows)."""
    parts: bool = False
    """For the programme-parts list of collaborations (stored as child rows)."""
    default: str = ""

    @property
    def is_child_list(self) -> bool:
        return bool(self.vocabularies) or self.parts

    @property
    def attribute(self) -> str:
        return f"{self.name}_id" if self.ref else self.name


@dataclass(frozen=True)
class Kind:
    """A file kind: its model, its columns and the columns that identify a record."""

    name: str
    model: type[Base]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    entity: str
    """The singular name the audit log uses (``registry.<entity>.created``)."""

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _codes(name: str, parse: p.Parser, *vocabularies: Vocabulary) -> Column:
    return Column(name, parse, format=p.format_codes, vocabularies=frozenset(vocabularies))


INDUSTRY = (Vocabulary.NACE, Vocabulary.NAICS)
TEXT_SHORT = p.text(300)
TEXT_LONG = p.text(10_000)
MONEY = p.decimal(2, Decimal("1e13"))

ORGANISATIONS = Kind(
    "organisations",
    m.Organisation,
    (
        Column("external_id", p.reference, required=True),
        Column("kind", p.choice(OrganisationKind), required=True, format=p.format_choice),
        Column("name", TEXT_SHORT, required=True),
        Column("name_latin", TEXT_SHORT),
        Column("country", p.country),
        Column("region", p.region),
        Column("nuts", p.nuts),
        Column("city", p.text(120)),
        Column("latitude", p.coordinate(90), format=repr),
        Column("longitude", p.coordinate(180), format=repr),
        Column("website", p.url),
        Column("description", TEXT_LONG),
        Column("offers", TEXT_LONG),
        Column("needs", TEXT_LONG),
        Column("size_class", p.choice(SizeClass), format=p.format_choice),
        Column("founding_year", p.year),
        Column("vat", p.text(20)),
        Column("pic", p.pic),
        Column("national_id", p.text(50)),
        _codes("industries", p.industries, *INDUSTRY),
        _codes("technologies", p.technologies, Vocabulary.TECHNOLOGY),
        _codes("emerging_industries", p.emerging_industries, Vocabulary.EMERGING),
    ),
    key=("external_id",),
    entity="organisation",
)

PROGRAMMES = Kind(
    "programmes",
    m.Programme,
    (
        Column("external_id", p.reference, required=True),
        Column("name", TEXT_SHORT, required=True),
        Column("agency", p.reference, ref="organisations"),
        Column("country", p.country),
        Column("description", TEXT_LONG),
        Column("website", p.url),
        Column("start_year", p.year),
    ),
    key=("external_id",),
    entity="programme",
)

INDUSTRIAL_COMPLEXES = Kind(
    "industrial_complexes",
    m.IndustrialComplex,
    (
        Column("external_id", p.reference, required=True),
        Column("name", TEXT_SHORT, required=True),
        Column("complex_type", p.choice(ComplexType), required=True, format=p.format_choice),
        Column("country", p.country),
        Column("region", p.region),
        Column("managing_body", p.reference, ref="organisations"),
        Column("area_km2", p.decimal(3, Decimal("1e6")), format=p.format_decimal),
    ),
    key=("external_id",),
    entity="industrial_complex",
)

CLUSTERS = Kind(
    "clusters",
    m.Cluster,
    (
        Column("organisation", p.reference, required=True, ref="organisations"),
        Column("programme", p.reference, ref="programmes"),
        Column("industrial_complex", p.reference, ref="industrial_complexes"),
        Column("acronym", p.text(40)),
        Column("management_fte", p.decimal(2, Decimal(9999)), format=p.format_decimal),
        Column("label_level", p.choice(LabelLevel), format=p.format_choice),
        Column("label_valid_until", p.iso_date, format=lambda d: d.isoformat()),
        Column("founding_year", p.year),
        Column("strategy_areas", TEXT_LONG),
        _codes("focus_industries", p.industries, *INDUSTRY),
        _codes("focus_technologies", p.technologies, Vocabulary.TECHNOLOGY),
        _codes("focus_emerging_industries", p.emerging_industries, Vocabulary.EMERGING),
    ),
    key=("organisation",),
    entity="cluster",
)

MEMBERSHIPS = Kind(
    "memberships",
    m.Membership,
    (
        Column("organisation", p.reference, required=True, ref="organisations"),
        Column("cluster", p.reference, required=True, ref="clusters"),
        Column("role", p.choice(MembershipRole), format=p.format_choice, default="member"),
        Column("since", p.iso_date, required=True, format=lambda d: d.isoformat()),
        Column("until", p.iso_date, format=lambda d: d.isoformat()),
    ),
    key=("organisation", "cluster", "since"),
    entity="membership",
)

COLLABORATIONS = Kind(
    "collaborations",
    m.Collaboration,
    (
        Column("external_id", p.reference, required=True),
        Column("source", p.text(40), required=True),
        Column("title", p.text(500)),
        Column("programme", p.text(100)),
        Column("year", p.year),
        Column("start_date", p.iso_date, format=lambda d: d.isoformat()),
        Column("end_date", p.iso_date, format=lambda d: d.isoformat()),
        Column("total_cost", MONEY, format=p.format_decimal),
        Column("funding", MONEY, format=p.format_decimal),
        Column("programme_parts", p.labels(60), format=p.format_labels, parts=True),
    ),
    key=("external_id",),
    entity="collaboration",
)

PARTICIPATIONS = Kind(
    "participations",
    m.Participation,
    (
        Column("collaboration", p.reference, required=True, ref="collaborations"),
        Column("organisation", p.reference, required=True, ref="organisations"),
        Column("role", p.choice(ParticipantRole), required=True, format=p.format_choice),
        Column("contribution", MONEY, format=p.format_decimal),
    ),
    key=("collaboration", "organisation"),
    entity="participation",
)

PERSONS = Kind(
    "persons",
    m.Person,
    (
        Column("external_id", p.reference, required=True),
        Column("name", p.text(200), required=True),
        Column("email", p.email),
        Column("position", p.text(200)),
        Column("organisation", p.reference, ref="organisations"),
    ),
    key=("external_id",),
    entity="person",
)

KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        ORGANISATIONS,
        PROGRAMMES,
        INDUSTRIAL_COMPLEXES,
        CLUSTERS,
        MEMBERSHIPS,
        COLLABORATIONS,
        PARTICIPATIONS,
        PERSONS,
    )
}
"""Every kind, in the order an import applies them (references point backwards)."""


def format_value(column: Column, value: Any) -> str:
    if value is None or value == () or value == "":
        return ""
    return column.format(value)
