from typing import Annotated

from fastapi import APIRouter, Response

from server.deps import (
    CurrentActor,
    CurrentDevice,
    CurrentStaff,
    DbDep,
    SettingsDep,
    limited,
    require_roles,
)
from server.errors import problem_responses
from server.identity.service import StaffRef
from server.sites import service
from server.sites.schemas import (
    CertificateOut,
    DeviceOut,
    EnrollIn,
    EnrollOut,
    HeartbeatIn,
    RenewIn,
    RevokeIn,
)

# Enrolment is the one call a device makes before it has a credential; the CRL is public
# (whoever checks a device certificate may fetch it).
# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422)
public_router = APIRouter(prefix="/devices", tags=["devices"], responses=REFUSALS)
Administrator = Annotated[StaffRef, require_roles()]  # no role but the administrator's
router = APIRouter(prefix="/devices", tags=["devices"], responses=REFUSALS)


@public_router.post("/enroll", response_model=EnrollOut,
                    dependencies=[limited("device.enroll")])
def enroll(body: EnrollIn, db: DbDep, settings: SettingsDep) -> EnrollOut:
    demo_token = settings.demo_enrolment_token if settings.demo else None
    return service.enroll(db=db, token=body.token, name=body.name, kind=body.kind,
                          demo_token=demo_token, csr=body.csr, settings=settings)


@public_router.get("/crl", response_class=Response,
                   responses={200: {"content": {"application/x-pem-file": {}}}})
def crl(db: DbDep, settings: SettingsDep) -> Response:
    """The device CA's current revocation list (PEM)."""
    return Response(service.crl_pem(db=db, settings=settings),
                    media_type="application/x-pem-file")


@router.get("/self", response_model=DeviceOut)
def me(db: DbDep, device: CurrentDevice) -> DeviceOut:
    return service.device_out(db=db, device=device)


@router.post("/heartbeat", status_code=204)
def heartbeat(body: HeartbeatIn, db: DbDep, device: CurrentDevice) -> None:
    service.heartbeat(db=db, device=device, beat=body)


@router.post("/certificate", response_model=CertificateOut)
def renew_certificate(body: RenewIn, db: DbDep, device: CurrentDevice,
                      settings: SettingsDep) -> CertificateOut:
    """A new client certificate for the calling device's new key, before the old expires."""
    issued = service.renew(db=db, settings=settings, device_id=device.id, csr_pem=body.csr)
    return CertificateOut(certificate=issued.certificate, ca_chain=issued.ca_chain,
                          not_after=issued.not_after)


@router.post("/{device_id}/revoke", status_code=204)
def revoke(device_id: int, body: RevokeIn, db: DbDep, settings: SettingsDep,
           _admin: Administrator, actor: CurrentActor, device: CurrentDevice) -> None:
    """Retire a device (administrators): its credential and certificates stop working."""
    service.revoke_device(db=db, settings=settings, device_id=device_id, reason=body.reason,
                          by=actor, from_device=device.id)


@router.get("", response_model=list[DeviceOut])
def site_devices(db: DbDep, device: CurrentDevice, _staff: CurrentStaff,
                 settings: SettingsDep) -> list[DeviceOut]:
    """The devices of the site the staff member is working at."""
    return service.list_devices(db=db, site_id=device.site_id)
