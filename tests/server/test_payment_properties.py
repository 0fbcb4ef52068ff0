"""Money invariants under any sequence of payments and voids (hypothesis), on the real
services and database: allocations equal their payment, no balance leaves [0, principal],
what a debt lost is exactly what its live payments took, and a void gives it all back."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from server.accounts import service as accounts
from server.accounts.models import Debt
from server.audit.service import SYSTEM, Actor
from server.identity import service as identity
from server.payments import service as payments
from server.payments.models import Allocation, Payment
from server.sites import service as sites

TODAY = date(2026, 11, 24)
operations = st.lists(st.one_of(st.tuples(st.just("pay"), st.integers(1, 6)),
                                 st.tuples(st.just("void"), st.integers(0, 9))),
                       min_size=1, max_size=12)


def _check(db, resident_id: int) -> None:
    taken: dict[int, Decimal] = defaultdict(Decimal)
    for payment in db.execute(select(Payment).where(Payment.resident_id == resident_id)).scalars():
        assert sum(a.total for a in payment.allocations) == payment.amount
        assert all(a.total == a.principal + a.interest - a.discount for a in payment.allocations)
        if payment.status == "paid":
            for a in payment.allocations:
                taken[a.debt_id] += a.principal
    for debt in db.execute(select(Debt).where(Debt.resident_id == resident_id)).scalars():
        assert Decimal(0) <= debt.balance <= debt.principal
        assert debt.principal - debt.balance == taken[debt.id], debt.id
        assert (debt.status == "paid") == (debt.balance == 0)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_any_sequence_of_payments_and_voids_keeps_the_books(database, ops):
    with database.sessionmaker() as db:
        rosa = identity.get_resident_by_dni(db=db, dni="40123456")
        cashier = identity.get_staff_by_username(db=db, username="cajero")
        device = sites.ensure_system_device(db=db, site_code="PM", name="property tests")
        by = Actor(f"staff:{cashier.id}", device.id)
        made: list[str] = []  # receipt numbers
        live: set[str] = set()  # those not voided
        before = {d.id: d.balance for d in db.execute(
            select(Debt).where(Debt.resident_id == rosa.id)).scalars()}
        for op, n in ops:
            if op == "pay":
                statement = accounts.statement(db=db, resident=rosa, as_of=TODAY)
                lines = statement.lines[:n]
                if not lines:
                    continue
                assert statement.totals.total == sum(x.total for x in statement.lines)
                receipt = payments.pay(
                    db=db, by=SYSTEM, device=device, resident=rosa,
                    debt_ids=[x.debt_id for x in lines], method="cash",
                    amount=sum(x.total for x in lines), reference=None,
                    method_line="Efectivo", paid_on=TODAY)
                assert receipt.status == "paid" and receipt.amount == sum(x.total for x in lines)
                made.append(receipt.receipt_number)
                live.add(receipt.receipt_number)
            elif n < len(made) and made[n] in live:
                voided = payments.void(db=db, by=by, staff=cashier, receipt_number=made[n],
                                       reason="prueba de propiedades", supervisor="admin",
                                       supervisor_password="Miraflores2026",
                                       max_failures=5, lockout_minutes=15)
                assert voided.status == "voided"
                live.discard(made[n])
            db.flush()
            _check(db, rosa.id)
        for receipt_number in made:
            if receipt_number in live:
                payments.void(db=db, by=by, staff=cashier, receipt_number=receipt_number,
                              reason="deshacer todo", supervisor="admin",
                              supervisor_password="Miraflores2026",
                              max_failures=5, lockout_minutes=15)
        db.flush()
        after = {d.id: d.balance for d in db.execute(
            select(Debt).where(Debt.resident_id == rosa.id)).scalars()}
        assert after == before  # voiding everything restores every cent
        assert db.execute(select(Allocation)).first() is not None or not made
        db.rollback()
