"""Evaluation tables: agencies' own frameworks (YAML text), indicator values per cluster and
year, and the status of each cluster's yearly questionnaire."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, ValueSource
from clusterbridge.core.models import Base, UTCDateTime
from clusterbridge.registry.models import Timestamped, enum_column


class StoredFramework(Timestamped, Base):
    """An agency's own framework, kept as the YAML it was written in; attached to at most one
    programme, whose clusters it then evaluates."""

    __tablename__ = "evaluation_frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(40))
    yaml_text: Mapped[str] = mapped_column(Text)
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), unique=True
    )


class IndicatorValue(Timestamped, Base):
    """The value of one indicator for one cluster and year, computed or answered."""

    __tablename__ = "evaluation_values"
    __table_args__ = (
        UniqueConstraint("cluster_id", "indicator", "year"),
        Index("ix_evaluation_values_indicator_year", "indicator", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"))
    indicator: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[ValueSource] = mapped_column(enum_column(ValueSource))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class QuestionnaireResponse(Timestamped, Base):
    """Whether a cluster's questionnaire for a year is a draft or submitted, and by whom."""

    __tablename__ = "evaluation_questionnaires"
    __table_args__ = (UniqueConstraint("cluster_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[QuestionnaireStatus] = mapped_column(enum_column(QuestionnaireStatus))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
