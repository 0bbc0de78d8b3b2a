"""evaluation: frameworks, indicator values, questionnaires

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 00:18:14.598217
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evaluation_frameworks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_evaluation_frameworks_programme_id_programmes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_frameworks")),
        sa.UniqueConstraint("key", name=op.f("uq_evaluation_frameworks_key")),
        sa.UniqueConstraint("programme_id", name=op.f("uq_evaluation_frameworks_programme_id")),
    )
    op.create_table(
        "evaluation_questionnaires",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("draft", "submitted", name="questionnairestatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submitted_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
            name=op.f("fk_evaluation_questionnaires_cluster_id_clusters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"],
            ["users.id"],
            name=op.f("fk_evaluation_questionnaires_submitted_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_questionnaires")),
        sa.UniqueConstraint(
            "cluster_id", "year", name=op.f("uq_evaluation_questionnaires_cluster_id")
        ),
    )
    op.create_table(
        "evaluation_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column(
            "source",
            sa.Enum("computed", "questionnaire", name="valuesource", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
            name=op.f("fk_evaluation_values_cluster_id_clusters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_evaluation_values_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_values")),
        sa.UniqueConstraint(
            "cluster_id", "indicator", "year", name=op.f("uq_evaluation_values_cluster_id")
        ),
    )
    with op.batch_alter_table("evaluation_values", schema=None) as batch_op:
        batch_op.create_index(
            "ix_evaluation_values_indicator_year", ["indicator", "year"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evaluation_values_recorded_by"), ["recorded_by"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("evaluation_values", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_values_recorded_by"))
        batch_op.drop_index("ix_evaluation_values_indicator_year")

    op.drop_table("evaluation_values")
    op.drop_table("evaluation_questionnaires")
    op.drop_table("evaluation_frameworks")
