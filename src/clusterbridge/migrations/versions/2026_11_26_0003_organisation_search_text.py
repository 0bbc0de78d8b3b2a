"""organisation search text

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 22:36:08.476889
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    _fill_search_text()


def _fill_search_text() -> None:
    """Fold the searchable text of the organisations already there."""
    from clusterbridge.registry.search import SEARCHED_FIELDS, search_text

    connection = op.get_bind()
    table = sa.table(
        "organisations",
        sa.column("id"),
        sa.column("search_text"),
        *(sa.column(name) for name in SEARCHED_FIELDS),
    )
    rows = connection.execute(sa.select(table)).mappings().all()
    updates = [{"b_id": row["id"], "b_text": search_text(dict(row))} for row in rows]
    if updates:
        connection.execute(
            table.update()
            .where(table.c.id == sa.bindparam("b_id"))
            .values(search_text=sa.bindparam("b_text")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("search_text")
