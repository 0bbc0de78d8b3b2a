"""regional statistics datasets

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statistics_datasets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("region_type", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=True),
        sa.Column("geometry_code_property", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_datasets")),
        sa.UniqueConstraint("key", name=op.f("uq_statistics_datasets_key")),
    )
    op.create_table(
        "regional_statistics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.Column("region_name", sa.String(length=200), nullable=False),
        sa.Column("cluster", sa.String(length=60), nullable=False),
        sa.Column("cluster_name", sa.String(length=300), nullable=False),
        sa.Column("cluster_type", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("employment", sa.Float(), nullable=False),
        sa.Column("establishments", sa.Float(), nullable=True),
        sa.Column("payroll", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["statistics_datasets.id"],
            name=op.f("fk_regional_statistics_dataset_id_statistics_datasets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regional_statistics")),
        sa.UniqueConstraint(
            "dataset_id",
            "region",
            "cluster",
            "year",
            name=op.f("uq_regional_statistics_dataset_id"),
        ),
    )
    op.create_index(
        op.f("ix_regional_statistics_dataset_id"), "regional_statistics", ["dataset_id"]
    )
    op.create_table(
        "reference_statistics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("cluster", sa.String(length=60), nullable=False),
        sa.Column("cluster_name", sa.String(length=300), nullable=False),
        sa.Column("cluster_type", sa.String(length=10), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("employment", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dataset_id"],
            ["statistics_datasets.id"],
            name=op.f("fk_reference_statistics_dataset_id_statistics_datasets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_statistics")),
        sa.UniqueConstraint(
            "dataset_id",
            "cluster",
            "year",
            name=op.f("uq_reference_statistics_dataset_id"),
        ),
    )
    op.create_index(
        op.f("ix_reference_statistics_dataset_id"), "reference_statistics", ["dataset_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reference_statistics_dataset_id"), table_name="reference_statistics")
    op.drop_table("reference_statistics")
    op.drop_index(op.f("ix_regional_statistics_dataset_id"), table_name="regional_statistics")
    op.drop_table("regional_statistics")
    op.drop_table("statistics_datasets")
