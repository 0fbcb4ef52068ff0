"""Residents (vecinos) and municipal staff, as other domains see them: frozen refs, never rows.

Other domains hold a `ResidentRef` or a `StaffRef` and reach identity's data only through
the functions here (keyword-only, over the caller's Session and transaction).
"""

from server.identity.dni import DNI, normalise_dni
from server.identity.refs import LoginCheck, ResidentRef, StaffRef
from server.identity.residents import (
    adults_by_zone,
    check_pin,
    create_resident,
    get_resident,
    get_resident_by_dni,
    record_certificate_lines,
    require_resident,
    resident_out,
    upsert_zone,
    zone_names,
)
from server.identity.roles import ACTS_FOR_RESIDENTS, Role
from server.identity.schemas import ResidentOut, StaffOut
from server.identity.staff import (
    check_login,
    check_password,
    create_staff,
    get_staff,
    get_staff_by_username,
    staff_out,
)

__all__ = [
    "ACTS_FOR_RESIDENTS", "DNI", "LoginCheck", "ResidentOut", "ResidentRef", "Role",
    "StaffOut", "StaffRef", "adults_by_zone", "check_login", "check_password", "check_pin",
    "create_resident", "create_staff", "get_resident", "get_resident_by_dni", "get_staff",
    "get_staff_by_username", "normalise_dni", "record_certificate_lines", "require_resident",
    "resident_out", "staff_out", "upsert_zone", "zone_names",
]
