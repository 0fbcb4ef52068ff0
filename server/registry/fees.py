"""The certified copy's fee: a dated TUPA row (a share of the UIT of the year of issue), and
the couple's first copy of their marriage acta free."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.money import ZERO, q2
from server.registry.models import Acta, CopyFee, Person
from server.timeutil import today, utcnow

FEE_KIND = "registry_copy"  # for payments: (FEE_KIND, the acta's ref)


def fee_row(db: Session, on: date | None = None) -> CopyFee:
    row = db.execute(select(CopyFee).where(CopyFee.valid_from <= (on or today()))
                     .order_by(CopyFee.valid_from.desc()).limit(1)).scalar()
    if row is None:
        raise Problem(500, "registry_fee_missing",
                      "El TUPA no tiene la tasa de copias certificadas para hoy: avise al "
                      "registro civil. No se cobró nada.",
                      "The TUPA has no fee for certified copies today: tell the civil "
                      "registry. Nothing was charged.")
    return row


def fee(db: Session, on: date | None = None) -> Decimal:
    on = on or today()
    return q2(accounts.uit(db=db, year=on.year) * fee_row(db, on).fee_uit)


def spouse(db: Session, acta: Acta, resident: identity.ResidentRef) -> bool:
    return acta.kind == "marriage" and db.execute(select(Person.id).where(
        Person.acta_id == acta.id, Person.role == "contrayente",
        Person.dni == resident.dni)).first() is not None


def free_for(db: Session, acta: Acta, resident: identity.ResidentRef) -> bool:
    """Whether this requester's copy would be the couple's free first copy."""
    return acta.free_copy and spouse(db, acta, resident)


def take_free(db: Session, acta: Acta, resident: identity.ResidentRef) -> bool:
    """Use up the free first copy (conditional: of two copies at once, one is free)."""
    if not free_for(db, acta, resident):
        return False
    taken = db.execute(update(Acta).where(Acta.id == acta.id, Acta.free_copy.is_(True))
                       .values(free_copy=False)).rowcount
    return taken == 1


def publish(*, db: Session, by: audit.Actor, valid_from: date, fee_uit: Decimal,
            tupa_code: str, legal_basis: str) -> CopyFee:
    """A new fee from a date on (the past is never rewritten)."""
    if db.execute(select(CopyFee.id).where(CopyFee.valid_from == valid_from)).first():
        raise Problem(409, "fee_version_exists", "Ya hay una tasa que rige desde esa fecha.",
                      "A fee already applies from that date.")
    if fee_uit < ZERO:
        raise Problem(422, "fee_negative", "La tasa no puede ser negativa.",
                      "The fee cannot be negative.")
    row = CopyFee(valid_from=valid_from, fee_uit=fee_uit, tupa_code=tupa_code,
                  legal_basis=legal_basis, created_by=by.actor, created_at=utcnow())
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="registry.fee", target=f"tupa:{tupa_code}",
                 details={"valid_from": valid_from.isoformat(), "fee_uit": str(fee_uit)})
    return row
