"""Every domain's router under /api/v1; all but enrolment, bank notifications (signed by
the bank), the public election endpoints, following a file by number and DNI/RUC, and
Open311 require a device credential."""

from fastapi import APIRouter, Depends

from server.accounts.routes import router as accounts_router
from server.auth.routes import router as auth_router
from server.deps import current_device
from server.documents.routes import router as documents_router
from server.elections.routes import public_router as elections_public_router
from server.elections.routes import router as elections_router
from server.identity.routes import router as residents_router
from server.info.open311 import router as open311_router
from server.info.routes import router as info_router
from server.payments.routes import public_router as bank_router
from server.payments.routes import router as payments_router
from server.procedures.routes import public_router as procedures_public_router
from server.procedures.routes import router as procedures_router
from server.sites.routes import public_router as enrol_router
from server.sites.routes import router as devices_router


def build_api_router() -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    api.include_router(enrol_router)
    api.include_router(bank_router)  # banks sign each notification instead (HMAC)
    api.include_router(elections_public_router)  # trackers, results, record: for anyone
    api.include_router(procedures_public_router)  # follow a file by number + DNI/RUC
    api.include_router(open311_router)  # GeoReport v2: POST carries a device key as api_key
    device_only = APIRouter(dependencies=[Depends(current_device)])
    for router in (auth_router, devices_router, residents_router, documents_router,
                   accounts_router, payments_router, elections_router, procedures_router,
                   info_router):
        device_only.include_router(router)
    api.include_router(device_only)
    return api
