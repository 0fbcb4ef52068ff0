from fastapi import APIRouter

from server.deps import CurrentDevice, CurrentStaff, DbDep, SettingsDep, limited
from server.sites import service
from server.sites.schemas import DeviceOut, EnrollIn, EnrollOut, HeartbeatIn

# Enrolment is the one call a device makes before it has a credential.
public_router = APIRouter(prefix="/devices", tags=["devices"])
router = APIRouter(prefix="/devices", tags=["devices"])


@public_router.post("/enroll", response_model=EnrollOut,
                    dependencies=[limited("device.enroll")])
def enroll(body: EnrollIn, db: DbDep, settings: SettingsDep) -> EnrollOut:
    demo_token = settings.demo_enrolment_token if settings.demo else None
    return service.enroll(db=db, token=body.token, name=body.name, kind=body.kind,
                          demo_token=demo_token)


@router.get("/self", response_model=DeviceOut)
def me(db: DbDep, device: CurrentDevice) -> DeviceOut:
    return service.device_out(db=db, device=device)


@router.post("/heartbeat", status_code=204)
def heartbeat(body: HeartbeatIn, db: DbDep, device: CurrentDevice) -> None:
    service.heartbeat(db=db, device=device, beat=body)


@router.get("", response_model=list[DeviceOut])
def site_devices(db: DbDep, device: CurrentDevice, _staff: CurrentStaff,
                 settings: SettingsDep) -> list[DeviceOut]:
    """The devices of the site the staff member is working at."""
    return service.list_devices(db=db, site_id=device.site_id)
