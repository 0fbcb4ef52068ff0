"""Trámites and Consultas as the kiosk sees them (mirrors server/procedures and server/info
schemas; the contract tests keep them in step)."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel

from kiosk.schemas import Document, Payment, Text


class Office(BaseModel):
    code: str
    name: Text
    address: str
    hours: str
    phone: str


class Requirement(BaseModel):
    es: str
    en: str
    attachment: bool


class FieldSpec(BaseModel):
    name: str
    es: str
    en: str


class Procedure(BaseModel):
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
    at: datetime
    action: str
    state: str
    office: str
    note: str
    text: Text


class Attachment(BaseModel):
    id: int
    requirement: int
    filename: str
    media_type: str
    size: int
    sha256: str


class Expediente(BaseModel):
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


class Filing(BaseModel):
    expediente: Expediente
    document: Document
    payment: Payment | None = None


class PublicStatus(BaseModel):
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
    number: str
    procedure_name: Text
    filer_name: str
    state: str
    received_on: date
    due_on: date | None
    correct_by: date | None
    days_left: int | None


class Bucket(BaseModel):
    count: int
    items: list[InboxItem]


class Inbox(BaseModel):
    office: Office
    new: Bucket
    due_soon: Bucket
    overdue: Bucket
    observed: Bucket
    in_progress: Bucket


class Dashboard(BaseModel):
    by_month: list[dict]
    kiosk_share: Decimal
    median_days: list[dict]
    overdue_by_office: list[dict]


class SearchHit(BaseModel):
    kind: str
    ref: str
    title: Text
    body: Text
    score: float


class SearchResult(BaseModel):
    query: str
    hits: list[SearchHit]
    hint: Text | None = None


class ServiceType(BaseModel):
    code: str
    name: Text
    description: str
    office: str


class Report(BaseModel):
    id: str
    service_code: str
    service_name: Text
    description: str
    address: str | None
    status: str
    status_notes: str | None
    office: str
    requested_at: datetime
    updated_at: datetime
    expected_at: datetime | None
