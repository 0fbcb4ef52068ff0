"""What other domains hold of a person: small frozen values, never the rows themselves."""

from dataclasses import dataclass
from datetime import date, datetime

from server.identity.models import Resident, StaffUser


@dataclass(frozen=True)
class ResidentRef:
    """A resident as other domains see them (read when the request began)."""

    id: int
    dni: str
    given_names: str
    surnames: str
    birth_date: date
    address: str
    zone_id: int
    zone_name: str

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}"


@dataclass(frozen=True)
class StaffRef:
    id: int
    username: str
    full_name: str
    role: str
    active: bool


@dataclass(frozen=True)
class LoginCheck:
    """What a PIN or password check found; the failure counters and the lock are already
    updated in the caller's transaction. `outcome`: ok | unknown | locked | wrong."""

    outcome: str
    resident: ResidentRef | None = None
    staff: StaffRef | None = None
    locked_until: datetime | None = None
    tries_left: int | None = None


def resident_ref(row: Resident) -> ResidentRef:
    return ResidentRef(id=row.id, dni=row.dni, given_names=row.given_names,
                       surnames=row.surnames, birth_date=row.birth_date, address=row.address,
                       zone_id=row.zone_id, zone_name=row.zone.name)


def staff_ref(row: StaffUser) -> StaffRef:
    return StaffRef(id=row.id, username=row.username, full_name=row.full_name, role=row.role,
                    active=row.active)
