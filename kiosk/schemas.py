"""The server's answers as the kiosk reads them (the wire contract; never imports server)."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel


class Text(BaseModel):
    es: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.es


class Enrolment(BaseModel):
    device_id: int
    credential: str
    site_code: str
    site_name: str


class Resident(BaseModel):
    dni: str
    given_names: str
    surnames: str
    full_name: str
    birth_date: date
    address: str
    zone_id: int
    zone_name: str


class Staff(BaseModel):
    username: str
    full_name: str
    role: str


class Challenge(BaseModel):
    challenge_id: str
    to_sign: str
    expires_at: datetime


class SessionInfo(BaseModel):
    token: str | None = None
    kind: str
    method: str
    expires_at: datetime
    resident: Resident | None = None
    staff: Staff | None = None
    acting_for: Resident | None = None


class DocumentLine(BaseModel):
    label: Text
    value: str


class Document(BaseModel):
    code: str
    kind: str
    number: str
    title: Text
    issued_at: datetime
    site_name: str
    holder_name: str | None
    lines: list[DocumentLine]
    verify_url: str
    voided: bool


class Verification(BaseModel):
    valid: bool
    code: str
    kind: str | None = None
    number: str | None = None
    title: Text | None = None
    issued_at: datetime | None = None
    holder_initials: str | None = None
    message: Text


class DeviceInfo(BaseModel):
    id: int
    name: str
    kind: str
    site_code: str
    site_name: str
    last_heartbeat_at: datetime | None
    software_version: str | None
    reader_status: str | None
    printer_status: str | None
    paper_status: str | None
    last_error: str | None
    online: bool


# -- cuenta corriente and payments (amounts arrive as decimal strings, never floats) ------------
class PropertyInfo(BaseModel):
    code: str
    address: str
    zone_id: int
    use: str
    share: Decimal
    value: Decimal | None


class StatementLine(BaseModel):
    debt_id: int
    property_code: str | None
    tribute: str
    label: Text
    year: int
    period: int
    due_on: date
    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal
    overdue: bool
    benefit: Text | None = None


class Totals(BaseModel):
    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal


class Statement(BaseModel):
    dni: str
    holder_name: str
    as_of: date
    lines: list[StatementLine]
    totals: Totals
    overdue_total: Decimal
    properties: list[PropertyInfo]


class Quote(BaseModel):
    as_of: date
    lines: list[StatementLine]
    totals: Totals


class Allocation(BaseModel):
    debt_id: int
    label: str
    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal


class Payment(BaseModel):
    receipt_number: str
    amount: Decimal
    method: str
    status: str
    paid_at: datetime
    allocations: list[Allocation]
    change: Decimal | None = None
    document: Document


class PaymentSummary(BaseModel):
    receipt_number: str
    document_code: str
    paid_at: datetime
    amount: Decimal
    method: str
    status: str


class PaymentCode(BaseModel):
    code: str
    amount: Decimal
    expires_at: datetime
    status: str
    holder_name: str
    lines: list[Allocation]
    document: Document | None = None
    receipt_number: str | None = None


class PlanCuota(BaseModel):
    number: int
    due_on: date
    principal: Decimal
    interest: Decimal
    total: Decimal


class Plan(BaseModel):
    id: int | None
    status: str
    debt_ids: list[int]
    total: Decimal
    initial: Decimal
    instalments: int
    monthly_pct: Decimal
    cuotas: list[PlanCuota]
    note: str | None = None


class CashSession(BaseModel):
    id: int
    opened_at: datetime
    opening_float: Decimal
    totals: dict[str, Decimal]
    payments: int
    expected_cash: Decimal
    closed_at: datetime | None = None
    counted_cash: Decimal | None = None
    difference: Decimal | None = None
    document: Document | None = None
