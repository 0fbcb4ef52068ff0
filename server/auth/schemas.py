from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from server.identity.service import DNI, ResidentOut, StaffOut


def _six_digits(value: str) -> str:
    if len(value) != 6 or not (value.isascii() and value.isdigit()):
        raise PydanticCustomError("invalid_pin_format", "PIN must be 6 digits")
    return value


Pin = Annotated[str, AfterValidator(_six_digits),
               WithJsonSchema({"type": "string", "pattern": "^[0-9]{6}$"})]


class ChallengeOut(BaseModel):
    challenge_id: str
    to_sign: str  # base64 of the 32-byte digest the card signs
    expires_at: datetime


class CardLoginIn(BaseModel):
    challenge_id: str = Field(max_length=36)
    certificate: str = Field(max_length=8192)  # base64 DER
    signature: str = Field(max_length=1024)  # base64


class PinLoginIn(BaseModel):
    dni: DNI
    pin: Pin


class StaffLoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class SessionOut(BaseModel):
    token: str | None = None
    kind: Literal["resident", "staff"]
    method: str
    expires_at: datetime
    resident: ResidentOut | None = None
    staff: StaffOut | None = None
    acting_for: ResidentOut | None = None
    acting_reason: str | None = None  # why the clerk acts for the resident (shown on screen)


class ActForIn(BaseModel):
    dni: DNI
    reason: str = Field(min_length=3, max_length=200)
