"""FastAPI dependencies: database session, the calling device, the user session, the subject.

Every /api/v1 route except enrolment depends on `CurrentDevice`: without a valid device
credential the answer is 401, whatever else the request carries.
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from server.audit.service import Actor
from server.auth import service as auth
from server.auth.models import UserSession
from server.config import ServerSettings
from server.errors import Problem
from server.identity.models import Resident, StaffUser
from server.identity.roles import ACTS_FOR_RESIDENTS, Role
from server.sites import service as sites
from server.sites.models import Device


def get_db(request: Request) -> Iterator[Session]:
    yield from request.app.state.database.session()


def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


DbDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]


def current_device(db: DbDep, authorization: Annotated[str | None, Header()] = None) -> Device:
    scheme, _, credential = (authorization or "").partition(" ")
    return sites.authenticate(db=db, credential=credential if scheme == "Bearer" else None)


CurrentDevice = Annotated[Device, Depends(current_device)]


def current_session(
    db: DbDep, device: CurrentDevice, settings: SettingsDep,
    x_kiosk_session: Annotated[str | None, Header()] = None,
) -> UserSession:
    return auth.authenticate(db=db, device=device, token=x_kiosk_session, settings=settings)


CurrentSession = Annotated[UserSession, Depends(current_session)]


def current_actor(session: CurrentSession) -> Actor:
    if session.kind == "resident":
        return Actor(f"resident:{session.resident_id}", session.device_id,
                     f"resident:{session.resident_id}")
    on_behalf = (f"resident:{session.acting_for_resident_id}"
                 if session.acting_for_resident_id else None)
    return Actor(f"staff:{session.staff_id}", session.device_id, on_behalf)


CurrentActor = Annotated[Actor, Depends(current_actor)]


def current_staff(db: DbDep, session: CurrentSession) -> StaffUser:
    if session.kind != "staff":
        raise Problem(403, "staff_only", "Esta opción es solo para el personal municipal.",
                      "This option is for municipal staff only.")
    return db.get(StaffUser, session.staff_id)


CurrentStaff = Annotated[StaffUser, Depends(current_staff)]


def subject_resident(db: DbDep, session: CurrentSession) -> Resident:
    """The resident whose records a request reaches: one's own, or the one staff act for."""
    if session.kind == "resident":
        return db.get(Resident, session.resident_id)
    if session.acting_for_resident_id is None:
        raise Problem(403, "not_acting_for_resident",
                      "Primero busque al vecino por su DNI para atenderlo.",
                      "First look the resident up by DNI to act on their behalf.")
    return db.get(Resident, session.acting_for_resident_id)


SubjectResident = Annotated[Resident, Depends(subject_resident)]


def require_roles(*roles: Role):
    def check(staff: CurrentStaff) -> StaffUser:
        if staff.role not in roles and staff.role != Role.ADMINISTRATOR:
            raise Problem(403, "role_forbidden", "Su rol no permite esta operación.",
                          "Your role does not allow this operation.")
        return staff
    return Depends(check)


ActsForResidents = require_roles(*ACTS_FOR_RESIDENTS)
