"""Every domain's router under /api/v1; all but enrolment, bank notifications (signed by
the bank) and the public election endpoints require a device credential."""

from fastapi import APIRouter, Depends

from server.accounts.routes import router as accounts_router
from server.auth.routes import router as auth_router
from server.deps import current_device
from server.documents.routes import router as documents_router
from server.elections.routes import public_router as elections_public_router
from server.elections.routes import router as elections_router
from server.identity.routes import router as residents_router
from server.payments.routes import bank_router
from server.payments.routes import router as payments_router
from server.sites.routes import public_router as enrol_router
from server.sites.routes import router as devices_router


def build_api_router() -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    api.include_router(enrol_router)
    api.include_router(bank_router)  # banks sign each notification instead (HMAC)
    api.include_router(elections_public_router)  # trackers, results, record: for anyone
    device_only = APIRouter(dependencies=[Depends(current_device)])
    for router in (auth_router, devices_router, residents_router, documents_router,
                   accounts_router, payments_router, elections_router):
        device_only.include_router(router)
    api.include_router(device_only)
    return api
