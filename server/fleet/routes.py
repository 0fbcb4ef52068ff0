from typing import Annotated

from fastapi import APIRouter

from server.deps import CurrentActor, CurrentDevice, DbDep, SettingsDep, require_roles
from server.fleet import service
from server.fleet.schemas import (
    FleetAckIn,
    FleetAlertOut,
    FleetBeatIn,
    FleetBeatOut,
    FleetCommandIn,
    FleetCommandOut,
    FleetConfigIn,
    FleetConfigOut,
    FleetOut,
    SitePositionIn,
)
from server.identity.service import StaffRef

router = APIRouter(prefix="/fleet", tags=["fleet"])
Administrator = Annotated[StaffRef, require_roles()]  # no role but the administrator's


# -- the device's own calls --------------------------------------------------------------------
@router.post("/heartbeat", response_model=FleetBeatOut)
def heartbeat(body: FleetBeatIn, db: DbDep, device: CurrentDevice,
              settings: SettingsDep) -> FleetBeatOut:
    """The device's health; the answer carries its configuration's hash and pending commands."""
    return service.heartbeat(db=db, device=device, beat=body, settings=settings)


@router.get("/config", response_model=FleetConfigOut)
def my_config(db: DbDep, device: CurrentDevice) -> FleetConfigOut:
    return service.effective(db=db, device=device)


@router.post("/commands/{command_id}/ack", response_model=FleetCommandOut)
def ack(command_id: int, body: FleetAckIn, db: DbDep, device: CurrentDevice) -> FleetCommandOut:
    return service.ack(db=db, device=device, command_id=command_id, outcome=body.outcome,
                       detail=body.detail)


# -- the administrator's ---------------------------------------------------------------------
@router.get("", response_model=FleetOut)
def fleet(db: DbDep, settings: SettingsDep, _admin: Administrator) -> FleetOut:
    """Every site and device with its status (ok / alert / silent) and map position."""
    service.sweep(db=db, settings=settings)
    return service.fleet(db=db)


@router.get("/alerts", response_model=list[FleetAlertOut])
def alerts(db: DbDep, settings: SettingsDep, _admin: Administrator, open: bool = False,
           device_id: int | None = None) -> list[FleetAlertOut]:
    service.sweep(db=db, settings=settings)
    return service.list_alerts(db=db, only_open=open, device_id=device_id)


@router.get("/sites/{code}/config", response_model=FleetConfigIn)
def site_config(code: str, db: DbDep, _admin: Administrator) -> FleetConfigIn:
    return service.layer(db=db, site_code=code)


@router.put("/sites/{code}/config", response_model=FleetConfigIn)
def set_site_config(code: str, body: FleetConfigIn, db: DbDep, _admin: Administrator,
                    actor: CurrentActor) -> FleetConfigIn:
    return service.set_layer(db=db, by=actor, site_code=code, config=body)


@router.get("/devices/{device_id}/config", response_model=FleetConfigIn)
def device_config(device_id: int, db: DbDep, _admin: Administrator) -> FleetConfigIn:
    """The device's own layer (what it sets over its site's)."""
    return service.layer(db=db, device_id=device_id)


@router.put("/devices/{device_id}/config", response_model=FleetConfigIn)
def set_device_config(device_id: int, body: FleetConfigIn, db: DbDep, _admin: Administrator,
                      actor: CurrentActor) -> FleetConfigIn:
    return service.set_layer(db=db, by=actor, device_id=device_id, config=body)


@router.put("/sites/{code}/position", status_code=204)
def place_site(code: str, body: SitePositionIn, db: DbDep, _admin: Administrator,
               actor: CurrentActor) -> None:
    service.place_site(db=db, by=actor, site_code=code, position=body)
    db.commit()


@router.post("/devices/{device_id}/commands", response_model=FleetCommandOut, status_code=201)
def issue(device_id: int, body: FleetCommandIn, db: DbDep, _admin: Administrator,
          actor: CurrentActor) -> FleetCommandOut:
    return service.issue(db=db, by=actor, device_id=device_id, kind=body.kind)


@router.get("/commands", response_model=list[FleetCommandOut])
def commands(db: DbDep, _admin: Administrator,
             device_id: int | None = None) -> list[FleetCommandOut]:
    return service.list_commands(db=db, device_id=device_id)
