"""Partidas (server/registry): search actas, certified copies and copy requests; the
registrar's register (actas, annotations, reservations, scans, requests, RENIEC)."""

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.payments import CardApproval
from kiosk.api.text import Text
from kiosk.api.transport import Domain

R = "/api/v1/registry"


class PersonIn(BaseModel):
    server_schema: ClassVar[str] = "PersonIn"

    role: str
    given_names: str
    surnames: str
    dni: str | None = None
    birth_date: date | None = None


class ActaIn(BaseModel):
    server_schema: ClassVar[str] = "ActaIn"

    kind: str
    office: str = "Oficina de Registro Civil de Miraflores"
    book: str
    event_date: date
    event_place: str
    persons: list[PersonIn]
    paper_year: int | None = None
    paper_number: int | None = None
    paper_registered_on: date | None = None


class Person(BaseModel):
    server_schema: ClassVar[str] = "PersonOut"

    role: str
    role_text: Text
    given_names: str
    surnames: str
    dni: str | None
    birth_date: date | None


class Annotation(BaseModel):
    server_schema: ClassVar[str] = "AnnotationOut"

    seq: int
    kind: str
    kind_text: Text
    text: str
    reference: str
    made_by_name: str
    made_at: datetime


class Scan(BaseModel):
    server_schema: ClassVar[str] = "RegistryImageOut"

    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime


class Acta(BaseModel):
    server_schema: ClassVar[str] = "ActaOut"

    id: int
    ref: str
    kind: str
    kind_text: Text
    office: str
    book: str
    event_date: date
    event_place: str
    registered_on: date
    registrar_name: str
    digitised: bool
    reserved: bool
    reserved_reason: str | None = None
    persons: list[Person]
    annotations: list[Annotation]
    image: Scan | None = None
    sent_at: datetime | None = None
    batch: str | None = None


class ActaSummary(BaseModel):
    server_schema: ClassVar[str] = "ActaSummary"

    id: int
    ref: str
    kind: str
    names: str
    event_date: date
    role: str | None = None
    digitised: bool
    reserved: bool


class AnnotationIn(BaseModel):
    server_schema: ClassVar[str] = "AnnotationIn"

    kind: str
    text: str
    reference: str


class ReserveIn(BaseModel):
    server_schema: ClassVar[str] = "ReserveIn"

    reason: str


class CopyQuote(BaseModel):
    server_schema: ClassVar[str] = "CopyQuote"

    acta: ActaSummary
    amount: Decimal
    free: bool
    digitised: bool
    tupa_code: str


class CopyPaymentIn(BaseModel):
    server_schema: ClassVar[str] = "CopyPaymentIn"

    method: str = "card"
    amount: Decimal
    card: CardApproval | None = None


class CopyIn(BaseModel):
    server_schema: ClassVar[str] = "CopyIn"

    acta_id: int
    payment: CopyPaymentIn | None = None
    fee_receipt: str | None = None


class CopyRequest(BaseModel):
    server_schema: ClassVar[str] = "CopyRequestOut"

    tracking: str
    acta_ref: str
    kind_text: Text
    state: str
    state_text: Text
    created_at: datetime
    fulfilled_at: datetime | None
    copy_code: str | None
    requester: str | None = None


class Copy(BaseModel):
    server_schema: ClassVar[str] = "CopyOut"

    document: Document
    amount: Decimal
    free: bool
    receipt: str | None
    pdf_url: str | None = None
    request: CopyRequest | None = None


class CopyFeeDebtIn(BaseModel):
    server_schema: ClassVar[str] = "CopyFeeDebtIn"

    acta_id: int


class CopyFeeDebt(BaseModel):
    server_schema: ClassVar[str] = "CopyFeeDebtOut"

    debt_id: int
    amount: Decimal
    label: str


class Batch(BaseModel):
    server_schema: ClassVar[str] = "BatchOut"

    number: str
    filename: str
    count: int
    sha256: str
    created_at: datetime


class ReniecStatus(BaseModel):
    server_schema: ClassVar[str] = "ReniecStatusOut"

    unsent: int
    overdue: list[ActaSummary]
    overdue_count: int
    deadline_days: int
    batches: list[Batch]


class API(Domain):
    # -- certified copies ------------------------------------------------------------------
    async def search(self, *, kind: str, surnames: str = "", given_names: str = "",
                     event_date: date | None = None, number: str = "") -> list[ActaSummary]:
        params = {"kind": kind, "surnames": surnames, "given_names": given_names,
                  "number": number}
        if event_date is not None:
            params["event_date"] = event_date.isoformat()
        return await self.transport.get_list(f"{R}/actas/search", ActaSummary, params=params)

    async def mine(self) -> list[ActaSummary]:
        return await self.transport.get_list(f"{R}/actas/mine", ActaSummary)

    async def acta(self, acta_id: int) -> Acta:
        return await self.transport.get(f"{R}/actas/{acta_id}", Acta)

    async def quote(self, acta_id: int) -> CopyQuote:
        return await self.transport.get(f"{R}/actas/{acta_id}/quote", CopyQuote)

    async def copy(self, acta_id: int, *, idempotency_key: str, amount: Decimal | None = None,
                   method: str = "card", card: CardApproval | dict | None = None,
                   fee_receipt: str | None = None) -> Copy:
        """A certified copy (or a request, for an acta on paper): the fee paid with it
        (`amount`, by card), or before (`fee_receipt`), or nothing when it is free."""
        payment = (CopyPaymentIn(method=method, amount=amount, card=card)
                   if amount is not None else None)
        return await self.transport.post(f"{R}/copies", Copy, CopyIn(
            acta_id=acta_id, payment=payment, fee_receipt=fee_receipt),
            idempotency_key=idempotency_key)

    async def fee_debt(self, acta_id: int) -> CopyFeeDebt:
        return await self.transport.post(f"{R}/fees", CopyFeeDebt,
                                         CopyFeeDebtIn(acta_id=acta_id))

    async def my_requests(self) -> list[CopyRequest]:
        return await self.transport.get_list(f"{R}/requests/mine", CopyRequest)

    async def my_request(self, tracking: str) -> CopyRequest:
        return await self.transport.get(f"{R}/requests/mine/{tracking.strip()}", CopyRequest)

    # -- the register (registrar) -----------------------------------------------------------
    async def register(self, acta: ActaIn | dict) -> Acta:
        return await self.transport.post(f"{R}/actas", Acta, ActaIn.model_validate(acta))

    async def annotate(self, acta_id: int, *, kind: str, text: str, reference: str) -> Acta:
        return await self.transport.post(f"{R}/actas/{acta_id}/annotations", Acta,
                                         AnnotationIn(kind=kind, text=text, reference=reference))

    async def reserve(self, acta_id: int, *, reason: str) -> Acta:
        return await self.transport.post(f"{R}/actas/{acta_id}/reserve", Acta,
                                         ReserveIn(reason=reason))

    async def attach_image(self, acta_id: int, *, filename: str, content: bytes) -> Acta:
        response = await self.transport.request(
            "POST", f"{R}/actas/{acta_id}/image", files={"upload": (filename, content)})
        return Acta.model_validate(response.json())

    async def pending_requests(self) -> list[CopyRequest]:
        return await self.transport.get_list(f"{R}/requests", CopyRequest)

    async def fulfil(self, tracking: str) -> Copy:
        return await self.transport.post(f"{R}/requests/{tracking.strip()}/fulfil", Copy)

    async def reniec(self) -> ReniecStatus:
        return await self.transport.get(f"{R}/reniec", ReniecStatus)

    async def export_reniec(self) -> Batch:
        return await self.transport.post(f"{R}/reniec/batches", Batch)

    async def reniec_file(self, number: str) -> bytes:
        response = await self.transport.request("GET", f"{R}/reniec/batches/{number}")
        return response.content
