"""Tables of stored regional statistics: a dataset, its rows and its reference economy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clusterbridge.core.models import Base, UTCDateTime, utcnow


class StatisticsDataset(Base):
    """One loaded set of regional statistics (a region type, a classification, some years)."""

    __tablename__ = "statistics_datasets"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    region_type: Mapped[str] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    geometry: Mapped[str | None] = mapped_column(Text, deferred=True)
    """GeoJSON of the regions for maps (agencies supply it; none is shipped)."""
    geometry_code_property: Mapped[str | None] = mapped_column(String(60))

    rows: Mapped[list[RegionalStatistic]] = relationship(
        back_populates="dataset", cascade="all, delete-orphan", passive_deletes=True
    )


class RegionalStatistic(Base):
    """Employment, establishments and payroll of one cluster category in one region and year."""

    __tablename__ = "regional_statistics"
    __table_args__ = (UniqueConstraint("dataset_id", "region", "cluster", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(
        ForeignKey("statistics_datasets.id", ondelete="CASCADE"), index=True
    )
    region: Mapped[str] = mapped_column(String(20))
    region_name: Mapped[str] = mapped_column(String(200))
    cluster: Mapped[str] = mapped_column(String(60))
    cluster_name: Mapped[str] = mapped_column(String(300))
    cluster_type: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    employment: Mapped[float] = mapped_column(Float)
    establishments: Mapped[float | None] = mapped_column(Float)
    payroll: Mapped[float | None] = mapped_column(Float)

    dataset: Mapped[StatisticsDataset] = relationship(back_populates="rows")


class ReferenceStatistic(Base):
    """Employment of one cluster category in the dataset's reference economy in one year."""

    __tablename__ = "reference_statistics"
    __table_args__ = (UniqueConstraint("dataset_id", "cluster", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dataset_id: Mapped[int] = mapped_column(
        ForeignKey("statistics_datasets.id", ondelete="CASCADE"), index=True
    )
    cluster: Mapped[str] = mapped_column(String(60))
    cluster_name: Mapped[str] = mapped_column(String(300))
    cluster_type: Mapped[str] = mapped_column(String(10))
    """Kept here too: a category may be in the reference only, and it still counts in the
    reference's traded or local total."""
    year: Mapped[int] = mapped_column(Integer)
    employment: Mapped[float] = mapped_column(Float)
