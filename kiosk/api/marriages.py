"""Matrimonios civiles (server/marriages): free slots per place, booking (the fee by card),
reschedule and cancel, the file's checklist, edictos and objections, the day's ceremonies;
the registrar's steps on a file."""

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.payments import CardApproval
from kiosk.api.text import Text
from kiosk.api.transport import Domain

M = "/api/v1/marriages"


class PartyIn(BaseModel):
    server_schema: ClassVar[str] = "PartyIn"

    dni: str
    given_names: str | None = None
    surnames: str | None = None
    birth_date: date | None = None


class SpouseIn(BaseModel):
    server_schema: ClassVar[str] = "SpouseIn"

    dni: str
    given_names: str | None = None
    surnames: str | None = None
    birth_date: date | None = None
    civil_status: str = "soltero"
    dissolved_on: date | None = None
    sex: str | None = None


class MeIn(BaseModel):
    server_schema: ClassVar[str] = "MeIn"

    civil_status: str = "soltero"
    dissolved_on: date | None = None
    sex: str | None = None


class MarriagePaymentIn(BaseModel):
    server_schema: ClassVar[str] = "MarriagePaymentIn"

    method: str = "card"
    amount: Decimal
    card: CardApproval | None = None


class BookingIn(BaseModel):
    server_schema: ClassVar[str] = "BookingIn"

    place: str
    starts_at: datetime
    me: MeIn = MeIn()
    partner: SpouseIn
    witnesses: list[PartyIn]
    witnesses_declared: bool = False
    payment: MarriagePaymentIn | None = None


class RescheduleIn(BaseModel):
    server_schema: ClassVar[str] = "RescheduleIn"

    place: str
    starts_at: datetime


class CancelIn(BaseModel):
    server_schema: ClassVar[str] = "CancelIn"

    reason: str


class Place(BaseModel):
    server_schema: ClassVar[str] = "PlaceOut"

    code: str
    name: str
    hall: bool
    address: str
    stream_url: str | None


class Slot(BaseModel):
    server_schema: ClassVar[str] = "SlotOut"

    place: str
    place_name: str
    starts_at: datetime
    ends_at: datetime
    fee: Decimal
    fee_kind: str


class Rules(BaseModel):
    server_schema: ClassVar[str] = "RulesOut"

    min_age: int
    file_working_days: int
    edicto_days: int
    capacity_months: int
    medical_days: int
    witness_years: int
    earliest_day: date
    tupa_code: str


class Person(BaseModel):
    server_schema: ClassVar[str] = "MarriagePersonOut"

    role: str
    dni: str
    given_names: str
    surnames: str
    birth_date: date
    civil_status: str


class DocumentItem(BaseModel):
    server_schema: ClassVar[str] = "DocumentItemOut"

    id: int
    kind: str
    kind_text: Text
    person: str | None
    state: str
    state_text: Text
    reason: str | None
    issued_on: date | None


class Objection(BaseModel):
    server_schema: ClassVar[str] = "ObjectionOut"

    seq: int
    filer_name: str
    grounds: str
    filed_at: datetime
    state: str
    resolution: str | None


class Booking(BaseModel):
    server_schema: ClassVar[str] = "BookingOut"

    code: str
    place: Place
    starts_at: datetime
    ends_at: datetime
    state: str
    state_text: Text
    fee: Decimal
    receipt: str | None
    persons: list[Person]
    documents: list[DocumentItem]
    missing: int
    file_deadline: date
    file_complete_on: date | None
    edicto_on: date | None
    edicto_until: date | None
    newspaper: str | None
    newspaper_waiver: str | None
    objections: list[Objection]
    capacity_on: date | None
    capacity_until: date | None
    acta_ref: str | None
    document: Document | None = None

    def names(self) -> list[str]:
        return [f"{p.given_names} {p.surnames}" for p in self.persons
                if p.role == "contrayente"]


class DocumentCheckIn(BaseModel):
    server_schema: ClassVar[str] = "DocumentCheckIn"

    decision: str
    reason: str | None = None
    issued_on: date | None = None


class EdictoIn(BaseModel):
    server_schema: ClassVar[str] = "EdictoIn"

    newspaper: str | None = None
    waiver_reason: str | None = None


class ObjectionIn(BaseModel):
    server_schema: ClassVar[str] = "ObjectionIn"

    grounds: str


class ResolutionIn(BaseModel):
    server_schema: ClassVar[str] = "ResolutionIn"

    upheld: bool
    resolution: str


class Edicto(BaseModel):
    server_schema: ClassVar[str] = "EdictoOut"

    code: str
    names: list[str]
    starts_at: datetime
    place: str
    edicto_on: date
    objections_until: date


class Ceremony(BaseModel):
    server_schema: ClassVar[str] = "CeremonyOut"

    code: str
    names: list[str]
    starts_at: datetime
    ends_at: datetime
    place: str
    state: str
    state_text: Text
    stream_url: str | None


class API(Domain):
    # -- anyone at a kiosk -------------------------------------------------------------------
    async def rules(self) -> Rules:
        return await self.transport.get(f"{M}/rules", Rules)

    async def places(self) -> list[Place]:
        return await self.transport.get_list(f"{M}/places", Place)

    async def slots(self, *, start: date, days: int = 31, place: str | None = None
                    ) -> list[Slot]:
        params = {"start": start.isoformat(), "days": str(days)}
        if place:
            params["place"] = place
        return await self.transport.get_list(f"{M}/slots", Slot, params=params)

    async def edictos(self) -> list[Edicto]:
        return await self.transport.get_list(f"{M}/edictos", Edicto)

    async def today(self) -> list[Ceremony]:
        return await self.transport.get_list(f"{M}/today", Ceremony)

    # -- one of the couple ---------------------------------------------------------------------
    async def book(self, booking: BookingIn | dict, *, idempotency_key: str) -> Booking:
        return await self.transport.post(f"{M}/bookings", Booking,
                                         BookingIn.model_validate(booking),
                                         idempotency_key=idempotency_key)

    async def mine(self) -> list[Booking]:
        return await self.transport.get_list(f"{M}/bookings/mine", Booking)

    async def booking(self, code: str) -> Booking:
        return await self.transport.get(f"{M}/bookings/{code}", Booking)

    async def reschedule(self, code: str, *, place: str, starts_at: datetime) -> Booking:
        return await self.transport.post(f"{M}/bookings/{code}/reschedule", Booking,
                                         RescheduleIn(place=place, starts_at=starts_at))

    async def cancel(self, code: str, *, reason: str) -> Booking:
        return await self.transport.post(f"{M}/bookings/{code}/cancel", Booking,
                                         CancelIn(reason=reason))

    async def object_to(self, code: str, *, grounds: str) -> Objection:
        return await self.transport.post(f"{M}/edictos/{code}/objections", Objection,
                                         ObjectionIn(grounds=grounds))

    # -- the registrar ---------------------------------------------------------------------------
    async def files(self) -> list[Booking]:
        return await self.transport.get_list(f"{M}/files", Booking)

    async def file(self, code: str) -> Booking:
        return await self.transport.get(f"{M}/files/{code}", Booking)

    async def check_document(self, code: str, document_id: int, *, decision: str,
                             reason: str | None = None, issued_on: date | None = None
                             ) -> Booking:
        return await self.transport.post(
            f"{M}/files/{code}/documents/{document_id}", Booking,
            DocumentCheckIn(decision=decision, reason=reason, issued_on=issued_on))

    async def publish_edicto(self, code: str, *, newspaper: str | None = None,
                             waiver_reason: str | None = None) -> Booking:
        return await self.transport.post(f"{M}/files/{code}/edicto", Booking,
                                         EdictoIn(newspaper=newspaper,
                                                  waiver_reason=waiver_reason))

    async def resolve(self, code: str, seq: int, *, upheld: bool, resolution: str) -> Booking:
        return await self.transport.post(f"{M}/files/{code}/objections/{seq}", Booking,
                                         ResolutionIn(upheld=upheld, resolution=resolution))

    async def declare_capacity(self, code: str) -> Booking:
        return await self.transport.post(f"{M}/files/{code}/capacity", Booking)

    async def start(self, code: str) -> Booking:
        return await self.transport.post(f"{M}/files/{code}/start", Booking)

    async def conclude(self, code: str) -> Booking:
        return await self.transport.post(f"{M}/files/{code}/conclude", Booking)
