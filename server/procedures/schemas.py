from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from server.documents.service import DocumentOut
from server.kernel.text import Text
from server.offices.service import OfficeOut
from server.payments.service import CardApproval, PaymentOut

Qualification = Literal["automatic", "positive", "negative"]


class Requirement(BaseModel):
    es: str = Field(min_length=1, max_length=300)
    en: str = Field(min_length=1, max_length=300)
    attachment: bool = False  # a document to scan, so the front desk must receive it


class FieldSpec(BaseModel):
    name: str = Field(pattern=r"^[a-z_]{1,32}$")
    es: str = Field(min_length=1, max_length=120)
    en: str = Field(min_length=1, max_length=120)


class ProcedureIn(BaseModel):
    """A new version of a procedure, in force from `valid_from`."""

    code: str = Field(pattern=r"^[A-Z0-9-]{2,16}$")
    valid_from: date
    name_es: str = Field(min_length=3, max_length=200)
    name_en: str = Field(min_length=3, max_length=200)
    filer: str = Field(min_length=3, max_length=120)
    requirements: list[Requirement] = Field(max_length=30)
    fields: list[FieldSpec] = Field(default_factory=list, max_length=10)
    fee_uit: Decimal = Field(ge=0, le=1, max_digits=8, decimal_places=6)
    qualification: Qualification
    deadline_days: int = Field(ge=0, le=120)
    office_code: str
    authority: str = Field(min_length=3, max_length=160)
    reconsideration_days: int = Field(ge=0, le=60, default=15)
    appeal_days: int = Field(ge=0, le=60, default=15)
    legal_basis: str = Field(min_length=3, max_length=400)


class ProcedureOut(BaseModel):
    code: str
    version: date
    name: Text
    filer: str
    requirements: list[Requirement]
    fields: list[FieldSpec]
    fee_uit: Decimal
    fee: Decimal  # soles, for the UIT of the year asked about
    qualification: Qualification
    deadline_days: int
    office: OfficeOut
    authority: str
    reconsideration_days: int
    appeal_days: int
    legal_basis: str
    kiosk_complete: bool  # needs no attachment: a kiosk files it whole


class FeePayment(BaseModel):
    method: Literal["card", "cash"]
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    card: CardApproval | None = None


class FilingCheckOut(BaseModel):
    fee: Decimal


class FilingIn(BaseModel):
    """File a procedure for the subject resident (or a company they represent, by RUC).

    The fee is paid in the same transaction (`payment`) or by a receipt already paid for
    this procedure (`fee_receipt`). `checked` lists the requirements the filer confirms.
    """

    procedure_code: str
    data: dict[str, str] = Field(default_factory=dict)
    ruc: str | None = None
    checked: list[int] = Field(default_factory=list)
    payment: FeePayment | None = None
    fee_receipt: str | None = None


class FeeIn(BaseModel):
    procedure_code: str


class FeeOut(BaseModel):
    debt_id: int
    amount: Decimal
    label: str


class EventOut(BaseModel):
    at: datetime
    action: str
    state: str
    office: str
    note: str
    text: Text  # the step in plain words


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    requirement: int
    filename: str
    media_type: str
    size: int
    sha256: str


class ExpedienteOut(BaseModel):
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
    office: OfficeOut
    received_on: date | None
    due_on: date | None
    correct_by: date | None
    observation: str | None
    expected: Text  # what the resident should do next, and by when
    fee: Decimal
    fee_receipt: str | None
    cargo_code: str | None
    resolution_code: str | None
    missing_attachments: list[Text]
    events: list[EventOut]
    attachments: list[AttachmentOut]
    # For staff: the steps this clerk may take now (resident views leave it empty).
    allowed_actions: list[str] = []


class FilingOut(BaseModel):
    expediente: ExpedienteOut
    document: DocumentOut  # the cargo (or the start slip of a kiosk filing left incomplete)
    payment: PaymentOut | None = None


class ActionIn(BaseModel):
    action: Literal["review", "route", "accept", "observe", "correct", "resolve", "archive"]
    note: str = Field(min_length=3, max_length=1000)
    to_office: str | None = None  # route
    outcome: Literal["aprobado", "denegado"] | None = None  # resolve
    correct_days: int = Field(default=10, ge=1, le=30)  # observe: the resident's term


class CorrectIn(BaseModel):
    note: str = Field(min_length=3, max_length=1000)


class PublicLookupIn(BaseModel):
    number: str = Field(max_length=16)
    document: str = Field(max_length=11)


class PublicStatusOut(BaseModel):
    """What anyone with the number and the filer's DNI/RUC learns: no names, no data."""

    number: str
    procedure_name: Text
    state: str
    state_text: Text
    office: Text
    received_on: date
    due_on: date | None
    expected: Text
    events: list[EventOut]


class InboxItem(BaseModel):
    number: str
    procedure_name: Text
    filer_name: str
    state: str
    received_on: date
    due_on: date | None
    correct_by: date | None
    days_left: int | None


class Bucket(BaseModel):
    count: int  # all the files in the tray
    items: list[InboxItem]  # the most urgent first, one page


class InboxOut(BaseModel):
    office: OfficeOut
    new: Bucket
    due_soon: Bucket
    overdue: Bucket
    observed: Bucket
    in_progress: Bucket


class DashboardOut(BaseModel):
    by_month: list[dict]  # {month, kiosk, front_desk}
    kiosk_share: Decimal
    median_days: list[dict]  # {procedure, name, median, files}
    overdue_by_office: list[dict]  # {office, overdue, open}
