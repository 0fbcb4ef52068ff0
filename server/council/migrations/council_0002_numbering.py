"""council: session codes and agreement numbers taken from locked number series

Session codes were the count of the year's sessions + 1 and agreement numbers the highest + 1:
two taken at once got the same one. They now come from `number_series` (the documents
domain's locked correlatives); this starts each series where the register already is.

Revision ID: council_0002
Revises: council_0001
Create Date: 2026-12-01 02:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "council_0002"
down_revision: str | None = "council_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    last: dict[str, int] = {}
    for (code,) in conn.execute(sa.text("SELECT code FROM council_sessions")):
        series, _, n = code.rpartition("-")  # SC-2026-004
        if n.isdigit():
            last[series] = max(last.get(series, 0), int(n))
    for kind, year, seq in conn.execute(sa.text(
            "SELECT kind, year, MAX(seq) FROM council_agreements GROUP BY kind, year")):
        last[f"council-{kind}-{year}"] = seq
    for series, n in last.items():
        conn.execute(sa.text("DELETE FROM number_series WHERE series = :s"), {"s": series})
        conn.execute(sa.text("INSERT INTO number_series (series, last) VALUES (:s, :n)"),
                     {"s": series, "n": n})


def downgrade() -> None:
    op.get_bind().execute(sa.text(
        "DELETE FROM number_series WHERE series LIKE 'SC-%' OR series LIKE 'council-%'"))
