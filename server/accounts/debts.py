"""Choosing debts to pay: read or lock them, check they are the resident's, still pending and
in the imputation order; and the only two ways a balance changes (a payment, a void)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import pricing
from server.accounts.models import Debt
from server.errors import Problem
from server.identity import service as identity


@dataclass(frozen=True)
class DebtRef:
    """A debt as other domains see it (e.g. the fee debt payments creates for a procedure)."""

    id: int
    tribute: str
    year: int
    period: int
    due_on: date
    principal: Decimal
    balance: Decimal
    detail: str | None


def debt_ref(debt: Debt) -> DebtRef:
    return DebtRef(id=debt.id, tribute=debt.tribute, year=debt.year, period=debt.period,
                   due_on=debt.due_on, principal=debt.principal, balance=debt.balance,
                   detail=debt.detail)


DEBT_NOT_FOUND = Problem(
    404, "debt_not_found",
    "Una de las deudas elegidas no existe en su cuenta. Vuelva a abrir su estado de cuenta.",
    "One of the chosen debts is not on your account. Open your statement again.")


def pending(*, db: Session, resident_id: int) -> list[Debt]:
    rows = db.execute(select(Debt).where(Debt.resident_id == resident_id,
                                         Debt.status == "pending", Debt.balance > 0))
    return sorted(rows.scalars(), key=pricing.order_key)


def select_debts(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
                 lock: bool = False) -> list[Debt]:
    """The chosen debts in imputation order, checked for ownership, state and order.

    With `lock`, rows are locked in id order (no deadlock between two payments) before their
    balance is read, so of two terminals paying the same cuota the second sees it paid.
    """
    ids = sorted(set(debt_ids))
    if len(ids) != len(debt_ids):
        raise Problem(422, "debt_repeated", "Eligió la misma deuda dos veces.",
                      "The same debt was chosen twice.")
    query = select(Debt).where(Debt.id.in_(ids)).order_by(Debt.id)
    chosen = list(db.execute(query.with_for_update() if lock else query).scalars())
    if len(chosen) != len(ids) or any(d.resident_id != resident.id for d in chosen):
        raise DEBT_NOT_FOUND
    paid = [d for d in chosen if d.status != "pending" or d.balance <= 0]
    if paid:
        raise Problem(409, "debt_already_paid",
                      "Una de las deudas elegidas ya fue pagada o fraccionada. Vuelva a abrir "
                      "su estado de cuenta: no se le cobró nada.",
                      "One of the chosen debts was already paid or put in a plan. Open your "
                      "statement again: nothing was charged.",
                      debt_ids=[d.id for d in paid])
    _check_imputation_order(db, resident, chosen)
    return sorted(chosen, key=pricing.order_key)


def lock_debts(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int]
               ) -> list[Debt]:
    return select_debts(db=db, resident=resident, debt_ids=debt_ids, lock=True)


def _check_imputation_order(db: Session, resident: identity.ResidentRef,
                            debts: Sequence[Debt]) -> None:
    """Within one tribute and property, older cuotas are paid before newer ones (a procedure
    fee pays for its own filing, so fees are not ordered)."""
    chosen = {d.id for d in debts}
    older = db.execute(select(Debt).where(
        Debt.resident_id == resident.id, Debt.status == "pending", Debt.balance > 0,
        Debt.tribute.in_({d.tribute for d in debts} - {"tasa"}), Debt.id.not_in(chosen),
        Debt.due_on <= max(d.due_on for d in debts))).scalars()
    for debt in older:
        if any(d.tribute == debt.tribute and d.property_id == debt.property_id
               and pricing.order_key(d) > pricing.order_key(debt) for d in debts):
            older = pricing.label(debt)
            raise Problem(422, "imputation_order",
                          f"Primero debe pagar la deuda más antigua: {older.es}. Inclúyala en "
                          "su selección.",
                          f"The older debt must be paid first: {older.en}. Include it in "
                          "your selection.", debt_id=debt.id)


def reduce_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A payment takes `principal` from a debt it has locked (see `lock_debts`)."""
    debt = db.get(Debt, debt_id)
    if principal <= 0 or principal > debt.balance:
        raise ValueError(f"cannot take {principal} from debt {debt.id} ({debt.balance})")
    debt.balance -= principal
    if debt.balance == 0:
        debt.status = "paid"


def restore_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A voided payment gives back exactly what it took."""
    debt = db.execute(select(Debt).where(Debt.id == debt_id).with_for_update()).scalar_one()
    if debt.balance + principal > debt.principal:
        raise ValueError(f"restoring {principal} would exceed debt {debt_id}")
    debt.balance += principal
    debt.status = "pending"
