"""wifi: dated rules, hotspots, RADIUS servers, batches, vouchers, sessions

Revision ID: wifi_0001
Revises:
Create Date: 2026-11-30 23:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'wifi_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('wifi',)
depends_on: str | Sequence[str] | None = '0006'

WHEN = server.db.UTCDateTime


def _id() -> sa.Column:
    return sa.Column('id', sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'wifi_rules', _id(),
        sa.Column('valid_from', sa.Date(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in (
            'vouchers_per_day', 'minutes', 'megabytes', 'up_kbps', 'down_kbps', 'valid_hours',
            'idle_seconds', 'interim_seconds', 'retention_days')],
        sa.Column('ssid', sa.String(length=32), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_rules')),
        sa.UniqueConstraint('valid_from', name=op.f('uq_wifi_rules_valid_from')),
    )
    op.create_table(
        'wifi_hotspots', _id(),
        sa.Column('code', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('place', sa.String(length=200), nullable=False),
        sa.Column('zone_id', sa.Integer(), nullable=False),
        sa.Column('ip', sa.String(length=45), nullable=False),
        sa.Column('secret', sa.String(length=64), nullable=False),
        sa.Column('coa_port', sa.Integer(), nullable=False),
        sa.Column('map_x', sa.Integer(), nullable=False),
        sa.Column('map_y', sa.Integer(), nullable=False),
        sa.Column('in_service', sa.Boolean(), nullable=False),
        sa.Column('last_seen_at', WHEN(), nullable=True),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_hotspots')),
        sa.UniqueConstraint('code', name=op.f('uq_wifi_hotspots_code')),
    )
    op.create_table(
        'wifi_radius_servers', _id(),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_radius_servers')),
        sa.UniqueConstraint('name', name=op.f('uq_wifi_radius_servers_name')),
        sa.UniqueConstraint('token_sha256', name=op.f('uq_wifi_radius_servers_token_sha256')),
    )
    op.create_table(
        'wifi_batches', _id(),
        sa.Column('number', sa.String(length=24), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_batches')),
        sa.UniqueConstraint('number', name=op.f('uq_wifi_batches_number')),
    )
    op.create_table(
        'wifi_vouchers', _id(),
        sa.Column('code', sa.String(length=10), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=True),
        sa.Column('batch_id', sa.Integer(), nullable=True),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('day_seq', sa.Integer(), nullable=True),
        sa.Column('created_at', WHEN(), nullable=False),
        sa.Column('expires_at', WHEN(), nullable=False),
        sa.Column('seconds_allowed', sa.BigInteger(), nullable=False),
        sa.Column('bytes_allowed', sa.BigInteger(), nullable=False),
        sa.Column('up_kbps', sa.Integer(), nullable=False),
        sa.Column('down_kbps', sa.Integer(), nullable=False),
        sa.Column('revoked_at', WHEN(), nullable=True),
        sa.Column('revoked_by', sa.String(length=64), nullable=True),
        sa.Column('revoke_reason', sa.String(length=200), nullable=True),
        _fk('wifi_vouchers', 'resident_id', 'residents'),
        _fk('wifi_vouchers', 'batch_id', 'wifi_batches'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_vouchers')),
        sa.UniqueConstraint('code', name=op.f('uq_wifi_vouchers_code')),
        sa.UniqueConstraint('resident_id', 'issued_on', 'day_seq',
                            name='uq_wifi_vouchers_resident_day_seq'),
    )
    op.create_table(
        'wifi_sessions', _id(),
        sa.Column('unique_id', sa.String(length=64), nullable=False),
        sa.Column('session_id', sa.String(length=64), nullable=False),
        sa.Column('voucher_id', sa.Integer(), nullable=True),
        sa.Column('hotspot_id', sa.Integer(), nullable=True),
        sa.Column('started_at', WHEN(), nullable=False),
        sa.Column('updated_at', WHEN(), nullable=False),
        sa.Column('stopped_at', WHEN(), nullable=True),
        sa.Column('seconds', sa.BigInteger(), nullable=False),
        sa.Column('bytes_in', sa.BigInteger(), nullable=False),
        sa.Column('bytes_out', sa.BigInteger(), nullable=False),
        sa.Column('packets', sa.Integer(), nullable=False),
        sa.Column('mac_hash', sa.String(length=64), nullable=True),
        sa.Column('ip', sa.String(length=45), nullable=True),
        sa.Column('terminate_cause', sa.String(length=40), nullable=True),
        sa.Column('disconnect_sent_at', WHEN(), nullable=True),
        _fk('wifi_sessions', 'voucher_id', 'wifi_vouchers'),
        _fk('wifi_sessions', 'hotspot_id', 'wifi_hotspots'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_wifi_sessions')),
        sa.UniqueConstraint('unique_id', name=op.f('uq_wifi_sessions_unique_id')),
    )
    op.create_index('ix_wifi_sessions_voucher', 'wifi_sessions', ['voucher_id'])
    op.create_index('ix_wifi_sessions_started', 'wifi_sessions', ['started_at'])


def downgrade() -> None:
    for table in ('wifi_sessions', 'wifi_vouchers', 'wifi_batches', 'wifi_radius_servers',
                  'wifi_hotspots', 'wifi_rules'):
        op.drop_table(table)
