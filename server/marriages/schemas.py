"""Civil marriages' wire models."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from server.documents.service import DocumentOut
from server.identity.service import DNI
from server.kernel.text import Text
from server.payments.service import CardApproval

CivilStatus = Literal["soltero", "divorciado", "viudo"]


class PartyIn(BaseModel):
    """A person by DNI. A resident of the district is known by the DNI alone; anyone else
    gives names and birth date (checked later against the DNI at the registry)."""

    dni: DNI
    given_names: str | None = Field(default=None, max_length=120)
    surnames: str | None = Field(default=None, max_length=120)
    birth_date: date | None = None


class SpouseIn(PartyIn):
    civil_status: CivilStatus = "soltero"
    dissolved_on: date | None = None  # an earlier marriage's end (divorce or death)
    sex: Literal["F", "M"] | None = None


class MeIn(BaseModel):
    """The booking spouse's own civil status (their name and DNI are the session's)."""

    civil_status: CivilStatus = "soltero"
    dissolved_on: date | None = None
    sex: Literal["F", "M"] | None = None


class MarriagePaymentIn(BaseModel):
    method: Literal["card"] = "card"
    amount: Decimal
    card: CardApproval | None = None


class BookingIn(BaseModel):
    place: str = Field(min_length=1, max_length=24)
    starts_at: AwareDatetime
    me: MeIn = MeIn()
    partner: SpouseIn
    witnesses: list[PartyIn] = Field(min_length=2, max_length=2)
    witnesses_declared: bool = False  # not relatives, and know the couple > 3 years
    payment: MarriagePaymentIn | None = None


class RescheduleIn(BaseModel):
    place: str = Field(min_length=1, max_length=24)
    starts_at: AwareDatetime


class CancelIn(BaseModel):
    reason: str = Field(min_length=3, max_length=300)


class PlaceOut(BaseModel):
    code: str
    name: str
    hall: bool
    address: str
    stream_url: str | None


class SlotOut(BaseModel):
    place: str
    place_name: str
    starts_at: datetime
    ends_at: datetime
    fee: Decimal
    fee_kind: str


class RulesOut(BaseModel):
    valid_from: date
    min_age: int
    file_working_days: int
    edicto_days: int
    capacity_months: int
    medical_days: int
    dissolution_days: int
    witness_years: int
    duration_minutes: int
    buffer_minutes: int
    earliest_day: date
    tupa_code: str
    legal_basis: str


class MarriagePersonOut(BaseModel):
    role: str
    dni: str
    given_names: str
    surnames: str
    birth_date: date
    civil_status: str


class DocumentItemOut(BaseModel):
    id: int
    kind: str
    kind_text: Text
    person: str | None
    state: str
    state_text: Text
    reason: str | None
    issued_on: date | None


class ObjectionOut(BaseModel):
    seq: int
    filer_name: str
    grounds: str
    filed_at: datetime
    state: str
    resolution: str | None


class BookingOut(BaseModel):
    code: str
    place: PlaceOut
    starts_at: datetime
    ends_at: datetime
    state: str
    state_text: Text
    fee: Decimal
    receipt: str | None
    persons: list[MarriagePersonOut]
    documents: list[DocumentItemOut]
    missing: int
    file_deadline: date
    file_complete_on: date | None
    edicto_on: date | None
    edicto_until: date | None
    newspaper: str | None
    newspaper_waiver: str | None
    objections: list[ObjectionOut]
    capacity_on: date | None
    capacity_until: date | None
    acta_ref: str | None
    document: DocumentOut | None = None


class DocumentCheckIn(BaseModel):
    decision: Literal["accept", "observe"]
    reason: str | None = Field(default=None, max_length=300)
    issued_on: date | None = None


class EdictoIn(BaseModel):
    newspaper: str | None = Field(default=None, max_length=200)
    waiver_reason: str | None = Field(default=None, max_length=300)


class ObjectionIn(BaseModel):
    grounds: str = Field(min_length=10, max_length=1000)


class ResolutionIn(BaseModel):
    upheld: bool
    resolution: str = Field(min_length=5, max_length=1000)


class EdictoOut(BaseModel):
    code: str
    names: list[str]
    starts_at: datetime
    place: str
    edicto_on: date
    objections_until: date


class CeremonyOut(BaseModel):
    code: str
    names: list[str]
    starts_at: datetime
    ends_at: datetime
    place: str
    state: str
    state_text: Text
    stream_url: str | None
