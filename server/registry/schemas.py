"""The register's wire models."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from server.documents.service import DocumentOut
from server.identity.service import DNI
from server.kernel.text import Text
from server.payments.service import CardApproval

Kind = Literal["birth", "marriage", "death"]
Role = Literal["inscrito", "madre", "padre", "contrayente", "testigo", "fallecido",
               "declarante", "celebrante"]
AnnotationKind = Literal["rectificacion", "reconocimiento", "divorcio", "defuncion_conyuge",
                         "adopcion", "otra"]


class PersonIn(BaseModel):
    role: Role
    given_names: str = Field(min_length=1, max_length=120)
    surnames: str = Field(min_length=1, max_length=120)
    dni: DNI | None = None  # validated with python-stdnum (a check digit is accepted)
    birth_date: date | None = None


class ActaIn(BaseModel):
    """A new acta registered now (number from the year's series), or an old acta held only
    on paper (`paper_year` and `paper_number`: its number in the book) entered in the index."""

    kind: Kind
    office: str = Field(default="Oficina de Registro Civil de Miraflores", min_length=3,
                        max_length=120)
    book: str = Field(min_length=1, max_length=40)
    event_date: date
    event_place: str = Field(min_length=2, max_length=200)
    persons: list[PersonIn] = Field(min_length=1, max_length=12)
    paper_year: int | None = Field(default=None, ge=1900, le=2100)
    paper_number: int | None = Field(default=None, ge=1, le=999999)
    paper_registered_on: date | None = None


class PersonOut(BaseModel):
    role: str
    role_text: Text
    given_names: str
    surnames: str
    dni: str | None
    birth_date: date | None


class AnnotationOut(BaseModel):
    seq: int
    kind: str
    kind_text: Text
    text: str
    reference: str
    made_by_name: str
    made_at: datetime


class RegistryImageOut(BaseModel):
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime


class ActaOut(BaseModel):
    id: int
    ref: str
    kind: Kind
    kind_text: Text
    office: str
    book: str
    event_date: date
    event_place: str
    registered_on: date
    registrar_name: str
    digitised: bool
    reserved: bool
    reserved_reason: str | None = None  # only to the registrar
    persons: list[PersonOut]
    annotations: list[AnnotationOut]
    image: RegistryImageOut | None = None
    sent_at: datetime | None = None
    batch: str | None = None


class ActaSummary(BaseModel):
    """One line of a search: what tells actas apart, nothing more."""

    id: int
    ref: str
    kind: Kind
    names: str
    event_date: date
    role: str | None = None  # "my own": the resident's role on it
    digitised: bool
    reserved: bool


class AnnotationIn(BaseModel):
    kind: AnnotationKind
    text: str = Field(min_length=3, max_length=1000)
    reference: str = Field(min_length=2, max_length=120)


class ReserveIn(BaseModel):
    reason: str = Field(min_length=3, max_length=300)


class CopyQuote(BaseModel):
    """What a copy of this acta costs this requester, before paying."""

    acta: ActaSummary
    amount: Decimal
    free: bool
    digitised: bool  # False: the copy is a request staff prepare
    tupa_code: str


class CopyPaymentIn(BaseModel):
    method: Literal["card", "cash"] = "card"
    amount: Decimal = Field(ge=0, max_digits=10, decimal_places=2)
    card: CardApproval | None = None


class CopyIn(BaseModel):
    acta_id: int
    payment: CopyPaymentIn | None = None
    fee_receipt: str | None = Field(default=None, max_length=40)


class CopyRequestOut(BaseModel):
    tracking: str
    acta_ref: str
    kind_text: Text
    state: str
    state_text: Text
    created_at: datetime
    fulfilled_at: datetime | None
    copy_code: str | None  # the certified copy, once prepared (print it by this code)
    requester: str | None = None  # staff only


class CopyOut(BaseModel):
    """A copy issued (`document` is the certificate, `pdf_url` its signed PDF), or a
    request for a paper-only acta (`request`, and `document` is its ticket)."""

    document: DocumentOut
    amount: Decimal
    free: bool
    receipt: str | None
    pdf_url: str | None = None
    request: CopyRequestOut | None = None


class CopyFeeDebtIn(BaseModel):
    acta_id: int


class CopyFeeDebtOut(BaseModel):
    debt_id: int
    amount: Decimal
    label: str


class BatchOut(BaseModel):
    number: str
    filename: str
    count: int
    sha256: str
    created_at: datetime


class ReniecStatusOut(BaseModel):
    unsent: int
    overdue: list[ActaSummary]
    overdue_count: int
    deadline_days: int
    batches: list[BatchOut]
