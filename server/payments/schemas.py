from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field
from pydantic_core import PydanticCustomError

from server.documents.service import DocumentOut
from server.kernel.text import Text


def _positive(value: Decimal) -> Decimal:
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise PydanticCustomError("amount_invalid", "amount must be positive, to the cent")
    return value


def _not_negative(value: Decimal) -> Decimal:
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise PydanticCustomError("amount_invalid", "amount must not be negative")
    return value


def _soles(value: str) -> str:
    if value != "PEN":
        raise PydanticCustomError("currency_not_accepted", "only PEN")
    return value


PositiveAmount = Annotated[Decimal, Field(max_digits=12), AfterValidator(_positive)]
Amount = Annotated[Decimal, Field(max_digits=12), AfterValidator(_not_negative)]
Currency = Annotated[str, AfterValidator(_soles)]


class CardApproval(BaseModel):
    """What the card payment terminal answered (never the card number)."""

    authorization: str = Field(min_length=1, max_length=20)
    brand: str = Field(default="", max_length=20)
    last4: str = Field(default="", pattern=r"^\d{0,4}$")


class PaymentIn(BaseModel):
    debt_ids: list[int] = Field(min_length=1, max_length=500)
    method: Literal["card", "cash"]
    amount: PositiveAmount  # the total the payer was shown; refused if it no longer holds
    currency: Currency = "PEN"
    card: CardApproval | None = None
    tendered: Amount | None = None  # cash handed over


class PaymentCheckIn(BaseModel):
    """Asked before a card is charged: may these debts be paid now, for this amount?"""

    debt_ids: list[int] = Field(min_length=1, max_length=500)
    amount: PositiveAmount
    currency: Currency = "PEN"


class PaymentCheckOut(BaseModel):
    total: Decimal


class AllocationOut(BaseModel):
    debt_id: int
    label: str
    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal


class PaymentOut(BaseModel):
    receipt_number: str
    amount: Decimal
    method: str
    status: str
    paid_at: datetime
    allocations: list[AllocationOut]
    change: Decimal | None = None
    document: DocumentOut


class PaymentSummary(BaseModel):
    receipt_number: str
    document_code: str
    paid_at: datetime
    amount: Decimal
    method: str
    status: str


class UnreconciledCardOut(BaseModel):
    """A card payment the acquirer's settlement has not confirmed yet."""

    receipt_number: str
    paid_at: datetime
    amount: Decimal
    authorization: str
    device_id: int | None


class CodeIn(BaseModel):
    debt_ids: list[int] = Field(min_length=1, max_length=500)
    amount: PositiveAmount
    currency: Currency = "PEN"


class CodeOut(BaseModel):
    code: str
    amount: Decimal
    expires_at: datetime
    status: str
    holder_name: str
    lines: list[AllocationOut]
    document: DocumentOut | None = None
    receipt_number: str | None = None


class CollectIn(BaseModel):
    method: Literal["card", "cash"]
    card: CardApproval | None = None
    tendered: Amount | None = None


class BankNotificationIn(BaseModel):
    bank: str = Field(min_length=2, max_length=16)
    operation: str = Field(min_length=1, max_length=40)
    code: str = Field(min_length=1, max_length=12)
    amount: PositiveAmount
    currency: Currency = "PEN"
    paid_at: datetime


class BankAck(BaseModel):
    status: Literal["applied", "duplicate"]
    receipt_number: str


class VoidIn(BaseModel):
    reason: str = Field(min_length=5, max_length=240)
    supervisor: str = Field(min_length=1, max_length=64)
    supervisor_password: str = Field(min_length=1, max_length=200)


class CashOpenIn(BaseModel):
    opening_float: Amount


class CashCloseIn(BaseModel):
    counted_cash: Amount
    note: str = Field(default="", max_length=240)


class CashSessionOut(BaseModel):
    id: int
    opened_at: datetime
    opening_float: Decimal
    totals: dict[str, Decimal]
    payments: int
    expected_cash: Decimal
    closed_at: datetime | None = None
    counted_cash: Decimal | None = None
    difference: Decimal | None = None
    document: DocumentOut | None = None


class OfflineBlockIn(BaseModel):
    size: int = Field(default=100, ge=1, le=1000)


class OfflineBlockOut(BaseModel):
    """Receipt numbers `prefix` + the number to six digits, first to last, this device's own."""

    prefix: str
    first: int
    last: int


class OfflineCashIn(BaseModel):
    """Cash a terminal collected while offline, as it recorded and signed it (docs/offline.md).
    The device signs `payments.offline.canonical(...)` of every field but the last two."""

    number: str = Field(min_length=1, max_length=40)
    resident_dni: str = Field(min_length=1, max_length=12)
    debt_ids: list[int] = Field(min_length=1, max_length=500)
    amount: PositiveAmount
    tendered: Amount | None = None
    staff_username: str = Field(min_length=1, max_length=64)
    cash_session_id: int
    collected_at: AwareDatetime  # the terminal's clock, with its offset
    # The Idempotency-Key of the ordinary cash payment tried first, whose answer never came:
    # if the server did apply it, this record is that same cash, not a second payment.
    online_key: str | None = Field(default=None, max_length=80)
    certificate: str = Field(max_length=8000)  # PEM: the device certificate it signed with
    signature: str = Field(max_length=200)  # base64 DER ECDSA P-256 / SHA-256


class OfflineCashOut(BaseModel):
    """`applied`: `receipt` paid the debts. `credit`: they could not be paid as recorded
    (`reason`); the money is kept as a credit the cashiers' supervisor settles.
    `superseded`: the ordinary payment tried first had been applied (`receipt` is its)."""

    number: str
    status: Literal["applied", "credit", "superseded"]
    reason: str | None = None
    amount: Decimal
    receipt: PaymentOut | None = None


class OfflineCreditOut(BaseModel):
    """Offline cash kept as a credit: `amount` collected (receipt `number`), `remaining` still
    to settle, why (`reason`, the refusal's code, and `reason_text` in words)."""

    id: int
    number: str
    device_id: int
    staff_id: int
    resident_id: int
    resident_dni: str
    debt_ids: list[int]
    amount: Decimal
    remaining: Decimal
    collected_at: datetime
    received_at: datetime
    reason: str | None
    reason_text: Text
    status: Literal["credit", "settled"]


class OfflineCreditSettledOut(BaseModel):
    """A credit settled (all or part): `refund`, cash handed back, `document` the refund's
    numbered slip; `apply`, `receipt` the ordinary receipt of the debts it paid (`document`
    is that receipt's). `credit` is the credit as it is now (`remaining` may be left)."""

    kind: Literal["refund", "apply"]
    amount: Decimal
    credit: OfflineCreditOut
    receipt: PaymentOut | None = None
    document: DocumentOut
