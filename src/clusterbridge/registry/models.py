"""Registry tables. Names follow the users' words; history is kept, never overwritten."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from clusterbridge.core.models import Base, UTCDateTime, utcnow
from clusterbridge.registry.enums import (
    ComplexType,
    LabelLevel,
    MembershipRole,
    OrganisationKind,
    ParticipantRole,
    SizeClass,
    Vocabulary,
)
from clusterbridge.registry.search import SEARCHED_FIELDS, search_text


def enum_column(enum_class: type[enum.Enum]) -> Enum:
    """Store an enum by its value in a plain string column (portable across backends)."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Versioned(Timestamped):
    """Optimistic concurrency: a stale write raises instead of overwriting silently."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Organisation(Versioned, Base):
    """Any organisation: cluster organisation, company, start-up, university, research centre..."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    name_latin: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    region: Mapped[str | None] = mapped_column(String(10), index=True)
    nuts: Mapped[str | None] = mapped_column(String(5))
    city: Mapped[str | None] = mapped_column(String(120))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    website: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    offers: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    size_class: Mapped[SizeClass | None] = mapped_column(enum_column(SizeClass))
    founding_year: Mapped[int | None] = mapped_column(Integer)
    vat: Mapped[str | None] = mapped_column(String(20))
    pic: Mapped[str | None] = mapped_column(String(20), unique=True)
    national_id: Mapped[str | None] = mapped_column(String(50))
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Folded name, city, description, offers and needs (see registry.search); kept current
    by the mapper events below for ORM writes and by the bulk importers for theirs."""

    codes: Mapped[list[OrganisationCode]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="OrganisationCode.id"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", foreign_keys="Membership.organisation_id"
    )
    cluster: Mapped[Cluster | None] = relationship(back_populates="organisation")


class OrganisationCode(Base):
    """One classification of an organisation: an industry, technology or emerging industry."""

    __tablename__ = "organisation_codes"
    __table_args__ = (
        UniqueConstraint("organisation_id", "vocabulary", "code"),
        Index("ix_organisation_codes_vocabulary_code", "vocabulary", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    vocabulary: Mapped[Vocabulary] = mapped_column(enum_column(Vocabulary))
    code: Mapped[str] = mapped_column(String(60))

    organisation: Mapped[Organisation] = relationship(back_populates="codes")


class Programme(Versioned, Base):
    """A cluster programme run by an agency (e.g. the Catalonia Clusters Programme)."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    country: Mapped[str | None] = mapped_column(String(2))
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(300))
    start_year: Mapped[int | None] = mapped_column(Integer)

    agency: Mapped[Organisation | None] = relationship()
    clusters: Mapped[list[Cluster]] = relationship(back_populates="programme")


class IndustrialComplex(Versioned, Base):
    """An industrial complex (park, zone) that hosts companies and mini-clusters."""

    __tablename__ = "industrial_complexes"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    complex_type: Mapped[ComplexType] = mapped_column(enum_column(ComplexType))
    country: Mapped[str | None] = mapped_column(String(2))
    region: Mapped[str | None] = mapped_column(String(10))
    managing_body_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    area_km2: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))

    managing_body: Mapped[Organisation | None] = relationship()


class Cluster(Versioned, Base):
    """The cluster profile of a cluster organisation."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    industrial_complex_id: Mapped[int | None] = mapped_column(
        ForeignKey("industrial_complexes.id"), index=True
    )
    acronym: Mapped[str | None] = mapped_column(String(40))
    management_fte: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    label_level: Mapped[LabelLevel | None] = mapped_column(enum_column(LabelLevel))
    label_valid_until: Mapped[date | None]
    founding_year: Mapped[int | None] = mapped_column(Integer)
    strategy_areas: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(back_populates="cluster")
    programme: Mapped[Programme | None] = relationship(back_populates="clusters")
    industrial_complex: Mapped[IndustrialComplex | None] = relationship()
    focus: Mapped[list[ClusterFocus]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan", order_by="ClusterFocus.id"
    )
    memberships: Mapped[list[Membership]] = relationship(back_populates="cluster")


class ClusterFocus(Base):
    """A focus industry, technology or emerging industry of a cluster."""

    __tablename__ = "cluster_focus"
    __table_args__ = (UniqueConstraint("cluster_id", "vocabulary", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"))
    vocabulary: Mapped[Vocabulary] = mapped_column(enum_column(Vocabulary))
    code: Mapped[str] = mapped_column(String(60))

    cluster: Mapped[Cluster] = relationship(back_populates="focus")


class Membership(Versioned, Base):
    """An organisation's membership of a cluster over a period; a change starts a new row."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("organisation_id", "cluster_id", "since"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id"), index=True)
    role: Mapped[MembershipRole] = mapped_column(enum_column(MembershipRole))
    since: Mapped[date]
    until: Mapped[date | None]

    organisation: Mapped[Organisation] = relationship(
        back_populates="memberships", foreign_keys=[organisation_id]
    )
    cluster: Mapped[Cluster] = relationship(back_populates="memberships")


class Collaboration(Versioned, Base):
    """A joint project or agreement between organisations (a CORDIS project, a signed MoU...)."""

    __tablename__ = "collaborations"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    programme: Mapped[str | None] = mapped_column(String(100))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    total_cost: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    funding: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))

    participants: Mapped[list[Participation]] = relationship(
        back_populates="collaboration", cascade="all, delete-orphan", order_by="Participation.id"
    )
    programme_parts: Mapped[list[CollaborationProgrammePart]] = relationship(
        back_populates="collaboration", cascade="all, delete-orphan"
    )


class Participation(Base):
    """An organisation's part in a collaboration."""

    __tablename__ = "participations"
    __table_args__ = (UniqueConstraint("collaboration_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collaboration_id: Mapped[int] = mapped_column(
        ForeignKey("collaborations.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(enum_column(ParticipantRole))
    contribution: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))

    collaboration: Mapped[Collaboration] = relationship(back_populates="participants")
    organisation: Mapped[Organisation] = relationship()


class CollaborationProgrammePart(Base):
    """A programme part (topic area) a collaboration was funded under, e.g. 'SC3' or 'LEIT'."""

    __tablename__ = "collaboration_programme_parts"
    __table_args__ = (UniqueConstraint("collaboration_id", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collaboration_id: Mapped[int] = mapped_column(
        ForeignKey("collaborations.id", ondelete="CASCADE"), index=True
    )
    part: Mapped[str] = mapped_column(String(60), index=True)

    collaboration: Mapped[Collaboration] = relationship(back_populates="programme_parts")


class Person(Timestamped, Base):
    """A contact person. Personal data kept minimal: name, work email, position."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    position: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)

    organisation: Mapped[Organisation | None] = relationship()


@event.listens_for(Organisation, "before_insert")
@event.listens_for(Organisation, "before_update")
def _refresh_search_text(_mapper: Any, _connection: Any, organisation: Organisation) -> None:
    organisation.search_text = search_text(
        {name: getattr(organisation, name) for name in SEARCHED_FIELDS}
    )
