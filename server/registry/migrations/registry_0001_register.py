"""registry: actas, persons, annotations, images, copies, copy requests, RENIEC batches, fees

Revision ID: registry_0001
Revises:
Create Date: 2026-11-30 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'registry_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('registry',)
depends_on: str | Sequence[str] | None = '0005'

WHEN = server.db.UTCDateTime


def _id() -> sa.Column:
    return sa.Column('id', sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'registry_batches', _id(),
        sa.Column('number', sa.String(length=24), nullable=False),
        sa.Column('filename', sa.String(length=80), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_batches')),
        sa.UniqueConstraint('number', name=op.f('uq_registry_batches_number')),
    )
    op.create_table(
        'registry_actas', _id(),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('ref', sa.String(length=20), nullable=False),
        sa.Column('office', sa.String(length=120), nullable=False),
        sa.Column('book', sa.String(length=40), nullable=False),
        sa.Column('event_date', sa.Date(), nullable=False),
        sa.Column('event_place', sa.String(length=200), nullable=False),
        sa.Column('registered_on', sa.Date(), nullable=False),
        sa.Column('registrar_name', sa.String(length=120), nullable=False),
        sa.Column('registered_by', sa.String(length=64), nullable=False),
        sa.Column('digitised', sa.Boolean(), nullable=False),
        sa.Column('reserved', sa.Boolean(), nullable=False),
        sa.Column('reserved_reason', sa.String(length=300), nullable=True),
        sa.Column('free_copy', sa.Boolean(), nullable=False),
        sa.Column('ceremony', sa.String(length=40), nullable=True),
        sa.Column('sent_at', WHEN(), nullable=True),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.Column('created_at', WHEN(), nullable=False),
        _fk('registry_actas', 'batch_id', 'registry_batches'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_actas')),
        sa.UniqueConstraint('ref', name=op.f('uq_registry_actas_ref')),
        sa.UniqueConstraint('kind', 'year', 'number', name='uq_registry_actas_number'),
    )
    op.create_index('ix_registry_actas_unsent', 'registry_actas', ['sent_at', 'registered_on'])
    op.create_table(
        'registry_persons', _id(),
        sa.Column('acta_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('principal', sa.Boolean(), nullable=False),
        sa.Column('given_names', sa.String(length=120), nullable=False),
        sa.Column('surnames', sa.String(length=120), nullable=False),
        sa.Column('name_key', sa.String(length=250), nullable=False),
        sa.Column('dni', sa.String(length=8), nullable=True),
        sa.Column('birth_date', sa.Date(), nullable=True),
        _fk('registry_persons', 'acta_id', 'registry_actas'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_persons')),
    )
    op.create_index('ix_registry_persons_acta_id', 'registry_persons', ['acta_id'])
    op.create_index('ix_registry_persons_dni', 'registry_persons', ['dni'])
    op.create_index('ix_registry_persons_search', 'registry_persons', ['kind', 'name_key'],
                    postgresql_ops={'name_key': 'varchar_pattern_ops'})
    op.create_table(
        'registry_annotations', _id(),
        sa.Column('acta_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('text', sa.String(length=1000), nullable=False),
        sa.Column('reference', sa.String(length=120), nullable=False),
        sa.Column('made_by', sa.String(length=64), nullable=False),
        sa.Column('made_by_name', sa.String(length=120), nullable=False),
        sa.Column('made_at', WHEN(), nullable=False),
        _fk('registry_annotations', 'acta_id', 'registry_actas'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_annotations')),
        sa.UniqueConstraint('acta_id', 'seq', name='uq_registry_annotations_seq'),
    )
    op.create_index('ix_registry_annotations_acta_id', 'registry_annotations', ['acta_id'])
    op.create_table(
        'registry_images', _id(),
        sa.Column('acta_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=200), nullable=False),
        sa.Column('media_type', sa.String(length=40), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('added_by', sa.String(length=64), nullable=False),
        sa.Column('added_at', WHEN(), nullable=False),
        _fk('registry_images', 'acta_id', 'registry_actas'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_images')),
    )
    op.create_index('ix_registry_images_acta_id', 'registry_images', ['acta_id'])
    op.create_table(
        'registry_requests', _id(),
        sa.Column('tracking', sa.String(length=24), nullable=False),
        sa.Column('acta_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('receipt', sa.String(length=40), nullable=True),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('ticket_code', sa.String(length=16), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.Column('fulfilled_at', WHEN(), nullable=True),
        sa.Column('fulfilled_by', sa.String(length=64), nullable=True),
        sa.Column('copy_code', sa.String(length=16), nullable=True),
        _fk('registry_requests', 'acta_id', 'registry_actas'),
        _fk('registry_requests', 'resident_id', 'residents'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_requests')),
        sa.UniqueConstraint('tracking', name=op.f('uq_registry_requests_tracking')),
    )
    op.create_index('ix_registry_requests_acta_id', 'registry_requests', ['acta_id'])
    op.create_index('ix_registry_requests_resident_id', 'registry_requests', ['resident_id'])
    op.create_index('ix_registry_requests_state', 'registry_requests', ['state'])
    op.create_table(
        'registry_copies', _id(),
        sa.Column('acta_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('document_code', sa.String(length=16), nullable=False),
        sa.Column('amount', sa.BigInteger(), nullable=False),
        sa.Column('free', sa.Boolean(), nullable=False),
        sa.Column('receipt', sa.String(length=40), nullable=True),
        sa.Column('channel', sa.String(length=12), nullable=False),
        sa.Column('issued_by', sa.String(length=64), nullable=False),
        sa.Column('issued_at', WHEN(), nullable=False),
        _fk('registry_copies', 'acta_id', 'registry_actas'),
        _fk('registry_copies', 'resident_id', 'residents'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_copies')),
        sa.UniqueConstraint('document_code', name=op.f('uq_registry_copies_document_code')),
    )
    op.create_index('ix_registry_copies_acta_id', 'registry_copies', ['acta_id'])
    op.create_index('ix_registry_copies_resident_id', 'registry_copies', ['resident_id'])
    op.create_table(
        'registry_fees', _id(),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('fee_uit', sa.String(length=32), nullable=False),
        sa.Column('tupa_code', sa.String(length=16), nullable=False),
        sa.Column('legal_basis', sa.String(length=200), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_fees')),
        sa.UniqueConstraint('valid_from', name=op.f('uq_registry_fees_valid_from')),
    )


def downgrade() -> None:
    for table in ('registry_fees', 'registry_copies', 'registry_requests', 'registry_images',
                  'registry_annotations', 'registry_persons', 'registry_actas',
                  'registry_batches'):
        op.drop_table(table)
