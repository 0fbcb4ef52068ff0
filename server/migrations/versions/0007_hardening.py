"""hardening: the acquirer's settlement of card approvals (card payments reconciled)

Revision ID: 0007_hardening
Revises: 0006
Create Date: 2026-11-30 23:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db
import server.money

revision: str = '0007_hardening'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'card_settlements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('acquirer', sa.String(length=16), nullable=False),
        sa.Column('authorization', sa.String(length=20), nullable=False),
        sa.Column('amount', server.money.Money(), nullable=False),
        sa.Column('settled_at', server.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=False),
        sa.Column('imported_at', server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['payment_id'], ['payments.id'],
                                name=op.f('fk_card_settlements_payment_id_payments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_card_settlements')),
        sa.UniqueConstraint('acquirer', 'authorization',
                            name=op.f('uq_card_settlements_acquirer')),
        sa.UniqueConstraint('payment_id', name=op.f('uq_card_settlements_payment_id')),
    )


def downgrade() -> None:
    op.drop_table('card_settlements')
