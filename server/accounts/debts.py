"""Choosing debts to pay: read or lock them, check they are the resident's, still pending and
in the imputation order; and the only two ways a balance changes (a payment, a void)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import bindparam, case, select, tuple_, update
from sqlalchemy.orm import Session

from server.accounts import pricing
from server.accounts.models import Debt
from server.errors import Problem
from server.identity import service as identity

_DEBTS = Debt.__table__


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
                 lock: bool = False, rows: bool = False) -> list[Debt]:
    """The chosen debts in imputation order, checked for ownership, state and order.

    With `lock`, rows are locked in id order (no deadlock between two payments) before their
    balance is read, so of two terminals paying the same cuota the second sees it paid.
    With `rows` (and `lock`), they come as read-only rows with the same attributes: for a
    payment, which only reads them (a statement built once, no ORM objects to make).
    """
    ids = sorted(set(debt_ids))
    if len(ids) != len(debt_ids):
        raise Problem(422, "debt_repeated", "Eligió la misma deuda dos veces.",
                      "The same debt was chosen twice.")
    if lock and rows:
        chosen = list(db.execute(_LOCK_ROWS, {"ids": ids}))
    else:
        query = select(Debt).where(Debt.id.in_(ids)).order_by(Debt.id)
        if lock:  # the rows as locked, not as this session may have loaded them before
            query = query.with_for_update().execution_options(populate_existing=True)
        chosen = list(db.execute(query).scalars())
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


_LOCK_ROWS = select(_DEBTS).where(_DEBTS.c.id.in_(bindparam("ids", expanding=True))).order_by(
    _DEBTS.c.id).with_for_update()


def lock_debts(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
               rows: bool = False) -> list[Debt]:
    return select_debts(db=db, resident=resident, debt_ids=debt_ids, lock=True, rows=rows)


def _check_imputation_order(db: Session, resident: identity.ResidentRef,
                            debts: Sequence[Debt]) -> None:
    """Within one tribute and property, older cuotas are paid before newer ones (a procedure
    fee pays for its own filing, so fees are not ordered).

    One query per group (tribute and property; a payment has one or two): does an unchosen
    pending debt of the group come before the newest chosen one (`pricing.order_key`)? The
    oldest such debt of all groups is named.
    """
    newest: dict[tuple, Debt] = {}
    for debt in debts:
        key = (debt.tribute, debt.property_id)
        if debt.tribute != "tasa" and (key not in newest
                                       or pricing.order_key(debt) > pricing.order_key(newest[key])):
            newest[key] = debt
    if not newest:
        return
    chosen = [d.id for d in debts]
    found = [db.execute(_OLDER_WITHOUT_PROPERTY if d.property_id is None else _OLDER, {
        "resident_id": resident.id, "chosen": chosen, "tribute": d.tribute,
        "property_id": d.property_id, "due_on": d.due_on, "year": d.year, "period": d.period,
        "debt_id": d.id}).first() for d in newest.values()]
    first = min((row for row in found if row is not None), default=None)
    if first is not None:
        older = first.id
        name = pricing.label(db.get(Debt, older))
        raise Problem(422, "imputation_order",
                      f"Primero debe pagar la deuda más antigua: {name.es}. Inclúyala en "
                      "su selección.",
                      f"The older debt must be paid first: {name.en}. Include it in "
                      "your selection.", debt_id=older)


def _older(*, with_property: bool):
    """The oldest unchosen pending debt of one group (tribute and property) that comes before
    a given debt in imputation order (its order key, then its id, last), or none. Built once
    per shape: every payment asks, and building the statement costs more than running it."""
    order = (_DEBTS.c.due_on, _DEBTS.c.year, _DEBTS.c.period, _DEBTS.c.id)
    same = (_DEBTS.c.property_id == bindparam("property_id") if with_property
            else _DEBTS.c.property_id.is_(None))
    return select(*order).where(
        _DEBTS.c.resident_id == bindparam("resident_id"), _DEBTS.c.status == "pending",
        _DEBTS.c.balance > 0, _DEBTS.c.id.not_in(bindparam("chosen", expanding=True)),
        _DEBTS.c.tribute == bindparam("tribute"), same,
        tuple_(*order) < tuple_(*(bindparam(name, type_=column.type) for name, column in zip(
            ("due_on", "year", "period", "debt_id"), order, strict=True))),
    ).order_by(*order).limit(1)


_OLDER, _OLDER_WITHOUT_PROPERTY = _older(with_property=True), _older(with_property=False)


def reduce_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A payment takes `principal` from a debt it has locked (see `lock_debts`)."""
    if principal <= 0:
        raise ValueError(f"cannot take {principal} from debt {debt_id}")
    taken = db.execute(_TAKE, {"debt": debt_id, "taken": principal})
    if taken.rowcount != 1:
        raise ValueError(f"cannot take {principal} from debt {debt_id}")


# Built once, run on the table: every payment takes from its debts this way (building the
# statement costs more than running it). The debts were locked and read just before.
_TAKE = update(_DEBTS).where(
    _DEBTS.c.id == bindparam("debt"), _DEBTS.c.balance >= bindparam("taken")).values(
    balance=_DEBTS.c.balance - bindparam("taken"),
    status=case((_DEBTS.c.balance == bindparam("taken"), "paid"), else_=_DEBTS.c.status))


def restore_balance(*, db: Session, debt_id: int, principal: Decimal) -> None:
    """A voided payment gives back exactly what it took."""
    debt = db.execute(select(Debt).where(Debt.id == debt_id).with_for_update()).scalar_one()
    if debt.balance + principal > debt.principal:
        raise ValueError(f"restoring {principal} would exceed debt {debt_id}")
    debt.balance += principal
    debt.status = "pending"
