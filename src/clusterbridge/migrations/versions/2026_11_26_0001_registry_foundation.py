"""registry foundation

Revision ID: 0001
Revises:
Create Date: 2026-11-26 21:39:51.956885
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "collaborations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("programme", sa.String(length=100), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("total_cost", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("funding", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collaborations")),
        sa.UniqueConstraint("external_id", name=op.f("uq_collaborations_external_id")),
    )
    with op.batch_alter_table("collaborations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collaborations_source"), ["source"], unique=False)
        batch_op.create_index(batch_op.f("ix_collaborations_year"), ["year"], unique=False)

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "cluster_organisation",
                "company",
                "startup",
                "university",
                "research_centre",
                "public_body",
                "other",
                name="organisationkind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_latin", sa.String(length=300), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("nuts", sa.String(length=5), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("offers", sa.Text(), nullable=True),
        sa.Column("needs", sa.Text(), nullable=True),
        sa.Column(
            "size_class",
            sa.Enum(
                "micro", "small", "medium", "large", name="sizeclass", native_enum=False, length=40
            ),
            nullable=True,
        ),
        sa.Column("founding_year", sa.Integer(), nullable=True),
        sa.Column("vat", sa.String(length=20), nullable=True),
        sa.Column("pic", sa.String(length=20), nullable=True),
        sa.Column("national_id", sa.String(length=50), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("external_id", name=op.f("uq_organisations_external_id")),
        sa.UniqueConstraint("pic", name=op.f("uq_organisations_pic")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisations_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisations_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisations_region"), ["region"], unique=False)

    op.create_table(
        "collaboration_programme_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collaboration_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["collaboration_id"],
            ["collaborations.id"],
            name=op.f("fk_collaboration_programme_parts_collaboration_id_collaborations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collaboration_programme_parts")),
        sa.UniqueConstraint(
            "collaboration_id",
            "part",
            name=op.f("uq_collaboration_programme_parts_collaboration_id"),
        ),
    )
    with op.batch_alter_table("collaboration_programme_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_collaboration_programme_parts_collaboration_id"),
            ["collaboration_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_collaboration_programme_parts_part"), ["part"], unique=False
        )

    op.create_table(
        "industrial_complexes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "complex_type",
            sa.Enum(
                "national",
                "general",
                "urban_high_tech",
                "agro_industrial",
                "foreign_investment_zone",
                "other",
                name="complextype",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("managing_body_id", sa.Integer(), nullable=True),
        sa.Column("area_km2", sa.Numeric(precision=10, scale=3), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["managing_body_id"],
            ["organisations.id"],
            name=op.f("fk_industrial_complexes_managing_body_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_industrial_complexes")),
        sa.UniqueConstraint("external_id", name=op.f("uq_industrial_complexes_external_id")),
    )
    op.create_table(
        "organisation_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "vocabulary",
            sa.Enum(
                "NACE",
                "NAICS",
                "technology",
                "emerging",
                name="vocabulary",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_codes_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_codes")),
        sa.UniqueConstraint(
            "organisation_id",
            "vocabulary",
            "code",
            name=op.f("uq_organisation_codes_organisation_id"),
        ),
    )
    with op.batch_alter_table("organisation_codes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_organisation_codes_vocabulary_code", ["vocabulary", "code"], unique=False
        )

    op.create_table(
        "participations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collaboration_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "coordinator",
                "participant",
                "partner",
                "third_party",
                "associated_partner",
                name="participantrole",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("contribution", sa.Numeric(precision=16, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["collaboration_id"],
            ["collaborations.id"],
            name=op.f("fk_participations_collaboration_id_collaborations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_participations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participations")),
        sa.UniqueConstraint(
            "collaboration_id", "organisation_id", name=op.f("uq_participations_collaboration_id")
        ),
    )
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participations_collaboration_id"), ["collaboration_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_participations_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_persons_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("external_id", name=op.f("uq_persons_external_id")),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_persons_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["organisations.id"], name=op.f("fk_programmes_agency_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("external_id", name=op.f("uq_programmes_external_id")),
    )
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("industrial_complex_id", sa.Integer(), nullable=True),
        sa.Column("acronym", sa.String(length=40), nullable=True),
        sa.Column("management_fte", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column(
            "label_level",
            sa.Enum("bronze", "silver", "gold", name="labellevel", native_enum=False, length=40),
            nullable=True,
        ),
        sa.Column("label_valid_until", sa.Date(), nullable=True),
        sa.Column("founding_year", sa.Integer(), nullable=True),
        sa.Column("strategy_areas", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["industrial_complex_id"],
            ["industrial_complexes.id"],
            name=op.f("fk_clusters_industrial_complex_id_industrial_complexes"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_clusters_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"], name=op.f("fk_clusters_programme_id_programmes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clusters")),
        sa.UniqueConstraint("organisation_id", name=op.f("uq_clusters_organisation_id")),
    )
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_clusters_industrial_complex_id"), ["industrial_complex_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_clusters_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "cluster_focus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column(
            "vocabulary",
            sa.Enum(
                "NACE",
                "NAICS",
                "technology",
                "emerging",
                name="vocabulary",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["clusters.id"],
            name=op.f("fk_cluster_focus_cluster_id_clusters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cluster_focus")),
        sa.UniqueConstraint(
            "cluster_id", "vocabulary", "code", name=op.f("uq_cluster_focus_cluster_id")
        ),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "member",
                "founding_member",
                "board_member",
                "associate",
                "partner",
                name="membershiprole",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"], ["clusters.id"], name=op.f("fk_memberships_cluster_id_clusters")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_memberships_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint(
            "organisation_id", "cluster_id", "since", name=op.f("uq_memberships_organisation_id")
        ),
    )
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_memberships_cluster_id"), ["cluster_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_memberships_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_memberships_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_memberships_cluster_id"))

    op.drop_table("memberships")
    op.drop_table("cluster_focus")
    with op.batch_alter_table("clusters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clusters_programme_id"))
        batch_op.drop_index(batch_op.f("ix_clusters_industrial_complex_id"))

    op.drop_table("clusters")
    op.drop_table("programmes")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_organisation_id"))

    op.drop_table("persons")
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participations_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_participations_collaboration_id"))

    op.drop_table("participations")
    with op.batch_alter_table("organisation_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_organisation_codes_vocabulary_code")

    op.drop_table("organisation_codes")
    op.drop_table("industrial_complexes")
    with op.batch_alter_table("collaboration_programme_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collaboration_programme_parts_part"))
        batch_op.drop_index(batch_op.f("ix_collaboration_programme_parts_collaboration_id"))

    op.drop_table("collaboration_programme_parts")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_region"))
        batch_op.drop_index(batch_op.f("ix_organisations_name"))
        batch_op.drop_index(batch_op.f("ix_organisations_kind"))
        batch_op.drop_index(batch_op.f("ix_organisations_country"))

    op.drop_table("organisations")
    with op.batch_alter_table("collaborations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collaborations_year"))
        batch_op.drop_index(batch_op.f("ix_collaborations_source"))

    op.drop_table("collaborations")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
