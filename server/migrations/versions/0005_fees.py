"""fees: what a fee debt is for, as kind + reference (not a label searched later)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 09:00:00

Backfills the procedure fees of before: a `tasa` debt's detail is "<code> <name>"; its fee
is used when an expediente gives a receipt that paid it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'fees',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('debt_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('reference', sa.String(length=64), nullable=False),
        sa.Column('label_es', sa.String(length=240), nullable=False),
        sa.Column('label_en', sa.String(length=240), nullable=False),
        sa.Column('created_at', server.db.UTCDateTime(), nullable=False),
        sa.Column('used_at', server.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['debt_id'], ['debts.id'], name=op.f('fk_fees_debt_id_debts')),
        sa.ForeignKeyConstraint(['resident_id'], ['residents.id'],
                                name=op.f('fk_fees_resident_id_residents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fees')),
        sa.UniqueConstraint('debt_id', name=op.f('uq_fees_debt_id')),
    )
    with op.batch_alter_table('fees', schema=None) as batch_op:
        batch_op.create_index('ix_fees_resident_kind_reference',
                              ['resident_id', 'kind', 'reference'], unique=False)
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    debts = sa.table('debts', sa.column('id'), sa.column('resident_id'), sa.column('tribute'),
                     sa.column('detail'), sa.column('created_at', server.db.UTCDateTime()))
    allocations = sa.table('allocations', sa.column('debt_id'), sa.column('payment_id'))
    payments = sa.table('payments', sa.column('id'), sa.column('receipt_number'))
    expedientes = sa.table('expedientes', sa.column('fee_receipt'),
                           sa.column('created_at', server.db.UTCDateTime()))
    procedures = sa.table('procedures', sa.column('code'), sa.column('name_en'),
                          sa.column('valid_from'))
    fees = sa.table('fees', sa.column('debt_id'), sa.column('resident_id'), sa.column('kind'),
                    sa.column('reference'), sa.column('label_es'), sa.column('label_en'),
                    sa.column('created_at', server.db.UTCDateTime()),
                    sa.column('used_at', server.db.UTCDateTime()))
    names_en = dict(conn.execute(sa.select(procedures.c.code, procedures.c.name_en)
                                 .order_by(procedures.c.valid_from)).all())  # newest wins
    used_on = dict(conn.execute(sa.select(expedientes.c.fee_receipt, expedientes.c.created_at)
                                .where(expedientes.c.fee_receipt.is_not(None))).all())
    receipts: dict[int, list[str]] = {}
    for debt_id, receipt in conn.execute(
            sa.select(allocations.c.debt_id, payments.c.receipt_number)
            .join(payments, payments.c.id == allocations.c.payment_id)
            .join(debts, debts.c.id == allocations.c.debt_id)
            .where(debts.c.tribute == 'tasa')).all():
        receipts.setdefault(debt_id, []).append(receipt)
    rows = []
    for debt_id, resident_id, detail, created_at in conn.execute(
            sa.select(debts.c.id, debts.c.resident_id, debts.c.detail, debts.c.created_at)
            .where(debts.c.tribute == 'tasa').order_by(debts.c.id)).all():
        detail = detail or ''
        code = detail.split(' ', 1)[0]
        used = [used_on[r] for r in receipts.get(debt_id, []) if r in used_on]
        rows.append({'debt_id': debt_id, 'resident_id': resident_id, 'kind': 'procedure',
                     'reference': code, 'label_es': detail,
                     'label_en': f"{code} {names_en[code]}" if code in names_en else detail,
                     'created_at': created_at, 'used_at': min(used) if used else None})
    if rows:
        op.bulk_insert(fees, rows)


def downgrade() -> None:
    with op.batch_alter_table('fees', schema=None) as batch_op:
        batch_op.drop_index('ix_fees_resident_kind_reference')
    op.drop_table('fees')
