from datetime import date

from pydantic import BaseModel, ConfigDict


class ResidentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    dni: str
    given_names: str
    surnames: str
    full_name: str
    birth_date: date
    address: str
    zone_id: int
    zone_name: str


class StaffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    username: str
    full_name: str
    role: str
