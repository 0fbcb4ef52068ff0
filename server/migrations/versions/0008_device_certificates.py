"""device certificates: the client certificates the device CA issued (mTLS behind nginx)

Revision ID: 0008_device_certificates
Revises: 0007_hardening
Create Date: 2026-12-01 02:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = '0008_device_certificates'
down_revision: str | None = '0007_hardening'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'device_certificates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('serial', sa.String(length=40), nullable=False),
        sa.Column('not_before', server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('not_after', server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', server.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['device_id'], ['devices.id'],
                                name=op.f('fk_device_certificates_device_id_devices')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_device_certificates')),
        sa.UniqueConstraint('serial', name=op.f('uq_device_certificates_serial')),
    )
    op.create_index(op.f('ix_device_certificates_device_id'), 'device_certificates',
                    ['device_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_device_certificates_device_id'), table_name='device_certificates')
    op.drop_table('device_certificates')
