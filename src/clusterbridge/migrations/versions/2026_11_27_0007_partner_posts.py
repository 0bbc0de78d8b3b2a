"""partner-search posts, their tags and expressions of interest

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _status(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=40)


def upgrade() -> None:
    op.create_table(
        "partner_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "post_type",
            _status(
                "technology_offer",
                "technology_request",
                "business_offer",
                "business_request",
                "rd_partner_search",
                name="posttype",
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("status", _status("open", "closed", name="poststatus"), nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_partner_posts_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_partner_posts_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_posts")),
    )
    for column in ("expires_on", "organisation_id", "post_type", "status"):
        op.create_index(op.f(f"ix_partner_posts_{column}"), "partner_posts", [column])
    op.create_table(
        "partner_post_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column(
            "facet",
            _status("industry", "technology", "country", "kind", name="postfacet"),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["partner_posts.id"],
            name=op.f("fk_partner_post_tags_post_id_partner_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_post_tags")),
        sa.UniqueConstraint("post_id", "facet", "code", name=op.f("uq_partner_post_tags_post_id")),
    )
    op.create_index("ix_partner_post_tags_facet_code", "partner_post_tags", ["facet", "code"])
    op.create_table(
        "expressions_of_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "status",
            _status("sent", "accepted", "declined", "withdrawn", name="intereststatus"),
            nullable=False,
        ),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_expressions_of_interest_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_expressions_of_interest_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["partner_posts.id"],
            name=op.f("fk_expressions_of_interest_post_id_partner_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expressions_of_interest")),
        sa.UniqueConstraint(
            "post_id", "organisation_id", name=op.f("uq_expressions_of_interest_post_id")
        ),
    )
    for column in ("organisation_id", "post_id"):
        op.create_index(
            op.f(f"ix_expressions_of_interest_{column}"), "expressions_of_interest", [column]
        )


def downgrade() -> None:
    for column in ("post_id", "organisation_id"):
        op.drop_index(
            op.f(f"ix_expressions_of_interest_{column}"), table_name="expressions_of_interest"
        )
    op.drop_table("expressions_of_interest")
    op.drop_index("ix_partner_post_tags_facet_code", table_name="partner_post_tags")
    op.drop_table("partner_post_tags")
    for column in ("status", "post_type", "organisation_id", "expires_on"):
        op.drop_index(op.f(f"ix_partner_posts_{column}"), table_name="partner_posts")
    op.drop_table("partner_posts")
