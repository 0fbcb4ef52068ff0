"""marriages: rules, places, bookings (no overlap on PostgreSQL), persons, documents, objections

Revision ID: marriages_0001
Revises:
Create Date: 2026-11-30 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'marriages_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('marriages',)
depends_on: str | Sequence[str] | None = '0006'

WHEN = server.db.UTCDateTime


def _id() -> sa.Column:
    return sa.Column('id', sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'marriages_rules', _id(),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('min_age', sa.Integer(), nullable=False),
        sa.Column('file_working_days', sa.Integer(), nullable=False),
        sa.Column('edicto_days', sa.Integer(), nullable=False),
        sa.Column('capacity_months', sa.Integer(), nullable=False),
        sa.Column('medical_days', sa.Integer(), nullable=False),
        sa.Column('dissolution_days', sa.Integer(), nullable=False),
        sa.Column('witness_years', sa.Integer(), nullable=False),
        sa.Column('duration_minutes', sa.Integer(), nullable=False),
        sa.Column('buffer_minutes', sa.Integer(), nullable=False),
        sa.Column('office_opens', sa.String(length=5), nullable=False),
        sa.Column('office_closes', sa.String(length=5), nullable=False),
        sa.Column('fee_hall_uit', sa.String(length=32), nullable=False),
        sa.Column('fee_hall_after_hours_uit', sa.String(length=32), nullable=False),
        sa.Column('fee_elsewhere_uit', sa.String(length=32), nullable=False),
        sa.Column('tupa_code', sa.String(length=16), nullable=False),
        sa.Column('legal_basis', sa.String(length=300), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_rules')),
        sa.UniqueConstraint('valid_from', name=op.f('uq_marriages_rules_valid_from')),
    )
    op.create_table(
        'marriages_places', _id(),
        sa.Column('code', sa.String(length=24), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('hall', sa.Boolean(), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.Column('slot_times', sa.String(length=200), nullable=False),
        sa.Column('weekdays', sa.String(length=7), nullable=False),
        sa.Column('stream_url', sa.String(length=300), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_places')),
        sa.UniqueConstraint('code', name=op.f('uq_marriages_places_code')),
    )
    op.create_table(
        'marriages_bookings', _id(),
        sa.Column('code', sa.String(length=24), nullable=False),
        sa.Column('place_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', WHEN(), nullable=False),
        sa.Column('ends_at', WHEN(), nullable=False),
        sa.Column('block_start', WHEN(), nullable=False),
        sa.Column('block_end', WHEN(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('fee', sa.BigInteger(), nullable=False),
        sa.Column('receipt', sa.String(length=40), nullable=True),
        sa.Column('document_code', sa.String(length=16), nullable=True),
        sa.Column('reschedules', sa.Integer(), nullable=False),
        sa.Column('file_complete_on', sa.Date(), nullable=True),
        sa.Column('edicto_on', sa.Date(), nullable=True),
        sa.Column('edicto_until', sa.Date(), nullable=True),
        sa.Column('newspaper', sa.String(length=200), nullable=True),
        sa.Column('newspaper_waiver', sa.String(length=300), nullable=True),
        sa.Column('capacity_on', sa.Date(), nullable=True),
        sa.Column('capacity_until', sa.Date(), nullable=True),
        sa.Column('officiant', sa.String(length=120), nullable=True),
        sa.Column('acta_ref', sa.String(length=20), nullable=True),
        sa.Column('cancel_reason', sa.String(length=300), nullable=True),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.Column('updated_at', WHEN(), nullable=False),
        _fk('marriages_bookings', 'place_id', 'marriages_places'),
        _fk('marriages_bookings', 'resident_id', 'residents'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_bookings')),
        sa.UniqueConstraint('code', name=op.f('uq_marriages_bookings_code')),
    )
    op.create_index('ix_marriages_bookings_place_block', 'marriages_bookings',
                    ['place_id', 'block_start'])
    op.create_index('ix_marriages_bookings_state', 'marriages_bookings', ['state'])
    op.create_index('ix_marriages_bookings_resident_id', 'marriages_bookings', ['resident_id'])
    if op.get_bind().dialect.name == 'postgresql':
        # No double booking, ever: two active bookings of a place never share a moment of
        # their slot plus buffer (SQLite: writers serialise and the booking checks first).
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute('ALTER TABLE marriages_bookings ADD CONSTRAINT ex_marriages_bookings_overlap '
                   'EXCLUDE USING gist (place_id WITH =, '
                   "tstzrange(block_start, block_end, '[)') WITH &&) WHERE (active)")
    op.create_table(
        'marriages_persons', _id(),
        sa.Column('booking_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=12), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('dni', sa.String(length=8), nullable=False),
        sa.Column('given_names', sa.String(length=120), nullable=False),
        sa.Column('surnames', sa.String(length=120), nullable=False),
        sa.Column('birth_date', sa.Date(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=True),
        sa.Column('civil_status', sa.String(length=12), nullable=False),
        sa.Column('dissolved_on', sa.Date(), nullable=True),
        sa.Column('sex', sa.String(length=1), nullable=True),
        _fk('marriages_persons', 'booking_id', 'marriages_bookings'),
        _fk('marriages_persons', 'resident_id', 'residents'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_persons')),
        sa.UniqueConstraint('booking_id', 'role', 'seq', name='uq_marriages_persons_seq'),
    )
    op.create_index('ix_marriages_persons_booking_id', 'marriages_persons', ['booking_id'])
    op.create_index('ix_marriages_persons_dni', 'marriages_persons', ['dni'])
    op.create_table(
        'marriages_documents', _id(),
        sa.Column('booking_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=True),
        sa.Column('reason', sa.String(length=300), nullable=True),
        sa.Column('checked_by', sa.String(length=64), nullable=True),
        sa.Column('checked_at', WHEN(), nullable=True),
        _fk('marriages_documents', 'booking_id', 'marriages_bookings'),
        _fk('marriages_documents', 'person_id', 'marriages_persons'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_documents')),
    )
    op.create_index('ix_marriages_documents_booking_id', 'marriages_documents', ['booking_id'])
    op.create_table(
        'marriages_objections', _id(),
        sa.Column('booking_id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('filer_name', sa.String(length=240), nullable=False),
        sa.Column('filer_dni', sa.String(length=8), nullable=False),
        sa.Column('grounds', sa.String(length=1000), nullable=False),
        sa.Column('filed_at', WHEN(), nullable=False),
        sa.Column('state', sa.String(length=12), nullable=False),
        sa.Column('resolution', sa.String(length=1000), nullable=True),
        sa.Column('resolved_by', sa.String(length=64), nullable=True),
        sa.Column('resolved_at', WHEN(), nullable=True),
        _fk('marriages_objections', 'booking_id', 'marriages_bookings'),
        _fk('marriages_objections', 'resident_id', 'residents'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_marriages_objections')),
        sa.UniqueConstraint('booking_id', 'seq', name='uq_marriages_objections_seq'),
    )
    op.create_index('ix_marriages_objections_booking_id', 'marriages_objections', ['booking_id'])


def downgrade() -> None:
    for table in ('marriages_objections', 'marriages_documents', 'marriages_persons',
                  'marriages_bookings', 'marriages_places', 'marriages_rules'):
        op.drop_table(table)
