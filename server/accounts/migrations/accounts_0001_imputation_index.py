"""accounts: an index for the imputation-order check every payment makes

Revision ID: accounts_0001
Revises:
Create Date: 2026-12-02 02:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = 'accounts_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = ('accounts',)
depends_on: str | Sequence[str] | None = '0008_device_certificates'

COLUMNS = ['resident_id', 'status', 'tribute', 'property_id', 'due_on', 'year', 'period', 'id']


def upgrade() -> None:
    op.create_index('ix_debts_imputation', 'debts', COLUMNS)


def downgrade() -> None:
    op.drop_index('ix_debts_imputation', table_name='debts')
