"""payments: settling offline credits (refund from a till, or applied to other debts)

Revision ID: payments_0002
Revises: payments_0001
Create Date: 2026-12-01 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db
import server.money

revision: str = 'payments_0002'
down_revision: str | None = 'payments_0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = server.db.UTCDateTime


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    with op.batch_alter_table('offline_payments') as batch:
        batch.add_column(sa.Column('remaining', server.money.Money(), nullable=True))
    # Credits kept before this revision: all of it is still to settle.
    op.execute("UPDATE offline_payments SET remaining = amount WHERE status = 'credit'")
    op.create_table(
        'offline_credit_settlements',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('offline_payment_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('amount', server.money.Money(), nullable=False),
        sa.Column('cash_session_id', sa.Integer(), nullable=True),
        sa.Column('payment_id', sa.Integer(), nullable=True),
        sa.Column('document_code', sa.String(length=16), nullable=False),
        sa.Column('settled_by', sa.String(length=64), nullable=False),
        sa.Column('settled_at', WHEN(timezone=True), nullable=False),
        _fk('offline_credit_settlements', 'offline_payment_id', 'offline_payments'),
        _fk('offline_credit_settlements', 'cash_session_id', 'cash_sessions'),
        _fk('offline_credit_settlements', 'payment_id', 'payments'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_credit_settlements')),
    )
    op.create_index(op.f('ix_offline_credit_settlements_offline_payment_id'),
                    'offline_credit_settlements', ['offline_payment_id'], unique=False)
    op.create_index(op.f('ix_offline_credit_settlements_cash_session_id'),
                    'offline_credit_settlements', ['cash_session_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_offline_credit_settlements_cash_session_id'),
                  table_name='offline_credit_settlements')
    op.drop_index(op.f('ix_offline_credit_settlements_offline_payment_id'),
                  table_name='offline_credit_settlements')
    op.drop_table('offline_credit_settlements')
    with op.batch_alter_table('offline_payments') as batch:
        batch.drop_column('remaining')
