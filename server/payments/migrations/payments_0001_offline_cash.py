"""payments: blocks of receipt numbers for offline cash, and the offline payments received

Revision ID: payments_0001
Revises:
Create Date: 2026-12-01 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db
import server.money

revision: str = 'payments_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('payments',)
depends_on: str | Sequence[str] | None = '0008_device_certificates'

WHEN = server.db.UTCDateTime


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'offline_receipt_blocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('first', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.Column('reserved_by', sa.String(length=64), nullable=False),
        sa.Column('reserved_at', WHEN(timezone=True), nullable=False),
        _fk('offline_receipt_blocks', 'device_id', 'devices'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_receipt_blocks')),
        sa.UniqueConstraint('device_id', 'first',
                            name=op.f('uq_offline_receipt_blocks_device_id')),
    )
    op.create_index(op.f('ix_offline_receipt_blocks_device_id'), 'offline_receipt_blocks',
                    ['device_id'], unique=False)
    op.create_table(
        'offline_payments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=40), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('cash_session_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('debt_ids', sa.JSON(), nullable=False),
        sa.Column('amount', server.money.Money(), nullable=False),
        sa.Column('collected_at', WHEN(timezone=True), nullable=False),
        sa.Column('received_at', WHEN(timezone=True), nullable=False),
        sa.Column('signature', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=64), nullable=True),
        _fk('offline_payments', 'device_id', 'devices'),
        _fk('offline_payments', 'staff_id', 'staff_users'),
        _fk('offline_payments', 'cash_session_id', 'cash_sessions'),
        _fk('offline_payments', 'resident_id', 'residents'),
        _fk('offline_payments', 'payment_id', 'payments'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_payments')),
        sa.UniqueConstraint('number', name=op.f('uq_offline_payments_number')),
    )
    op.create_index(op.f('ix_offline_payments_resident_id'), 'offline_payments',
                    ['resident_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_offline_payments_resident_id'), table_name='offline_payments')
    op.drop_table('offline_payments')
    op.drop_index(op.f('ix_offline_receipt_blocks_device_id'),
                  table_name='offline_receipt_blocks')
    op.drop_table('offline_receipt_blocks')
