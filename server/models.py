"""Every domain's tables in one metadata (for Alembic and the tests), found by discovery."""

from server.db import Base
from server.discovery import modules

MODELS = dict(modules("models"))

__all__ = ["MODELS", "Base"]
