"""Alembic driven from code: `kiosk-server db upgrade` and the tests share it.

The platform's linear chain lives in server/migrations/versions; a domain may carry its own
branch in server/<domain>/migrations (found at run time), whose first revision has
`branch_labels = ("<domain>",)`, `down_revision = None` and `depends_on` the platform head
it was written against. `upgrade` goes to every head.
"""

import os
from pathlib import Path

from alembic import command
from alembic.config import Config

from server import discovery

MIGRATIONS = Path(__file__).parent / "migrations"


def version_locations() -> list[Path]:
    return [MIGRATIONS / "versions", *discovery.migration_dirs()]


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    # Alembic >= 1.16 reads path_separator, older ones version_path_separator.
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(
        str(path).replace("%", "%%") for path in version_locations()))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(database_url), revision)
    if database_url.startswith("postgresql"):
        # The job queue of the background tasks (procrastinate's own schema, not ours).
        from sqlalchemy import create_engine

        from server.tasks.engine import ensure_schema

        engine = create_engine(database_url)
        try:
            with engine.begin() as conn:
                ensure_schema(conn)
        finally:
            engine.dispose()
