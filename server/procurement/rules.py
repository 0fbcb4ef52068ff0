"""The dated cap of a contrato menor: `max_uit` UITs of the request's year (Ley 32069)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.errors import Problem
from server.money import q2
from server.procurement.models import Rules


def in_force(db: Session, on: date) -> Rules:
    row = db.execute(select(Rules).where(Rules.valid_from <= on)
                     .order_by(Rules.valid_from.desc()).limit(1)).scalar()
    if row is None:
        raise Problem(503, "procurement_rules_missing",
                      "Faltan las reglas de contratación menor: avise al administrador.",
                      "The rules for small purchases are missing: tell the administrator.")
    return row


def cap(db: Session, on: date) -> tuple[Decimal, Rules]:
    """The most a contrato menor may be worth on `on`, and the rule that says so."""
    rule = in_force(db, on)
    return q2(rule.max_uit * accounts.uit(db=db, year=on.year)), rule
