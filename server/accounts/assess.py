"""Emisión: turn a year's parameters into debts (predial per owner, arbitrios per property)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import rules
from server.accounts.debts import DebtRef, debt_ref
from server.accounts.models import (
    ArbitrioRate,
    Debt,
    DueDate,
    Ownership,
    PredialBracket,
    Property,
    TaxYear,
    Valuation,
)
from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.money import q2
from server.timeutil import today, utcnow

SERVICES = ("limpieza", "parques", "serenazgo")


def _due_dates(db: Session, year: int, group: str) -> dict[int, date]:
    rows = db.execute(select(DueDate).where(DueDate.year == year,
                                            DueDate.tribute_group == group)).scalars()
    dates = {r.period: r.due_on for r in rows if r.period > 0}
    if sorted(dates) != [1, 2, 3, 4]:
        raise Problem(409, "due_dates_missing",
                      f"Faltan las fechas de vencimiento de {group} {year}.",
                      f"The due dates of {group} {year} are missing.")
    return dates


def _rate(rates: list[ArbitrioRate], service: str, use: str, zone_id: int
          ) -> ArbitrioRate | None:
    candidates = [r for r in rates if r.service == service and r.use == use
                  and r.zone_id in (zone_id, None)]
    return max(candidates, key=lambda r: r.zone_id is not None, default=None)


def assess_year(*, db: Session, by: audit.Actor, year: int) -> int:
    """Create the year's predial and arbitrio cuotas that do not exist yet; return how many."""
    tax_year = db.get(TaxYear, year)
    if tax_year is None:
        raise Problem(409, "tax_year_missing", f"No hay UIT registrada para {year}.",
                      f"No UIT is recorded for {year}.")
    brackets = [rules.Bracket(b.from_uit, b.to_uit, b.rate) for b in db.execute(
        select(PredialBracket).where(PredialBracket.year == year)).scalars()]
    predial_due, arbitrio_due = _due_dates(db, year, "predial"), _due_dates(db, year, "arbitrios")
    rates = list(db.execute(select(ArbitrioRate).where(ArbitrioRate.year == year)).scalars())
    existing = set(db.execute(select(Debt.resident_id, Debt.property_id, Debt.tribute).where(
        Debt.year == year)).all())
    values = dict(db.execute(select(Valuation.property_id, Valuation.value).where(
        Valuation.year == year)).all())
    owners: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for own in db.execute(select(Ownership)).scalars():
        owners[own.property_id].append((own.resident_id, own.share))
    base: dict[int, Decimal] = defaultdict(Decimal)
    now, created = utcnow(), 0

    def add(resident_id: int, property_id: int | None, tribute: str, annual: Decimal,
            due: dict[int, date]) -> None:
        nonlocal created
        if (resident_id, property_id, tribute) in existing or annual <= 0:
            return
        for period, amount in enumerate(rules.split(annual, 4), start=1):
            db.add(Debt(resident_id=resident_id, property_id=property_id, tribute=tribute,
                        year=year, period=period, due_on=due[period], principal=amount,
                        balance=amount, status="pending", created_at=now))
            created += 1

    for prop in db.execute(select(Property)).scalars():
        shares = owners.get(prop.id, [])
        for resident_id, share in shares:
            base[resident_id] += values.get(prop.id, Decimal(0)) * share
        if not shares:
            continue
        # Arbitrios are charged to the main owner (largest share, then the oldest record).
        payer = max(shares, key=lambda s: (s[1], -s[0]))[0]
        for service in SERVICES:
            rate = _rate(rates, service, prop.use, prop.zone_id)
            if rate is not None:
                add(payer, prop.id, service, rules.annual_arbitrio(
                    basis=rate.basis, amount=rate.amount, land_area=prop.land_area,
                    built_area=prop.built_area), arbitrio_due)
    for resident_id, total in base.items():
        tax = rules.predial_tax(base=q2(total), uit=tax_year.uit, brackets=brackets,
                                minimum_uit=tax_year.predial_minimum_uit)
        add(resident_id, None, "predial", tax, predial_due)
    audit.record(db=db, by=by, action="accounts.assess", target=f"year:{year}",
                 details={"debts": created})
    return created


def add_fine(*, db: Session, by: audit.Actor, resident: identity.ResidentRef, reason: str,
             on: date, amount: Decimal, due_on: date) -> DebtRef:
    """A multa administrativa with its reason, date and amount."""
    if amount <= 0:
        raise Problem(422, "amount_invalid", "El monto debe ser mayor que cero.",
                      "The amount must be greater than zero.")
    period = 1 + len(list(db.execute(select(Debt.id).where(
        Debt.resident_id == resident.id, Debt.tribute == "multa", Debt.year == on.year))))
    debt = Debt(resident_id=resident.id, property_id=None, tribute="multa", year=on.year,
                period=period, due_on=due_on, principal=amount, balance=amount,
                status="pending", detail=f"{reason} ({on:%d/%m/%Y})", created_at=utcnow())
    db.add(debt)
    db.flush()
    audit.record(db=db, by=by, action="accounts.fine", target=f"debt:{debt.id}",
                 details={"resident": resident.id, "amount": str(amount), "reason": reason})
    return debt_ref(debt)


def uit(*, db: Session, year: int) -> Decimal:
    """The UIT of `year` (the yearly tax unit that fees and fines are shares of)."""
    row = db.get(TaxYear, year)
    if row is None:
        raise Problem(503, "uit_missing",
                      f"Falta la UIT del año {year}: avise al administrador.",
                      f"The UIT of {year} is missing: tell the administrator.")
    return row.uit


def add_fee(*, db: Session, by: audit.Actor, resident: identity.ResidentRef, label: str,
            amount: Decimal) -> DebtRef:
    """A derecho de trámite (procedure fee) due today, to be paid in the same transaction or
    at the cashier; `label` names the procedure (code and name)."""
    on = today()
    period = 1 + len(list(db.execute(select(Debt.id).where(
        Debt.resident_id == resident.id, Debt.tribute == "tasa", Debt.year == on.year))))
    debt = Debt(resident_id=resident.id, property_id=None, tribute="tasa", year=on.year,
                period=period, due_on=on, principal=amount, balance=amount, status="pending",
                detail=label[:240], created_at=utcnow())
    db.add(debt)
    db.flush()
    audit.record(db=db, by=by, action="accounts.fee", target=f"debt:{debt.id}",
                 details={"resident": resident.id, "amount": str(amount), "label": label})
    return debt_ref(debt)
