from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, WithJsonSchema

from server.kernel.ids import MAX_ID
from server.kernel.text import Text

DebtId = Annotated[int, Field(ge=1, le=MAX_ID)]
# Amounts travel as JSON strings ("1234.50") so that no client turns them into floats.
Amount = Annotated[Decimal, Field(max_digits=12, decimal_places=2), WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": "^[0-9]{1,10}(\\.[0-9]{1,2})?$"},
    {"type": "number", "minimum": 0, "maximum": 9999999999.99, "multipleOf": 0.01}]})]


class PropertyOut(BaseModel):
    code: str
    address: str
    zone_id: int
    use: str
    land_area: Decimal
    built_area: Decimal
    share: Decimal
    value: Decimal | None  # autovalúo of the current year


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
    """Estado de cuenta: pending lines as of a date, oldest first, and their totals."""

    dni: str
    holder_name: str
    as_of: date
    lines: list[StatementLine]
    totals: Totals
    overdue_total: Decimal
    properties: list[PropertyOut]


class QuoteIn(BaseModel):
    debt_ids: list[DebtId] = Field(min_length=1, max_length=500,
                                json_schema_extra={"uniqueItems": True})
    paid_on: date | None = None


class Quote(BaseModel):
    as_of: date
    lines: list[StatementLine]
    totals: Totals


class PlanSimulationIn(BaseModel):
    debt_ids: list[DebtId] = Field(min_length=1, max_length=500,
                                json_schema_extra={"uniqueItems": True})
    instalments: int = Field(ge=2, le=72)
    initial: Amount = Field(ge=0)


class PlanCuota(BaseModel):
    number: int
    due_on: date
    principal: Decimal
    interest: Decimal
    total: Decimal


class PlanOut(BaseModel):
    id: int | None
    status: str
    debt_ids: list[int]
    total: Decimal
    initial: Decimal
    instalments: int
    monthly_pct: Decimal
    cuotas: list[PlanCuota]
    note: str | None = None


class PlanDecisionIn(BaseModel):
    approve: bool
    note: str = Field(min_length=3, max_length=240)


class NoDebtIn(BaseModel):
    property_code: str | None = Field(default=None, max_length=20)
