"""What pending debts cost on a given day: principal, interest (TIM), benefits by ordinance."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from server.accounts import rules
from server.accounts.models import Benefit, Debt, Property, TimRate
from server.accounts.schemas import StatementLine, Totals
from server.kernel.text import Text
from server.money import ZERO, q2

# tribute -> (Spanish, English, group of the ordinances that set it)
TRIBUTES = {
    "predial": ("Impuesto predial", "Property tax", "predial"),
    "limpieza": ("Arbitrio de limpieza pública", "Street cleaning fee", "arbitrios"),
    "parques": ("Arbitrio de parques y jardines", "Parks and gardens fee", "arbitrios"),
    "serenazgo": ("Arbitrio de serenazgo", "Local security fee", "arbitrios"),
    "multa": ("Multa administrativa", "Administrative fine", "multa"),
    "fraccionamiento": ("Fraccionamiento", "Instalment plan", "fraccionamiento"),
    "tasa": ("Derecho de trámite", "Procedure fee", "tasa"),
}


def group_of(tribute: str) -> str:
    return TRIBUTES[tribute][2]


def label(debt: Debt) -> Text:
    es, en, _ = TRIBUTES[debt.tribute]
    if debt.tribute in ("multa", "tasa"):
        return Text(es=f"{es}: {debt.detail}", en=f"{en}: {debt.detail}")
    if debt.period == 0:
        return Text(es=f"{es} {debt.year}", en=f"{en} {debt.year}")
    return Text(es=f"{es} {debt.year} cuota {debt.period}",
                en=f"{en} {debt.year} instalment {debt.period}")


# Built once, read as rows: every statement and payment prices its debts (building a
# statement costs more than running it).
_RATES, _BENEFITS = TimRate.__table__, Benefit.__table__
_TIM_PERIODS = select(_RATES.c.valid_from, _RATES.c.monthly_pct).order_by(_RATES.c.valid_from)
_ACTIVE_BENEFITS = select(_BENEFITS).where(_BENEFITS.c.valid_from <= bindparam("as_of"),
                                           _BENEFITS.c.valid_to >= bindparam("as_of"))


def tim_periods(db: Session) -> list[rules.TimPeriod]:
    return [rules.TimPeriod(r.valid_from, r.monthly_pct) for r in db.execute(_TIM_PERIODS)]


def active_benefits(db: Session, as_of: date) -> list[Row]:
    """The benefits (Benefit's columns) in force on `as_of`."""
    return list(db.execute(_ACTIVE_BENEFITS, {"as_of": as_of}))


def _whole_years(db: Session, resident_id: int, selected: Sequence[Debt],
                 benefits: Sequence[Row]) -> set[tuple]:
    """(tribute, property, year) whose every cuota is selected and still untouched."""
    years = {b.debt_year for b in benefits if b.kind == "pronto_pago"}
    if not years:
        return set()
    chosen = {d.id for d in selected}
    every: dict[tuple, bool] = {}
    rows = db.execute(select(Debt).where(Debt.resident_id == resident_id,
                                         Debt.year.in_(years))).scalars()
    for debt in rows:
        key = (debt.tribute, debt.property_id, debt.year)
        ok = debt.id in chosen and debt.balance == debt.principal and debt.status == "pending"
        every[key] = every.get(key, True) and ok
    return {key for key, ok in every.items() if ok}


def price(*, db: Session, resident_id: int, debts: Sequence[Debt], as_of: date,
          whole_selection: bool = True) -> list[StatementLine]:
    """Price `debts` as if paid on `as_of`. With `whole_selection`, the pronto-pago discount
    counts only years whose cuotas are all in `debts` (the payment's own selection)."""
    rates = tim_periods(db)
    benefits = active_benefits(db, as_of)
    whole = _whole_years(db, resident_id, debts, benefits) if whole_selection else set()
    property_ids = {d.property_id for d in debts if d.property_id}
    codes = dict(db.execute(select(Property.id, Property.code).where(
        Property.id.in_(property_ids))).all()) if property_ids else {}
    lines = []
    for debt in debts:
        owed = rules.interest(principal=debt.balance, due_on=debt.due_on, paid_on=as_of,
                              rates=rates)
        discount, applied = ZERO, None
        for benefit in benefits:
            if benefit.tribute_group not in (group_of(debt.tribute), "*"):
                continue
            if benefit.kind == "amnistia" and debt.year <= benefit.debt_year and owed:
                discount += q2(owed * benefit.percent / 100)
                applied = Text(es=benefit.label_es, en=benefit.label_en)
            elif (benefit.kind == "pronto_pago" and debt.year == benefit.debt_year
                  and (debt.tribute, debt.property_id, debt.year) in whole):
                discount += q2(debt.balance * benefit.percent / 100)
                applied = Text(es=benefit.label_es, en=benefit.label_en)
        lines.append(StatementLine(
            debt_id=debt.id, property_code=codes.get(debt.property_id), tribute=debt.tribute,
            label=label(debt), year=debt.year, period=debt.period, due_on=debt.due_on,
            principal=debt.balance, interest=owed, discount=discount,
            total=debt.balance + owed - discount, overdue=debt.due_on < as_of,
            benefit=applied))
    return lines


def totals(lines: Sequence[StatementLine]) -> Totals:
    return Totals(principal=sum((x.principal for x in lines), ZERO),
                  interest=sum((x.interest for x in lines), ZERO),
                  discount=sum((x.discount for x in lines), ZERO),
                  total=sum((x.total for x in lines), ZERO))


def order_key(debt: Debt) -> tuple:
    """Imputation order: oldest due first, then year, tribute, cuota (Cód. Trib. art. 31)."""
    return (debt.due_on, debt.year, debt.tribute, debt.period, debt.id)
