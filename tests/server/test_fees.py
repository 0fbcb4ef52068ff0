"""The one fee path (payments.service) that procedures use now and certified copies, marriages
and Wi-Fi next: a fee for a thing named by kind + reference, charged now, left pending and
paid at the cashier, then accepted once as the receipt for that thing and nothing else."""

import threading
from decimal import Decimal

import pytest
from sqlalchemy import select

from server.accounts import service as accounts
from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.payments import cash
from server.payments import service as payments
from server.payments.models import Fee
from server.sites import service as sites
from server.timeutil import today
from tests.conftest import table_counts

COPY = Text(es="Copia certificada de partida N-123", en="Certified copy of record N-123")
MARRIAGE = Text(es="Matrimonio civil MC-2026-0007", en="Civil marriage MC-2026-0007")
VISA = payments.CardApproval(authorization="A1B2C3", brand="VISA", last4="4242")


def _rosa(db):
    return identity.get_resident_by_dni(db=db, dni="40123456")


def _jorge(db):
    return identity.get_resident_by_dni(db=db, dni="07654321")


def _kiosk(db) -> tuple[sites.DeviceRef, audit.Actor]:
    device = sites.ensure_system_device(db=db, site_code="PM", name="kiosco de pruebas")
    rosa = _rosa(db)
    return device, audit.Actor(f"resident:{rosa.id}", device.id, f"resident:{rosa.id}")


def _pending_marriage_fee_paid_in_cash(db) -> str:
    """Jorge's marriage fee, left pending, then paid in cash at the cashier: its receipt."""
    jorge = _jorge(db)
    device = sites.ensure_system_device(db=db, site_code="PM", name="caja de pruebas")
    cashier = identity.get_staff_by_username(db=db, username="cajero")
    by = audit.Actor(f"staff:{cashier.id}", device.id, f"resident:{jorge.id}")
    debt = payments.fee_debt(db=db, by=by, resident=jorge, kind="marriage",
                             reference="MC-2026-0007", label=MARRIAGE, amount=Decimal("96.00"))
    assert debt.amount == Decimal("96.00") and debt.label == MARRIAGE.es
    pending = accounts.statement(db=db, resident=jorge, as_of=today()).lines
    line = next(x for x in pending if x.debt_id == debt.debt_id)
    assert line.label.es == f"Derecho de trámite: {MARRIAGE.es}" and line.total == debt.amount
    cash.open_session(db=db, by=by, staff=cashier, device=device, opening_float=Decimal("0"))
    paid = payments.collect(db=db, by=by, device=device, staff=cashier, resident=jorge,
                            debt_ids=[debt.debt_id], method="cash", amount=debt.amount,
                            card=None, tendered=Decimal("100.00"))
    db.commit()
    return paid.receipt_number


def test_a_fee_charged_by_card_is_paid_and_used_for_its_thing(database):
    with database.sessionmaker() as db:
        device, by = _kiosk(db)
        paid = payments.charge_fee(db=db, by=by, device=device, staff=None, resident=_rosa(db),
                                   kind="registry_copy", reference="partida:N-123", label=COPY,
                                   amount=Decimal("12.50"), method="card", card=VISA)
        db.commit()
        assert paid.amount == Decimal("12.50") and paid.receipt_number.startswith("RP-PM-")
        receipt = payments.find(db=db, receipt_number=paid.receipt_number)
        assert receipt.status == "paid" and receipt.method == "card"
        assert [(a.label, a.total) for a in receipt.allocations] == [
            (f"Derecho de trámite: {COPY.es}", Decimal("12.50"))]
        fee = db.execute(select(Fee)).scalar_one()
        assert (fee.kind, fee.reference, fee.label_en) == ("registry_copy", "partida:N-123",
                                                           COPY.en)
        assert fee.used_at is not None  # it paid for what was done with it
        assert not [x for x in accounts.statement(db=db, resident=_rosa(db), as_of=today()).lines
                    if x.tribute == "tasa"]
        with pytest.raises(Problem) as used:
            payments.claim_fee_receipt(db=db, resident=_rosa(db), kind="registry_copy",
                                       reference="partida:N-123", amount=Decimal("12.50"),
                                       receipt=paid.receipt_number)
        assert used.value.code == "fee_receipt_used"


def test_a_fee_paid_at_the_cashier_is_accepted_once_for_its_kind_and_reference(database):
    with database.sessionmaker() as db:
        receipt = _pending_marriage_fee_paid_in_cash(db)
        accepted = payments.claim_fee_receipt(db=db, resident=_jorge(db), kind="marriage",
                                              reference="MC-2026-0007", amount=Decimal("96.00"),
                                              receipt=receipt)
        db.commit()
        assert accepted.receipt_number == receipt and accepted.amount == Decimal("96.00")
        with pytest.raises(Problem) as again:
            payments.claim_fee_receipt(db=db, resident=_jorge(db), kind="marriage",
                                       reference="MC-2026-0007", amount=Decimal("96.00"),
                                       receipt=receipt)
        assert (again.value.status, again.value.code) == (409, "fee_receipt_used")


def test_a_receipt_for_another_thing_or_person_is_refused_and_nothing_is_written(database):
    with database.sessionmaker() as db:
        receipt = _pending_marriage_fee_paid_in_cash(db)
        before = table_counts(database)
        for kind, reference, dni, amount, number in [
                ("marriage", "MC-2026-0008", "07654321", "96.00", receipt),  # another marriage
                ("wifi", "MC-2026-0007", "07654321", "96.00", receipt),  # another kind of thing
                ("marriage", "MC-2026-0007", "40123456", "96.00", receipt),  # another resident
                ("marriage", "MC-2026-0007", "07654321", "96.01", receipt),  # not covered
                ("marriage", "MC-2026-0007", "07654321", "96.00", "RP-PM-2026-999999")]:
            with pytest.raises(Problem) as refused:
                payments.claim_fee_receipt(
                    db=db, resident=identity.get_resident_by_dni(db=db, dni=dni), kind=kind,
                    reference=reference, amount=Decimal(amount), receipt=number)
            assert (refused.value.status, refused.value.code) == (422, "fee_receipt_invalid")
            assert reference in refused.value.es and number in refused.value.es
            db.rollback()
        assert table_counts(database) == before
        assert db.execute(select(Fee.used_at)).scalar_one() is None  # still usable, once
        payments.claim_fee_receipt(db=db, resident=_jorge(db), kind="marriage",
                                   reference="MC-2026-0007", amount=Decimal("96.00"),
                                   receipt=receipt)
        db.commit()


def test_a_free_fee_writes_nothing_and_needs_no_receipt(database):
    with database.sessionmaker() as db:
        device, by = _kiosk(db)
        db.commit()
        before = table_counts(database)
        free = payments.charge_fee(db=db, by=by, device=device, staff=None, resident=_rosa(db),
                                   kind="registry_copy", reference="partida:N-124", label=COPY,
                                   amount=Decimal("0.00"), method="card", card=None)
        assert free == payments.FeeReceipt(receipt_number=None, amount=Decimal("0.00"))
        assert payments.claim_fee_receipt(db=db, resident=_rosa(db), kind="registry_copy",
                                          reference="partida:N-124", amount=Decimal("0.00"),
                                          receipt="") == free
        with pytest.raises(Problem) as none:
            payments.fee_debt(db=db, by=by, resident=_rosa(db), kind="registry_copy",
                              reference="partida:N-124", label=COPY, amount=Decimal("0.00"))
        assert none.value.code == "fee_none"
        db.commit()
    assert table_counts(database) == before


def test_two_hands_in_of_one_receipt_at_once_accept_it_once(database):
    with database.sessionmaker() as db:
        receipt = _pending_marriage_fee_paid_in_cash(db)
    outcomes: list[str] = []

    def hand_in() -> None:
        with database.sessionmaker() as db:
            try:
                payments.claim_fee_receipt(db=db, resident=_jorge(db), kind="marriage",
                                           reference="MC-2026-0007", amount=Decimal("96.00"),
                                           receipt=receipt)
                db.commit()
                outcomes.append("accepted")
            except Problem as refused:
                outcomes.append(refused.code)

    with database.sessionmaker() as first:
        payments.claim_fee_receipt(db=first, resident=_jorge(first), kind="marriage",
                                   reference="MC-2026-0007", amount=Decimal("96.00"),
                                   receipt=receipt)
        second = threading.Thread(target=hand_in)
        second.start()  # waits on the first one's lock until it commits
        first.commit()
        second.join()
    assert outcomes == ["fee_receipt_used"]
