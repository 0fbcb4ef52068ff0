"""Payments (server/payments): pay debts, receipts, payment codes, the cashier's cash drawer.

Amounts travel as decimal strings both ways; paying calls carry an Idempotency-Key, so a
retry after a lost answer returns the first payment instead of charging twice.
"""

from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.text import Text
from kiosk.api.transport import Domain

CODES = "/api/v1/payment-codes"
CASH = "/api/v1/cash"
CREDITS = "/api/v1/payments/offline/credits"


class Allocation(BaseModel):
    server_schema: ClassVar[str] = "AllocationOut"

    debt_id: int
    label: str
    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal


class Payment(BaseModel):
    server_schema: ClassVar[str] = "PaymentOut"

    receipt_number: str
    amount: Decimal
    method: str
    status: str
    paid_at: datetime
    allocations: list[Allocation]
    change: Decimal | None = None
    document: Document


class PaymentSummary(BaseModel):
    server_schema: ClassVar[str] = "PaymentSummary"

    receipt_number: str
    document_code: str
    paid_at: datetime
    amount: Decimal
    method: str
    status: str


class PaymentCode(BaseModel):
    server_schema: ClassVar[str] = "CodeOut"

    code: str
    amount: Decimal
    expires_at: datetime
    status: str
    holder_name: str
    lines: list[Allocation]
    document: Document | None = None
    receipt_number: str | None = None


class CashSession(BaseModel):
    server_schema: ClassVar[str] = "CashSessionOut"

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


class CardApproval(BaseModel):
    """What the payment terminal answered for a card (never the card number)."""

    server_schema: ClassVar[str] = "CardApproval"

    authorization: str
    brand: str = ""
    last4: str = ""


class PaymentIn(BaseModel):
    server_schema: ClassVar[str] = "PaymentIn"

    debt_ids: list[int]
    method: str
    amount: Decimal
    currency: str = "PEN"
    card: CardApproval | None = None
    tendered: Decimal | None = None


class PaymentCheckIn(BaseModel):
    server_schema: ClassVar[str] = "PaymentCheckIn"

    debt_ids: list[int]
    amount: Decimal
    currency: str = "PEN"


class PaymentCheck(BaseModel):
    server_schema: ClassVar[str] = "PaymentCheckOut"

    total: Decimal


class CodeIn(BaseModel):
    server_schema: ClassVar[str] = "CodeIn"

    debt_ids: list[int]
    amount: Decimal
    currency: str = "PEN"


class CollectIn(BaseModel):
    server_schema: ClassVar[str] = "CollectIn"

    method: str
    card: CardApproval | None = None
    tendered: Decimal | None = None


class VoidIn(BaseModel):
    server_schema: ClassVar[str] = "VoidIn"

    reason: str
    supervisor: str
    supervisor_password: str


class CashOpenIn(BaseModel):
    server_schema: ClassVar[str] = "CashOpenIn"

    opening_float: Decimal


class CashCloseIn(BaseModel):
    server_schema: ClassVar[str] = "CashCloseIn"

    counted_cash: Decimal
    note: str = ""


class OfflineBlockIn(BaseModel):
    server_schema: ClassVar[str] = "OfflineBlockIn"

    size: int = 100


class OfflineBlock(BaseModel):
    server_schema: ClassVar[str] = "OfflineBlockOut"

    prefix: str
    first: int
    last: int


class OfflineCredit(BaseModel):
    """Offline cash kept as a credit for the supervisor to settle (docs/offline.md)."""

    server_schema: ClassVar[str] = "OfflineCreditOut"

    id: int
    number: str
    resident_dni: str
    amount: Decimal
    remaining: Decimal
    collected_at: datetime
    reason: str | None = None
    reason_text: Text
    status: str


class OfflineCreditSettled(BaseModel):
    server_schema: ClassVar[str] = "OfflineCreditSettledOut"

    kind: str  # refund | apply
    amount: Decimal
    credit: OfflineCredit
    receipt: Payment | None = None
    document: Document


class Payments(Domain):
    async def pay(self, *, debt_ids: list[int], method: str, amount: Decimal,
                  idempotency_key: str, card: CardApproval | dict | None = None,
                  tendered: Decimal | None = None) -> Payment:
        """Pay these debts (by card at a kiosk, in cash at a cashier's terminal)."""
        return await self.transport.post("/api/v1/payments", Payment, PaymentIn(
            debt_ids=debt_ids, method=method, amount=amount, card=card, tendered=tendered),
            idempotency_key=idempotency_key)

    async def check(self, *, debt_ids: list[int], amount: Decimal) -> PaymentCheck:
        """Before the card is charged: the server says whether it would record this payment
        (an ApiError with its reason if not). Nothing is written."""
        return await self.transport.post("/api/v1/payments/check", PaymentCheck,
                                         PaymentCheckIn(debt_ids=debt_ids, amount=amount))

    async def pending_codes(self) -> list[PaymentCode]:
        """The resident's payment codes that still reserve debts."""
        return await self.transport.get_list(f"{CODES}/pending", PaymentCode)

    async def cancel_code(self, number: str) -> PaymentCode:
        """Cancel an unpaid code (the resident's own, or any for a cashier): its debts are
        free to pay another way."""
        return await self.transport.post(f"{CODES}/{number.strip()}/cancel", PaymentCode)

    async def history(self) -> list[PaymentSummary]:
        return await self.transport.get_list("/api/v1/payments/history", PaymentSummary)

    async def void(self, receipt_number: str, *, reason: str, supervisor: str,
                   supervisor_password: str) -> Payment:
        """Cashier: void a payment, with a supervisor's password."""
        return await self.transport.post(
            f"/api/v1/payments/{receipt_number}/void", Payment,
            VoidIn(reason=reason, supervisor=supervisor,
                   supervisor_password=supervisor_password))

    async def create_code(self, *, debt_ids: list[int], amount: Decimal,
                          idempotency_key: str) -> PaymentCode:
        """A code to pay these debts later at a bank or a cashier."""
        return await self.transport.post(CODES, PaymentCode,
                                         CodeIn(debt_ids=debt_ids, amount=amount),
                                         idempotency_key=idempotency_key)

    async def code(self, number: str) -> PaymentCode:
        return await self.transport.get(f"{CODES}/{number.strip()}", PaymentCode)

    async def collect_code(self, number: str, *, method: str, idempotency_key: str,
                           tendered: Decimal | None = None,
                           card: CardApproval | dict | None = None) -> Payment:
        """Cashier: take the payment of a code."""
        return await self.transport.post(f"{CODES}/{number.strip()}/collect", Payment,
                                         CollectIn(method=method, card=card, tendered=tendered),
                                         idempotency_key=idempotency_key)

    async def cash_current(self) -> CashSession | None:
        """Cashier: the open cash session at this terminal, if any."""
        body = (await self.transport.request("GET", f"{CASH}/current")).json()
        return CashSession.model_validate(body) if body else None

    async def cash_open(self, opening_float: Decimal) -> CashSession:
        return await self.transport.post(f"{CASH}/open", CashSession,
                                         CashOpenIn(opening_float=opening_float))

    async def cash_close(self, counted_cash: Decimal, note: str = "") -> CashSession:
        return await self.transport.post(f"{CASH}/close", CashSession,
                                         CashCloseIn(counted_cash=counted_cash, note=note))

    async def reserve_offline_block(self, size: int = 100) -> OfflineBlock:
        """Cashier: receipt numbers of this terminal's own, to collect cash offline
        (kiosk/offline_cash.py keeps them)."""
        return await self.transport.post("/api/v1/payments/offline/blocks", OfflineBlock,
                                         OfflineBlockIn(size=size))

    async def offline_credits(self) -> list[OfflineCredit]:
        """Supervisor: offline cash kept as credits, to refund or apply."""
        return await self.transport.get_list(CREDITS, OfflineCredit)

    async def settle_credit(self, credit_id: int, kind: str, *, idempotency_key: str
                            ) -> OfflineCreditSettled:
        """Supervisor: `refund` what is left of a credit from this terminal's open till, or
        `apply` it to the resident's oldest pending debts; once per key."""
        if kind not in ("refund", "apply"):
            raise ValueError(kind)
        return await self.transport.post(f"{CREDITS}/{credit_id}/{kind}", OfflineCreditSettled,
                                         idempotency_key=idempotency_key)
