"""Cuenta corriente: the resident's properties, statement, quotes, and the debts payments touch.

Definitions used across the domain: *predial* is the yearly property tax of an owner;
*arbitrios* are the fees for municipal services to a property (limpieza pública, parques y
jardines, serenazgo); a *cuota* is one instalment of either; a *multa* is an administrative
fine; *TIM* is the monthly late-interest rate; the *UIT* is the yearly tax unit in soles.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import debts, pricing
from server.accounts.assess import add_fee, add_fine, assess_year, uit
from server.accounts.debts import lock_debts, reduce_balance, restore_balance
from server.accounts.models import Debt, Ownership, Property, Valuation
from server.accounts.plans import decide_plan, list_plans, request_plan, simulate_plan
from server.accounts.schemas import PropertyOut, Quote, Statement, StatementLine, Totals
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity.service import Resident
from server.kernel.text import Text
from server.money import ZERO, fmt

__all__ = [
    "Debt", "Quote", "Statement", "StatementLine", "Totals", "add_fee", "add_fine", "assess_year",
    "decide_plan", "issue_no_debt_certificate", "list_plans", "lock_debts", "price",
    "properties_of", "quote", "reduce_balance", "request_plan", "restore_balance",
    "simulate_plan", "statement", "uit",
]

def properties_of(*, db: Session, resident: Resident, year: int) -> list[PropertyOut]:
    rows = db.execute(
        select(Property, Ownership.share, Valuation.value)
        .join(Ownership, Ownership.property_id == Property.id)
        .outerjoin(Valuation, (Valuation.property_id == Property.id) & (Valuation.year == year))
        .where(Ownership.resident_id == resident.id).order_by(Property.code)).all()
    return [PropertyOut(code=p.code, address=p.address, zone_id=p.zone_id, use=p.use,
                        land_area=p.land_area, built_area=p.built_area, share=share, value=value)
            for p, share, value in rows]


def statement(*, db: Session, resident: Resident, as_of: date) -> Statement:
    """Everything pending as of `as_of`, oldest first (overdue before the rest)."""
    pending = debts.pending(db=db, resident_id=resident.id)
    lines = pricing.price(db=db, resident_id=resident.id, debts=pending, as_of=as_of)
    return Statement(
        dni=resident.dni, holder_name=resident.full_name, as_of=as_of, lines=lines,
        totals=pricing.totals(lines),
        overdue_total=sum((x.total for x in lines if x.overdue), ZERO),
        properties=properties_of(db=db, resident=resident, year=as_of.year))


def quote(*, db: Session, resident: Resident, debt_ids: Sequence[int], as_of: date) -> Quote:
    """What paying the chosen debts costs on `as_of`; reads only (no row is locked)."""
    return price(db=db, resident=resident,
                 debts=debts.select_debts(db=db, resident=resident, debt_ids=debt_ids),
                 as_of=as_of)


def price(*, db: Session, resident: Resident, debts: Sequence[Debt], as_of: date) -> Quote:
    """Price debts already chosen (and, for a payment, already locked by `lock_debts`)."""
    lines = pricing.price(db=db, resident_id=resident.id, debts=debts, as_of=as_of)
    return Quote(as_of=as_of, lines=lines, totals=pricing.totals(lines))


def issue_no_debt_certificate(*, db: Session, by: audit.Actor, device, resident: Resident,
                              property_code: str | None, as_of: date):
    """Constancia de no adeudo for the resident, or for one of their properties."""
    prop = None
    if property_code:
        prop = db.execute(select(Property).join(Ownership, Ownership.property_id == Property.id)
                          .where(Property.code == property_code,
                                 Ownership.resident_id == resident.id)).scalar()
        if prop is None:
            raise Problem(404, "property_not_found",
                          "Ese predio no figura a su nombre. Revise el código del predio.",
                          "That property is not in your name. Check the property code.")
    pending = [d for d in debts.pending(db=db, resident_id=resident.id) if prop is None or
               d.property_id == prop.id or (d.tribute == "predial" and d.property_id is None)]
    if pending:
        owed = pricing.totals(pricing.price(db=db, resident_id=resident.id, debts=pending,
                                            as_of=as_of)).total
        audit.record_denied(db=db, by=by, action="accounts.no_debt_certificate",
                            target=f"resident:{resident.id}", details={"owed": str(owed)})
        raise Problem(409, "debt_pending",
                      f"No podemos emitir la constancia: tiene deudas pendientes por {fmt(owed)}."
                      " Puede pagarlas en este quiosco y volver a pedirla.",
                      f"We cannot issue the certificate: {fmt(owed)} is still owed. You can "
                      "pay it at this kiosk and ask again.", owed=str(owed))
    lines = [DocumentLine(label=Text(es="DNI", en="DNI"), value=resident.dni),
             DocumentLine(label=Text(es="Contribuyente", en="Taxpayer"),
                          value=resident.full_name)]
    if prop is not None:
        lines += [DocumentLine(label=Text(es="Predio", en="Property"), value=prop.code),
                  DocumentLine(label=Text(es="Dirección", en="Address"), value=prop.address)]
    lines.append(DocumentLine(
        label=Text(es="Situación", en="Status"),
        value=f"Sin deuda al {as_of:%d/%m/%Y} / No debt as of {as_of:%d/%m/%Y}"))
    return documents.issue(db=db, by=by, device=device, kind="no_debt", prefix="CNA",
                           title=Text(es="Constancia de no adeudo", en="Certificate of no debt"),
                           lines=lines, resident=resident)
