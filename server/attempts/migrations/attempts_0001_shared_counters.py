"""attempts: failure counts of unknown accounts and attempt counters, in the database (shared
by every server behind the proxy)

Revision ID: attempts_0001
Revises:
Create Date: 2026-12-01 06:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'attempts_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('attempts',)
depends_on: str | Sequence[str] | None = '0008_device_certificates'

WHEN = server.db.UTCDateTime


def upgrade() -> None:
    op.create_table(
        'attempt_phantom_failures',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('locked_until', WHEN(), nullable=True),
        sa.Column('updated_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_attempt_phantom_failures')))
    op.create_table(
        'attempt_counters',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('window_start', WHEN(), nullable=False),
        sa.Column('hits', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_attempt_counters')))


def downgrade() -> None:
    op.drop_table('attempt_counters')
    op.drop_table('attempt_phantom_failures')
