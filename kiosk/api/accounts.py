"""Cuenta corriente (server/accounts): statement, quotes, payment plans, no-debt certificate.

Amounts arrive as decimal strings and become Decimal, never float.
"""

from datetime import date
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

from kiosk.api.documents import Document
from kiosk.api.text import Text
from kiosk.api.transport import Domain

P = "/api/v1/accounts"


class PropertyInfo(BaseModel):
    server_schema: ClassVar[str] = "PropertyOut"

    code: str
    address: str
    zone_id: int
    use: str
    share: Decimal
    value: Decimal | None


class StatementLine(BaseModel):
    server_schema: ClassVar[str] = "StatementLine"

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
    server_schema: ClassVar[str] = "Totals"

    principal: Decimal
    interest: Decimal
    discount: Decimal
    total: Decimal


class Statement(BaseModel):
    server_schema: ClassVar[str] = "Statement"

    dni: str
    holder_name: str
    as_of: date
    lines: list[StatementLine]
    totals: Totals
    overdue_total: Decimal
    properties: list[PropertyInfo]


class Quote(BaseModel):
    server_schema: ClassVar[str] = "Quote"

    as_of: date
    lines: list[StatementLine]
    totals: Totals


class PlanCuota(BaseModel):
    server_schema: ClassVar[str] = "PlanCuota"

    number: int
    due_on: date
    principal: Decimal
    interest: Decimal
    total: Decimal


class Plan(BaseModel):
    server_schema: ClassVar[str] = "PlanOut"

    id: int | None
    status: str
    debt_ids: list[int]
    total: Decimal
    initial: Decimal
    instalments: int
    monthly_pct: Decimal
    cuotas: list[PlanCuota]
    note: str | None = None


class QuoteIn(BaseModel):
    server_schema: ClassVar[str] = "QuoteIn"

    debt_ids: list[int]
    paid_on: date | None


class NoDebtIn(BaseModel):
    server_schema: ClassVar[str] = "NoDebtIn"

    property_code: str | None


class PlanIn(BaseModel):
    server_schema: ClassVar[str] = "PlanSimulationIn"

    debt_ids: list[int]
    instalments: int
    initial: Decimal


class PlanDecisionIn(BaseModel):
    server_schema: ClassVar[str] = "PlanDecisionIn"

    approve: bool
    note: str


class Accounts(Domain):
    async def statement(self, as_of: date | None = None) -> Statement:
        """What the resident owes as of a date (today by default), oldest first."""
        params = {"as_of": as_of.isoformat()} if as_of else None
        return await self.transport.get(f"{P}/statement", Statement, params=params)

    async def quote(self, debt_ids: list[int], paid_on: date | None = None) -> Quote:
        return await self.transport.post(f"{P}/quote", Quote,
                                         QuoteIn(debt_ids=debt_ids, paid_on=paid_on))

    async def no_debt_certificate(self, *, idempotency_key: str,
                                  property_code: str | None = None) -> Document:
        return await self.transport.post(f"{P}/no-debt-certificate", Document,
                                         NoDebtIn(property_code=property_code),
                                         idempotency_key=idempotency_key)

    async def simulate_plan(self, *, debt_ids: list[int], instalments: int,
                            initial: Decimal) -> Plan:
        """The cuotas a plan would have; nothing is written."""
        return await self.transport.post(f"{P}/plans/simulate", Plan, PlanIn(
            debt_ids=debt_ids, instalments=instalments, initial=initial))

    async def request_plan(self, *, debt_ids: list[int], instalments: int, initial: Decimal,
                           idempotency_key: str) -> Plan:
        return await self.transport.post(f"{P}/plans", Plan, PlanIn(
            debt_ids=debt_ids, instalments=instalments, initial=initial),
            idempotency_key=idempotency_key)

    async def pending_plans(self) -> list[Plan]:
        """Cashier: the plans waiting for a decision."""
        return await self.transport.get_list(f"{P}/plans/pending", Plan)

    async def decide_plan(self, plan_id: int, *, approve: bool, note: str) -> Plan:
        return await self.transport.post(f"{P}/plans/{plan_id}/decision", Plan,
                                         PlanDecisionIn(approve=approve, note=note))
