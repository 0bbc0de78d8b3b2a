"""events: sessions, tables, registrations, meeting requests, meetings, scheduling jobs

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE_JOB = "status IN ('queued', 'running')"


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("max_meetings", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "closed",
                "scheduled",
                "published",
                name="eventstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("organiser_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organiser_id"], ["users.id"], name=op.f("fk_events_organiser_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programmes.id"], name=op.f("fk_events_programme_id_programmes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_programme_id"), "events", ["programme_id"], unique=False)
    op.create_index(op.f("ix_events_status"), "events", ["status"], unique=False)
    op.create_table(
        "event_schedule_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="jobstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_schedule_jobs_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_event_schedule_jobs_requested_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_schedule_jobs")),
    )
    op.create_index(
        op.f("ix_event_schedule_jobs_event_id"), "event_schedule_jobs", ["event_id"], unique=False
    )
    op.create_index(
        "uq_event_schedule_jobs_active",
        "event_schedule_jobs",
        ["event_id"],
        unique=True,
        sqlite_where=sa.text(ACTIVE_JOB),
        postgresql_where=sa.text(ACTIVE_JOB),
    )
    op.create_table(
        "event_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("slots", sa.Integer(), nullable=False),
        sa.CheckConstraint("slots > 0", name=op.f("ck_event_sessions_slots_positive")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_sessions_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_sessions")),
    )
    op.create_index(
        op.f("ix_event_sessions_event_id"), "event_sessions", ["event_id"], unique=False
    )
    op.create_table(
        "event_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_tables_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_tables")),
        sa.UniqueConstraint("event_id", "name", name=op.f("uq_event_tables_event_id")),
    )
    op.create_table(
        "event_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "approved",
                "declined",
                "cancelled",
                name="registrationstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("offer", sa.String(length=500), nullable=True),
        sa.Column("looking_for", sa.String(length=500), nullable=True),
        sa.Column("max_meetings", sa.Integer(), nullable=True),
        sa.Column("unavailable", sa.JSON(), nullable=False),
        sa.Column("booth_table_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["booth_table_id"],
            ["event_tables.id"],
            name=op.f("fk_event_registrations_booth_table_id_event_tables"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_registrations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_event_registrations_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_event_registrations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_registrations")),
        sa.UniqueConstraint("booth_table_id", name=op.f("uq_event_registrations_booth_table_id")),
        sa.UniqueConstraint("event_id", "email", name=op.f("uq_event_registrations_event_id")),
    )
    op.create_index(
        op.f("ix_event_registrations_organisation_id"),
        "event_registrations",
        ["organisation_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_event_registrations_user_id"), "event_registrations", ["user_id"], unique=False
    )
    op.create_table(
        "meeting_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("requested_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                "cancelled",
                name="requeststatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("mutual", sa.Boolean(), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "priority BETWEEN 1 AND 3", name=op.f("ck_meeting_requests_priority_range")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_meeting_requests_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_id"],
            ["event_registrations.id"],
            name=op.f("fk_meeting_requests_requested_id_event_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["event_registrations.id"],
            name=op.f("fk_meeting_requests_requester_id_event_registrations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_requests")),
        sa.UniqueConstraint(
            "requester_id", "requested_id", name=op.f("uq_meeting_requests_requester_id")
        ),
    )
    op.create_index(
        op.f("ix_meeting_requests_event_id"), "meeting_requests", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_meeting_requests_requested_id"), "meeting_requests", ["requested_id"], unique=False
    )
    op.create_table(
        "event_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("requester_id", sa.Integer(), nullable=False),
        sa.Column("requested_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "cancelled",
                "held",
                "not_held",
                name="meetingstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "outcome",
            sa.Enum(
                "follow_up",
                "agreement_signed",
                "no_interest",
                "other",
                name="meetingoutcome",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_meetings_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["meeting_requests.id"],
            name=op.f("fk_event_meetings_request_id_meeting_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_id"],
            ["event_registrations.id"],
            name=op.f("fk_event_meetings_requested_id_event_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_id"],
            ["event_registrations.id"],
            name=op.f("fk_event_meetings_requester_id_event_registrations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["event_tables.id"], name=op.f("fk_event_meetings_table_id_event_tables")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_meetings")),
    )
    op.create_index(
        op.f("ix_event_meetings_event_id"), "event_meetings", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_meetings_request_id"), "event_meetings", ["request_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_meetings_requested_id"), "event_meetings", ["requested_id"], unique=False
    )
    op.create_index(
        op.f("ix_event_meetings_requester_id"), "event_meetings", ["requester_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_event_meetings_requester_id"), table_name="event_meetings")
    op.drop_index(op.f("ix_event_meetings_requested_id"), table_name="event_meetings")
    op.drop_index(op.f("ix_event_meetings_request_id"), table_name="event_meetings")
    op.drop_index(op.f("ix_event_meetings_event_id"), table_name="event_meetings")
    op.drop_table("event_meetings")
    op.drop_index(op.f("ix_meeting_requests_requested_id"), table_name="meeting_requests")
    op.drop_index(op.f("ix_meeting_requests_event_id"), table_name="meeting_requests")
    op.drop_table("meeting_requests")
    op.drop_index(op.f("ix_event_registrations_user_id"), table_name="event_registrations")
    op.drop_index(op.f("ix_event_registrations_organisation_id"), table_name="event_registrations")
    op.drop_table("event_registrations")
    op.drop_table("event_tables")
    op.drop_index(op.f("ix_event_sessions_event_id"), table_name="event_sessions")
    op.drop_table("event_sessions")
    op.drop_index("uq_event_schedule_jobs_active", table_name="event_schedule_jobs")
    op.drop_index(op.f("ix_event_schedule_jobs_event_id"), table_name="event_schedule_jobs")
    op.drop_table("event_schedule_jobs")
    op.drop_index(op.f("ix_events_status"), table_name="events")
    op.drop_index(op.f("ix_events_programme_id"), table_name="events")
    op.drop_table("events")
