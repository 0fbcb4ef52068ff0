"""Trámites (server/procedures): the TUPA catalogue, filing, Mis trámites, the office desk."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.offices import Office
from kiosk.api.payments import CardApproval, Payment
from kiosk.api.text import Text
from kiosk.api.transport import Domain

P = "/api/v1/procedures"


class Requirement(BaseModel):
    server_schema: ClassVar[str] = "Requirement"

    es: str
    en: str
    attachment: bool = False


class FieldSpec(BaseModel):
    server_schema: ClassVar[str] = "FieldSpec"

    name: str
    es: str
    en: str


class Procedure(BaseModel):
    server_schema: ClassVar[str] = "ProcedureOut"

    code: str
    version: date
    name: Text
    filer: str
    requirements: list[Requirement]
    fields: list[FieldSpec]
    fee_uit: Decimal
    fee: Decimal
    qualification: str
    deadline_days: int
    office: Office
    authority: str
    reconsideration_days: int
    appeal_days: int
    legal_basis: str
    kiosk_complete: bool


class Event(BaseModel):
    server_schema: ClassVar[str] = "EventOut"

    at: datetime
    action: str
    state: str
    office: str
    note: str
    text: Text


class Attachment(BaseModel):
    server_schema: ClassVar[str] = "AttachmentOut"

    id: int
    requirement: int
    filename: str
    media_type: str
    size: int
    sha256: str


class Expediente(BaseModel):
    server_schema: ClassVar[str] = "ExpedienteOut"

    number: str | None
    start_code: str
    procedure_code: str
    procedure_name: Text
    filer_name: str
    channel: str
    state: str
    state_text: Text
    outcome: str | None
    by_silence: bool
    office: Office
    received_on: date | None
    due_on: date | None
    correct_by: date | None
    observation: str | None
    expected: Text
    fee: Decimal
    fee_receipt: str | None
    cargo_code: str | None
    resolution_code: str | None
    missing_attachments: list[Text]
    events: list[Event]
    attachments: list[Attachment]
    allowed_actions: list[str] = []  # for staff: what this clerk may do with it now


class Filing(BaseModel):
    server_schema: ClassVar[str] = "FilingOut"

    expediente: Expediente
    document: Document
    payment: Payment | None = None


class FeeDebt(BaseModel):
    """A procedure's fee as a pending debt of the resident, to pay at a cashier or bank."""

    server_schema: ClassVar[str] = "FeeOut"

    debt_id: int
    amount: Decimal
    label: str


class PublicStatus(BaseModel):
    server_schema: ClassVar[str] = "PublicStatusOut"

    number: str
    procedure_name: Text
    state: str
    state_text: Text
    office: Text
    received_on: date
    due_on: date | None
    expected: Text
    events: list[Event]


class InboxItem(BaseModel):
    server_schema: ClassVar[str] = "InboxItem"

    number: str
    procedure_name: Text
    filer_name: str
    state: str
    received_on: date
    due_on: date | None
    correct_by: date | None
    days_left: int | None


class Bucket(BaseModel):
    server_schema: ClassVar[str] = "Bucket"

    count: int
    items: list[InboxItem]


class Inbox(BaseModel):
    server_schema: ClassVar[str] = "InboxOut"

    office: Office
    new: Bucket
    due_soon: Bucket
    overdue: Bucket
    observed: Bucket
    in_progress: Bucket


class Dashboard(BaseModel):
    server_schema: ClassVar[str] = "DashboardOut"

    by_month: list[dict]
    kiosk_share: Decimal
    median_days: list[dict]
    overdue_by_office: list[dict]


class ProcedureIn(BaseModel):
    """A new version of a procedure, valid from a date on (administrators)."""

    server_schema: ClassVar[str] = "ProcedureIn"

    code: str
    valid_from: date
    name_es: str
    name_en: str
    filer: str
    requirements: list[Requirement]
    fields: list[FieldSpec] = []
    fee_uit: Decimal
    qualification: str
    deadline_days: int
    office_code: str
    authority: str
    reconsideration_days: int = 15
    appeal_days: int = 15
    legal_basis: str


class FeePayment(BaseModel):
    server_schema: ClassVar[str] = "FeePayment"

    method: str
    amount: Decimal
    card: CardApproval | None = None


class FilingCheck(BaseModel):
    server_schema: ClassVar[str] = "FilingCheckOut"

    fee: Decimal


class FilingIn(BaseModel):
    server_schema: ClassVar[str] = "FilingIn"

    procedure_code: str
    data: dict[str, str] = {}
    ruc: str | None = None
    checked: list[int] = []
    payment: FeePayment | None = None
    fee_receipt: str | None = None


class FeeIn(BaseModel):
    server_schema: ClassVar[str] = "FeeIn"

    procedure_code: str


class CorrectIn(BaseModel):
    server_schema: ClassVar[str] = "CorrectIn"

    note: str


class PublicLookupIn(BaseModel):
    server_schema: ClassVar[str] = "PublicLookupIn"

    number: str
    document: str


class ActionIn(BaseModel):
    server_schema: ClassVar[str] = "ActionIn"

    action: str
    note: str
    to_office: str | None = None
    outcome: str | None = None
    correct_days: int = 10


class Procedures(Domain):
    # -- the catalogue (TUPA) ----------------------------------------------------------------
    async def catalogue(self) -> list[Procedure]:
        return await self.transport.get_list(f"{P}/catalogue", Procedure)

    async def get(self, code: str) -> Procedure:
        return await self.transport.get(f"{P}/catalogue/{code}", Procedure)

    async def publish(self, draft: ProcedureIn | dict[str, Any]) -> Procedure:
        """Administrators: a new version of a procedure, from `valid_from` on."""
        return await self.transport.post(f"{P}/catalogue", Procedure,
                                         ProcedureIn.model_validate(draft))

    # -- the resident ----------------------------------------------------------------------
    async def file(self, *, code: str, idempotency_key: str,
                   data: dict[str, str] | None = None, checked: list[int] = (),
                   ruc: str | None = None, amount: Decimal | None = None,
                   method: str = "card", card: CardApproval | dict | None = None,
                   fee_receipt: str | None = None) -> Filing:
        """File a procedure: the fee paid with it (`amount`) or before (`fee_receipt`)."""
        payment = (FeePayment(method=method, amount=amount, card=card)
                   if amount is not None else None)
        return await self.transport.post(f"{P}/expedientes", Filing, FilingIn(
            procedure_code=code, data=data or {}, checked=list(checked), ruc=ruc,
            payment=payment, fee_receipt=fee_receipt), idempotency_key=idempotency_key)

    async def check(self, *, code: str, data: dict[str, str] | None = None,
                    checked: list[int] = (), ruc: str | None = None,
                    amount: Decimal | None = None) -> FilingCheck:
        """Before the fee is charged by card: would the server accept this filing? Nothing
        is written; an ApiError says why not."""
        payment = FeePayment(method="card", amount=amount) if amount is not None else None
        return await self.transport.post(f"{P}/expedientes/check", FilingCheck, FilingIn(
            procedure_code=code, data=data or {}, checked=list(checked), ruc=ruc,
            payment=payment))

    async def fee_debt(self, code: str) -> FeeDebt:
        return await self.transport.post(f"{P}/fees", FeeDebt, FeeIn(procedure_code=code))

    async def my_files(self) -> list[Expediente]:
        return await self.transport.get_list(f"{P}/expedientes/mine", Expediente)

    async def my_file(self, ref: str) -> Expediente:
        return await self.transport.get(f"{P}/expedientes/mine/{ref.strip()}", Expediente)

    async def correct(self, ref: str, *, note: str) -> Expediente:
        """Answer an observation (subsanar) on one of the resident's files."""
        return await self.transport.post(f"{P}/expedientes/mine/{ref.strip()}/correct",
                                         Expediente, CorrectIn(note=note))

    async def follow(self, *, number: str, document: str) -> PublicStatus:
        """Anyone: a file's status by its number and the filer's DNI or RUC."""
        return await self.transport.post(f"{P}/follow", PublicStatus, PublicLookupIn(
            number=number.strip(), document=document.strip()))

    # -- the office desk -------------------------------------------------------------------
    async def staff_file(self, ref: str) -> Expediente:
        return await self.transport.get(f"{P}/expedientes/{ref.strip()}", Expediente)

    async def file_action(self, ref: str, *, action: str, note: str,
                          to_office: str | None = None, outcome: str | None = None,
                          correct_days: int = 10) -> Expediente:
        return await self.transport.post(f"{P}/expedientes/{ref.strip()}/actions", Expediente,
                                         ActionIn(action=action, note=note, to_office=to_office,
                                                  outcome=outcome, correct_days=correct_days))

    async def attach(self, ref: str, *, requirement: int, filename: str,
                     content: bytes) -> Attachment:
        """The front desk scans a document into a file started at a kiosk (multipart)."""
        response = await self.transport.request(
            "POST", f"{P}/expedientes/{ref.strip()}/attachments",
            data={"requirement": str(requirement)}, files={"upload": (filename, content)})
        return Attachment.model_validate(response.json())

    async def register(self, start_code: str) -> Filing:
        """The front desk registers a file started at a kiosk, once its attachments are in."""
        return await self.transport.post(f"{P}/expedientes/{start_code.strip()}/register",
                                         Filing)

    async def inbox(self, office: str) -> Inbox:
        return await self.transport.get(f"{P}/inbox/{office}", Inbox)

    async def dashboard(self) -> Dashboard:
        return await self.transport.get(f"{P}/dashboard", Dashboard)
