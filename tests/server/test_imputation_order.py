"""The imputation order (older cuotas of a tribute and property first), checked in one query:
which selections are refused, which pass, and that the oldest skipped debt is the one named."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import insert, select

from server.accounts import service as accounts
from server.accounts.models import Debt, Property
from server.errors import Problem
from server.identity import service as identity
from server.timeutil import utcnow

DNI = "46789012"  # owes nothing in the demo data: the debts below are all there is


def _debts(db, resident_id: int, rows: dict[str, tuple]) -> dict[str, int]:
    """name -> (tribute, property_id, due_on, period, status)."""
    ids = {}
    for name, (tribute, property_id, due_on, period, status) in rows.items():
        paid = status == "paid"
        ids[name] = db.execute(insert(Debt).returning(Debt.id), {
            "resident_id": resident_id, "property_id": property_id, "tribute": tribute,
            "year": due_on.year, "period": period, "due_on": due_on,
            "principal": Decimal("10.00"), "balance": Decimal("0.00" if paid else "10.00"),
            "status": status, "detail": name, "created_at": utcnow()}).scalar()
    db.flush()
    return ids


def _refused(db, resident, ids) -> int | None:
    """The debt named by the refusal, or None when the selection is accepted."""
    try:
        accounts.lock_debts(db=db, resident=resident, debt_ids=ids)
    except Problem as problem:
        assert problem.code == "imputation_order"
        assert "antigua" in problem.es and "older" in problem.en
        return problem.extra["debt_id"]
    return None


def test_older_cuotas_of_the_same_tribute_and_property_come_first(database):
    with database.sessionmaker() as db:
        resident = identity.get_resident_by_dni(db=db, dni=DNI)
        p1, p2 = db.execute(select(Property.id).order_by(Property.id).limit(2)).scalars()
        jan, feb, mar = date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)
        d = _debts(db, resident.id, {
            "fine1": ("multa", None, jan, 1, "pending"),
            "fine2": ("multa", None, feb, 2, "pending"),
            "fine3": ("multa", None, mar, 3, "pending"),
            "p1q1": ("predial", p1, jan, 1, "paid"),
            "p1q2": ("predial", p1, feb, 2, "pending"),
            "p2q1": ("predial", p2, jan, 1, "pending"),
            "clean1": ("limpieza", p1, jan, 1, "pending"),  # same day, lower cuota
            "clean2": ("limpieza", p1, jan, 2, "pending"),
            "fee_old": ("tasa", None, jan, 0, "pending"),
            "fee_new": ("tasa", None, mar, 0, "pending"),
        })
        # skipping older fines: the oldest one skipped is named
        assert _refused(db, resident, [d["fine3"]]) == d["fine1"]
        assert _refused(db, resident, [d["fine2"], d["fine3"]]) == d["fine1"]
        assert _refused(db, resident, [d["fine1"], d["fine3"]]) == d["fine2"]
        assert _refused(db, resident, [d["fine1"], d["fine2"], d["fine3"]]) is None
        # another property's older cuota does not block; a paid one does not either
        assert _refused(db, resident, [d["p1q2"]]) is None
        # the same due day: the lower cuota first
        assert _refused(db, resident, [d["clean2"]]) == d["clean1"]
        assert _refused(db, resident, [d["clean1"]]) is None
        # procedure fees pay for their own filing: no order among them
        assert _refused(db, resident, [d["fee_new"]]) is None
        # one group in order does not excuse another out of order
        assert _refused(db, resident, [d["fine1"], d["clean2"], d["fee_new"]]) == d["clean1"]
        db.rollback()


@pytest.mark.parametrize("count", [1, 40])
def test_a_payment_checks_the_order_whatever_the_number_of_older_debts(database, count):
    with database.sessionmaker() as db:
        resident = identity.get_resident_by_dni(db=db, dni=DNI)
        d = _debts(db, resident.id, {
            f"fine{n}": ("multa", None, date(2026, 1, 1) + timedelta(days=n), n, "pending")
            for n in range(count + 1)})
        newest = d[f"fine{count}"]
        assert _refused(db, resident, [newest]) == d["fine0"]
        assert _refused(db, resident, list(d.values())) is None
        db.rollback()
