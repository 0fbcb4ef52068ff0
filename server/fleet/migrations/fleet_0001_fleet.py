"""fleet: configuration per site and device, device health, alerts, remote commands, map

Revision ID: fleet_0001
Revises:
Create Date: 2026-12-01 06:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import server.db

revision: str = 'fleet_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('fleet',)
depends_on: str | Sequence[str] | None = '0008_device_certificates'

WHEN = server.db.UTCDateTime


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'],
                                   name=op.f(f'fk_{table}_{column}_{target}'))


def upgrade() -> None:
    op.create_table(
        'fleet_configs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=True),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('updated_at', WHEN(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=False),
        _fk('fleet_configs', 'site_id', 'sites'),
        _fk('fleet_configs', 'device_id', 'devices'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fleet_configs')),
    )
    op.create_index(op.f('ix_fleet_configs_site_id'), 'fleet_configs', ['site_id'])
    op.create_table(
        'fleet_site_positions',
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('map_x', sa.Integer(), nullable=False),
        sa.Column('map_y', sa.Integer(), nullable=False),
        _fk('fleet_site_positions', 'site_id', 'sites'),
        sa.PrimaryKeyConstraint('site_id', name=op.f('pk_fleet_site_positions')),
    )
    op.create_table(
        'fleet_device_health',
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('beats', sa.Integer(), nullable=False),
        sa.Column('outbox', sa.Integer(), nullable=False),
        sa.Column('disk_free_mb', sa.Integer(), nullable=True),
        sa.Column('uptime_seconds', sa.Integer(), nullable=True),
        sa.Column('config_hash', sa.String(length=64), nullable=True),
        sa.Column('streaks', sa.JSON(), nullable=False),
        _fk('fleet_device_health', 'device_id', 'devices'),
        sa.PrimaryKeyConstraint('device_id', name=op.f('pk_fleet_device_health')),
    )
    op.create_table(
        'fleet_alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('opened_at', WHEN(timezone=True), nullable=False),
        sa.Column('closed_at', WHEN(timezone=True), nullable=True),
        sa.Column('details', sa.JSON(), nullable=False),
        _fk('fleet_alerts', 'device_id', 'devices'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fleet_alerts')),
    )
    op.create_index(op.f('ix_fleet_alerts_device_id'), 'fleet_alerts', ['device_id'])
    op.create_index('uq_fleet_alerts_open', 'fleet_alerts', ['device_id', 'kind'], unique=True,
                    sqlite_where=sa.text('closed_at IS NULL'),
                    postgresql_where=sa.text('closed_at IS NULL'))
    op.create_table(
        'fleet_commands',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('device_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('issued_at', WHEN(timezone=True), nullable=False),
        sa.Column('issued_by', sa.String(length=64), nullable=False),
        sa.Column('delivered_at', WHEN(timezone=True), nullable=True),
        sa.Column('acked_at', WHEN(timezone=True), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('detail', sa.String(length=300), nullable=True),
        _fk('fleet_commands', 'device_id', 'devices'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fleet_commands')),
    )
    op.create_index(op.f('ix_fleet_commands_device_id'), 'fleet_commands', ['device_id'])


def downgrade() -> None:
    op.drop_table('fleet_commands')
    op.drop_table('fleet_alerts')
    op.drop_table('fleet_device_health')
    op.drop_table('fleet_site_positions')
    op.drop_table('fleet_configs')
