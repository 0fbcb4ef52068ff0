"""procurement: rules, suppliers, representatives, committee keys, requests, items,
invitations, sealed bids, OCDS releases

Revision ID: procurement_0001
Revises:
Create Date: 2026-11-30 23:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'procurement_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('procurement',)
depends_on: str | Sequence[str] | None = '0006'

WHEN = server.db.UTCDateTime


def _id() -> sa.Column:
    return sa.Column('id', sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}'))


def upgrade() -> None:
    op.create_table(
        'procurement_rules', _id(),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('max_uit', sa.String(length=32), nullable=False),
        sa.Column('legal_basis', sa.String(length=300), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        _pk('procurement_rules'),
        sa.UniqueConstraint('valid_from', name=op.f('uq_procurement_rules_valid_from')),
    )
    op.create_table(
        'procurement_suppliers', _id(),
        sa.Column('ruc', sa.String(length=11), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('person_dni', sa.String(length=8), nullable=True),
        sa.Column('registered_by', sa.String(length=64), nullable=False),
        sa.Column('registered_at', WHEN(), nullable=False),
        _pk('procurement_suppliers'),
        sa.UniqueConstraint('ruc', name=op.f('uq_procurement_suppliers_ruc')),
    )
    op.create_table(
        'procurement_representatives', _id(),
        sa.Column('supplier_id', sa.Integer(), nullable=False),
        sa.Column('dni', sa.String(length=8), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('registered_by', sa.String(length=64), nullable=False),
        sa.Column('registered_at', WHEN(), nullable=False),
        _fk('procurement_representatives', 'supplier_id', 'procurement_suppliers'),
        _pk('procurement_representatives'),
        sa.UniqueConstraint('supplier_id', 'dni', name='uq_procurement_rep'),
    )
    op.create_index('ix_procurement_representatives_dni', 'procurement_representatives',
                    ['dni'])
    op.create_table(
        'procurement_keys', _id(),
        sa.Column('holder', sa.String(length=64), nullable=False),
        sa.Column('public_key', sa.String(length=64), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('registered_by', sa.String(length=64), nullable=False),
        sa.Column('registered_at', WHEN(), nullable=False),
        _pk('procurement_keys'),
        sa.UniqueConstraint('public_key', name=op.f('uq_procurement_keys_public_key')),
    )
    op.create_table(
        'procurement_requests', _id(),
        sa.Column('code', sa.String(length=24), nullable=False),
        sa.Column('ocid', sa.String(length=64), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('description', sa.String(length=1000), nullable=False),
        sa.Column('category', sa.String(length=12), nullable=False),
        sa.Column('delivery_place', sa.String(length=200), nullable=False),
        sa.Column('delivery_days', sa.Integer(), nullable=False),
        sa.Column('estimated_value', sa.BigInteger(), nullable=False),
        sa.Column('cap', sa.BigInteger(), nullable=False),
        sa.Column('deadline', WHEN(), nullable=False),
        sa.Column('open_to_all', sa.Boolean(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('key_first_id', sa.Integer(), nullable=False),
        sa.Column('key_second_id', sa.Integer(), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('published_at', WHEN(), nullable=False),
        sa.Column('opened_at', WHEN(), nullable=True),
        sa.Column('opening_code', sa.String(length=16), nullable=True),
        sa.Column('awarded_bid_id', sa.Integer(), nullable=True),
        sa.Column('awarded_at', WHEN(), nullable=True),
        sa.Column('award_code', sa.String(length=16), nullable=True),
        sa.Column('order_number', sa.String(length=40), nullable=True),
        sa.Column('order_code', sa.String(length=16), nullable=True),
        sa.Column('ordered_at', WHEN(), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=True),
        sa.Column('updated_at', WHEN(), nullable=False),
        _fk('procurement_requests', 'key_first_id', 'procurement_keys'),
        _fk('procurement_requests', 'key_second_id', 'procurement_keys'),
        _pk('procurement_requests'),
        sa.UniqueConstraint('code', name=op.f('uq_procurement_requests_code')),
        sa.UniqueConstraint('ocid', name=op.f('uq_procurement_requests_ocid')),
    )
    op.create_index('ix_procurement_requests_state', 'procurement_requests', ['state'])
    op.create_table(
        'procurement_items', _id(),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('description', sa.String(length=300), nullable=False),
        sa.Column('quantity', sa.String(length=32), nullable=False),
        sa.Column('unit', sa.String(length=40), nullable=False),
        _fk('procurement_items', 'request_id', 'procurement_requests'),
        _pk('procurement_items'),
        sa.UniqueConstraint('request_id', 'seq', name='uq_procurement_items_seq'),
    )
    op.create_index('ix_procurement_items_request_id', 'procurement_items', ['request_id'])
    op.create_table(
        'procurement_invitations', _id(),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('supplier_id', sa.Integer(), nullable=False),
        _fk('procurement_invitations', 'request_id', 'procurement_requests'),
        _fk('procurement_invitations', 'supplier_id', 'procurement_suppliers'),
        _pk('procurement_invitations'),
        sa.UniqueConstraint('request_id', 'supplier_id', name='uq_procurement_invitations'),
    )
    op.create_index('ix_procurement_invitations_request_id', 'procurement_invitations',
                    ['request_id'])
    op.create_table(
        'procurement_bids', _id(),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('supplier_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('current', sa.Boolean(), nullable=False),
        sa.Column('sealed', sa.LargeBinary(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('commitment', sa.String(length=64), nullable=False),
        sa.Column('received_at', WHEN(), nullable=False),
        sa.Column('representative_dni', sa.String(length=8), nullable=False),
        sa.Column('receipt_code', sa.String(length=16), nullable=True),
        sa.Column('total', sa.BigInteger(), nullable=True),
        sa.Column('prices', sa.JSON(), nullable=True),
        sa.Column('delivery_days', sa.Integer(), nullable=True),
        sa.Column('validity_days', sa.Integer(), nullable=True),
        sa.Column('compliant', sa.Boolean(), nullable=True),
        sa.Column('reason', sa.String(length=500), nullable=True),
        sa.Column('rank', sa.Integer(), nullable=True),
        _fk('procurement_bids', 'request_id', 'procurement_requests'),
        _fk('procurement_bids', 'supplier_id', 'procurement_suppliers'),
        _pk('procurement_bids'),
        sa.UniqueConstraint('request_id', 'supplier_id', 'seq', name='uq_procurement_bids_seq'),
    )
    op.create_index('ix_procurement_bids_request_id', 'procurement_bids', ['request_id'])
    op.create_table(
        'procurement_releases', _id(),
        sa.Column('ocid', sa.String(length=64), nullable=False),
        sa.Column('release_id', sa.String(length=100), nullable=False),
        sa.Column('date', WHEN(), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        _pk('procurement_releases'),
        sa.UniqueConstraint('release_id', name=op.f('uq_procurement_releases_release_id')),
    )
    op.create_index('ix_procurement_releases_ocid', 'procurement_releases', ['ocid'])


def downgrade() -> None:
    for table in ('procurement_releases', 'procurement_bids', 'procurement_invitations',
                  'procurement_items', 'procurement_requests', 'procurement_keys',
                  'procurement_representatives', 'procurement_suppliers', 'procurement_rules'):
        op.drop_table(table)
