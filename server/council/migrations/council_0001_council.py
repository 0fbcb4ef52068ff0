"""council: terms, members, absences, sessions, agenda, attendance, votes, agreements,
minutes, live events

Revision ID: council_0001
Revises:
Create Date: 2026-11-30 22:37:14.962090
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = "council_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ("council",)
depends_on: str | Sequence[str] | None = "0006"


def upgrade() -> None:

    op.create_table(
        "council_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("regidores", sa.Integer(), nullable=False),
        sa.Column("second_call_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_terms")),
        sa.UniqueConstraint("code", name=op.f("uq_council_terms_code")),
    )
    op.create_table(
        "council_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("party", sa.String(length=120), nullable=False),
        sa.Column("committees", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["council_terms.id"],
            name=op.f("fk_council_members_term_id_council_terms"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_members")),
        sa.UniqueConstraint("term_id", "code", name="uq_council_members_code"),
    )
    with op.batch_alter_table("council_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_council_members_term_id"), ["term_id"], unique=False)

    op.create_table(
        "council_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("stream_url", sa.String(length=300), nullable=True),
        sa.Column("convened_on", sa.Date(), nullable=False),
        sa.Column("starts_at", server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("postponed_from", server.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("second_call_at", server.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("started_at", server.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", server.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("quorum", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("current_item", sa.Integer(), nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["term_id"],
            ["council_terms.id"],
            name=op.f("fk_council_sessions_term_id_council_terms"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_sessions")),
        sa.UniqueConstraint("code", name=op.f("uq_council_sessions_code")),
    )
    with op.batch_alter_table("council_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_sessions_starts_at"), ["starts_at"], unique=False
        )

    op.create_table(
        "council_absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["council_members.id"],
            name=op.f("fk_council_absences_member_id_council_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_absences")),
    )
    with op.batch_alter_table("council_absences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_absences_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "council_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("call", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("at", server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["council_members.id"],
            name=op.f("fk_council_attendance_member_id_council_members"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_council_attendance_session_id_council_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_attendance")),
        sa.UniqueConstraint(
            "session_id", "member_id", "call", name="uq_council_attendance_member"
        ),
    )
    with op.batch_alter_table("council_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_attendance_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "council_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_council_events_session_id_council_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_events")),
        sa.UniqueConstraint("session_id", "seq", name="uq_council_events_seq"),
    )
    with op.batch_alter_table("council_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_events_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "council_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("majority", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("offset_seconds", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=12), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("agreement", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_council_items_session_id_council_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_items")),
        sa.UniqueConstraint("session_id", "seq", name="uq_council_items_seq"),
    )
    with op.batch_alter_table("council_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_items_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "council_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("approved_in", sa.Integer(), nullable=True),
        sa.Column("approved_at", server.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_in"],
            ["council_sessions.id"],
            name=op.f("fk_council_minutes_approved_in_council_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_council_minutes_session_id_council_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_minutes")),
        sa.UniqueConstraint("session_id", name=op.f("uq_council_minutes_session_id")),
    )
    op.create_table(
        "council_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("document_code", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["council_items.id"],
            name=op.f("fk_council_agreements_item_id_council_items"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["council_sessions.id"],
            name=op.f("fk_council_agreements_session_id_council_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_agreements")),
        sa.UniqueConstraint("item_id", name=op.f("uq_council_agreements_item_id")),
        sa.UniqueConstraint("kind", "year", "seq", name="uq_council_agreements_seq"),
        sa.UniqueConstraint("number", name=op.f("uq_council_agreements_number")),
    )
    op.create_table(
        "council_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("option", sa.String(length=12), nullable=False),
        sa.Column("at", server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["council_items.id"], name=op.f("fk_council_votes_item_id_council_items")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["council_members.id"],
            name=op.f("fk_council_votes_member_id_council_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_votes")),
        sa.UniqueConstraint("item_id", "member_id", name="uq_council_votes_member"),
    )
    with op.batch_alter_table("council_votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_council_votes_item_id"), ["item_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("council_votes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_votes_item_id"))

    op.drop_table("council_votes")
    op.drop_table("council_agreements")
    op.drop_table("council_minutes")
    with op.batch_alter_table("council_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_items_session_id"))

    op.drop_table("council_items")
    with op.batch_alter_table("council_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_events_session_id"))

    op.drop_table("council_events")
    with op.batch_alter_table("council_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_attendance_session_id"))

    op.drop_table("council_attendance")
    with op.batch_alter_table("council_absences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_absences_member_id"))

    op.drop_table("council_absences")
    with op.batch_alter_table("council_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_sessions_starts_at"))

    op.drop_table("council_sessions")
    with op.batch_alter_table("council_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_members_term_id"))

    op.drop_table("council_members")
    op.drop_table("council_terms")
