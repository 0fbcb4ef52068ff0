from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from server.documents.service import DocumentOut


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
