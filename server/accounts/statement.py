"""The resident's properties, statement and quotes, the no-debt certificate, and the debts
a payment locks and prices."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import debts, pricing
from server.accounts.models import Debt, Ownership, Property, Valuation
from server.accounts.schemas import PropertyOut, Quote, Statement
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO, fmt
from server.sites import service as sites


def properties_of(*, db: Session, resident: identity.ResidentRef, year: int
                  ) -> list[PropertyOut]:
    rows = db.execute(
        select(Property, Ownership.share, Valuation.value)
        .join(Ownership, Ownership.property_id == Property.id)
        .outerjoin(Valuation, (Valuation.property_id == Property.id) & (Valuation.year == year))
        .where(Ownership.resident_id == resident.id).order_by(Property.code)).all()
    return [PropertyOut(code=p.code, address=p.address, zone_id=p.zone_id, use=p.use,
                        land_area=p.land_area, built_area=p.built_area, share=share, value=value)
            for p, share, value in rows]


def statement(*, db: Session, resident: identity.ResidentRef, as_of: date) -> Statement:
    """Everything pending as of `as_of`, oldest first (overdue before the rest)."""
    pending = debts.pending(db=db, resident_id=resident.id)
    lines = pricing.price(db=db, resident_id=resident.id, debts=pending, as_of=as_of)
    return Statement(
        dni=resident.dni, holder_name=resident.full_name, as_of=as_of, lines=lines,
        totals=pricing.totals(lines),
        overdue_total=sum((x.total for x in lines if x.overdue), ZERO),
        properties=properties_of(db=db, resident=resident, year=as_of.year))


def quote(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
          as_of: date) -> Quote:
    """What paying the chosen debts costs on `as_of`; reads only (no row is locked)."""
    return _price(db, resident, debts.select_debts(db=db, resident=resident, debt_ids=debt_ids),
                  as_of)


def lock_debts(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int]
               ) -> list[int]:
    """Lock the chosen debts for a payment (checked: the resident's, pending, in imputation
    order) until the caller's transaction ends; their ids in imputation order."""
    return [d.id for d in debts.lock_debts(db=db, resident=resident, debt_ids=debt_ids)]


def lock_and_price(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
                   as_of: date) -> tuple[list[int], Quote]:
    """`lock_debts` and `price` at once, the locked rows priced as read (not read again):
    the ids in imputation order and their quote."""
    chosen = debts.lock_debts(db=db, resident=resident, debt_ids=debt_ids, rows=True)
    return [d.id for d in chosen], _price(db, resident, chosen, as_of)


def price(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
          as_of: date) -> Quote:
    """Price debts already chosen and locked by `lock_debts`."""
    chosen = sorted(db.execute(select(Debt).where(Debt.id.in_(debt_ids))).scalars(),
                    key=pricing.order_key)
    return _price(db, resident, chosen, as_of)


def _price(db: Session, resident: identity.ResidentRef, chosen: Sequence[Debt],
           as_of: date) -> Quote:
    lines = pricing.price(db=db, resident_id=resident.id, debts=chosen, as_of=as_of)
    return Quote(as_of=as_of, lines=lines, totals=pricing.totals(lines))


def issue_no_debt_certificate(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
                              resident: identity.ResidentRef, property_code: str | None,
                              as_of: date) -> documents.IssuedDocument:
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
