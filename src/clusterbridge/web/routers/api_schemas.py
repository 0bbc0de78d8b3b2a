"""Request and response bodies of the organisation and cluster endpoints (for OpenAPI too).

Names follow ``<Thing>Public`` (what anyone may read), ``<Thing>Detail`` (one record with its
version), ``<Thing>Create`` and ``<Thing>Update``. Write bodies are typed for the schema; the
registry then checks each value with the same parsers as import files.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from clusterbridge.registry.enums import (
    ComplexType,
    LabelLevel,
    MembershipRole,
    OrganisationKind,
    SizeClass,
    Vocabulary,
)

CODES_HINT = "Codes as in import files: NACE '29.10', NAICS 'NAICS:336111', technology slugs."


class PublicModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class WriteModel(BaseModel):
    """A write body: unknown fields are refused so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")

    def changes(self, *exclude: str) -> dict[str, Any]:
        """The fields the client sent (null clears a field), without ``exclude``."""
        return self.model_dump(exclude_unset=True, exclude={"version", *exclude})


class CodePublic(PublicModel):
    vocabulary: Vocabulary
    code: str


class ClusterRefPublic(PublicModel):
    id: int
    name: str
    acronym: str | None


class OrganisationPublic(PublicModel):
    id: int
    external_id: str
    kind: OrganisationKind
    name: str
    name_latin: str | None
    country: str | None
    region: str | None
    nuts: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    website: str | None
    description: str | None
    offers: str | None
    needs: str | None
    size_class: SizeClass | None
    founding_year: int | None
    pic: str | None
    codes: list[CodePublic]
    clusters: list[ClusterRefPublic]
    """Clusters the organisation is a current member of."""


class OrganisationsPublic(BaseModel):
    items: list[OrganisationPublic]
    next_cursor: str | None


class MembershipPublic(PublicModel):
    cluster: ClusterRefPublic
    role: MembershipRole
    since: date
    until: date | None


class OrganisationDetailPublic(OrganisationPublic):
    memberships: list[MembershipPublic]
    collaboration_count: int


class ContactPrivate(PublicModel):
    name: str
    email: str | None
    position: str | None


class OrganisationDetail(OrganisationDetailPublic):
    """One organisation. ``vat``, ``national_id`` and ``contacts`` are present only for those
    allowed to see the organisation's private data."""

    version: int
    vat: str | None = None
    national_id: str | None = None
    contacts: list[ContactPrivate] | None = None


class OrganisationFields(WriteModel):
    kind: OrganisationKind | None = None
    name: str | None = None
    name_latin: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-2 code or country name.")
    region: str | None = None
    nuts: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    website: str | None = None
    description: str | None = None
    offers: str | None = None
    needs: str | None = None
    size_class: SizeClass | None = None
    founding_year: int | None = None
    vat: str | None = None
    pic: str | None = Field(None, description="EU Participant Identification Code (9 digits).")
    national_id: str | None = None
    industries: list[str] | None = Field(None, description=CODES_HINT)
    technologies: list[str] | None = None
    emerging_industries: list[str] | None = None


class OrganisationCreate(OrganisationFields):
    kind: OrganisationKind
    name: str
    external_id: str | None = Field(None, description="Key used by import files; made if empty.")


class OrganisationUpdate(OrganisationFields):
    """The fields to change; fields left out stay as they are."""

    version: int | None = Field(None, description="The version read (instead of If-Match).")


class ClusterPublic(PublicModel):
    id: int
    organisation_id: int
    name: str
    name_latin: str | None
    acronym: str | None
    country: str | None
    city: str | None
    programme_id: int | None
    programme_name: str | None
    industrial_complex_name: str | None
    member_count: int


class ClustersPublic(BaseModel):
    items: list[ClusterPublic]
    next_cursor: str | None


class KindCount(BaseModel):
    kind: OrganisationKind
    count: int


class ClusterDetail(ClusterPublic):
    """One cluster profile (all public) with its version."""

    version: int
    programme: str | None = Field(description="External id of the programme.")
    industrial_complex: str | None = Field(description="External id of the complex.")
    description: str | None
    website: str | None
    complex_type: ComplexType | None
    label_level: LabelLevel | None
    label_valid_until: date | None
    management_fte: Decimal | None
    founding_year: int | None
    strategy_areas: str | None
    focus: list[CodePublic]
    members_by_kind: list[KindCount]


class ClusterUpdate(WriteModel):
    """The fields to change. Moving a cluster to another programme or complex takes a
    programme manager of both programmes (or an administrator)."""

    acronym: str | None = None
    management_fte: Decimal | None = None
    label_level: LabelLevel | None = None
    label_valid_until: date | None = None
    founding_year: int | None = None
    strategy_areas: str | None = None
    focus_industries: list[str] | None = Field(None, description=CODES_HINT)
    focus_technologies: list[str] | None = None
    focus_emerging_industries: list[str] | None = None
    programme: str | None = Field(None, description="External id of the programme.")
    industrial_complex: str | None = Field(None, description="External id of the complex.")
    version: int | None = Field(None, description="The version read (instead of If-Match).")
