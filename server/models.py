"""Imports every domain's models so that Base.metadata knows all tables (Alembic, tests)."""

from server.accounts import models as accounts_models
from server.audit import models as audit_models
from server.auth import models as auth_models
from server.db import Base
from server.documents import models as documents_models
from server.elections import models as elections_models
from server.idempotency import models as idempotency_models
from server.identity import models as identity_models
from server.info import models as info_models
from server.offices import models as offices_models
from server.payments import models as payments_models
from server.procedures import models as procedures_models
from server.sites import models as sites_models

__all__ = [
           "Base",
           "accounts_models",
           "audit_models",
           "auth_models",
           "documents_models",
           "elections_models",
           "idempotency_models",
           "identity_models",
           "info_models",
           "offices_models",
           "payments_models",
           "procedures_models",
           "sites_models",
]
