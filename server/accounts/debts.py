"""Choosing debts to pay: read or lock them, check they are the resident's, still pending and
in the imputation order; and the only two ways a balance changes (a payment, a void)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, or_, select, tuple_, update
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
    fee pays for its own filing, so fees are not ordered).

    One query: does an unchosen pending debt of the same tribute and property come before the
    newest chosen one of its group (`pricing.order_key`)? The oldest such debt is named.
    """
    newest: dict[tuple, Debt] = {}
    for debt in debts:
        key = (debt.tribute, debt.property_id)
        if debt.tribute != "tasa" and (key not in newest
                                       or pricing.order_key(debt) > pricing.order_key(newest[key])):
            newest[key] = debt
    if not newest:
        return
    order = (Debt.due_on, Debt.year, Debt.period, Debt.id)  # the tribute is equal in a group
    before = [and_(Debt.tribute == d.tribute,
                   Debt.property_id.is_(None) if d.property_id is None
                   else Debt.property_id == d.property_id,
                   tuple_(*order) < tuple_(d.due_on, d.year, d.period, d.id))
              for d in newest.values()]
    older = db.execute(select(Debt.id).where(
        Debt.resident_id == resident.id, Debt.status == "pending", Debt.balance > 0,
        Debt.id.not_in([d.id for d in debts]), or_(*before))
        .order_by(*order).limit(1)).scalar()
    if older is not None:
        name = pricing.label(db.get(Debt, older))
        raise Problem(422, "imputation_order",
                      f"Primero debe pagar la deuda más antigua: {name.es}. Inclúyala en "
                      "su selección.",
                      f"The older debt must be paid first: {name.en}. Include it in "
                      "your selection.", debt_id=older)


def reduce_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A payment takes `principal` from a debt it has locked (see `lock_debts`)."""
    if principal <= 0:
        raise ValueError(f"cannot take {principal} from debt {debt_id}")
    taken = db.execute(update(Debt).where(Debt.id == debt_id, Debt.balance >= principal).values(
        balance=Debt.balance - principal,
        status=case((Debt.balance == principal, "paid"), else_=Debt.status)))
    if taken.rowcount != 1:
        raise ValueError(f"cannot take {principal} from debt {debt_id}")


def restore_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A voided payment gives back exactly what it took."""
    debt = db.execute(select(Debt).where(Debt.id == debt_id).with_for_update()).scalar_one()
    if debt.balance + principal > debt.principal:
        raise ValueError(f"restoring {principal} would exceed debt {debt_id}")
    debt.balance += principal
    debt.status = "pending"
