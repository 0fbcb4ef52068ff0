"""Booking a ceremony at the kiosk: free slots per place, the couple and witnesses by DNI,
the checklist, the fee by card exactly once, the printed booking; never two bookings on one
slot (two terminals at once, on SQLite and PostgreSQL); reschedule and cancel release it."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.marriages.models import Booking
from server.timeutil import lima, today
from tests.conftest import table_counts
from tests.marriages.rig import (
    CARLOS,
    DIEGO,
    JORGE,
    JULIO,
    LUIS,
    MARIA,
    TERESA,
    body,
    free,
    key,
    resident,
)


async def test_a_booking_takes_the_slot_pays_once_and_prints_a_verifiable_code(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    rules = await rosa.marriages.rules()
    slots = await free(rosa)
    slot = slots[0]
    assert lima(slot.starts_at).date() >= rules.earliest_day > today()
    assert {s.place for s in await rosa.marriages.slots(start=today(), days=62)} == {
        "SALON", "PALMA", "AMOR"}
    idem = key()
    booking = await rosa.marriages.book(body(slot), idempotency_key=idem)
    again = await rosa.marriages.book(body(slot), idempotency_key=idem)  # a retry: once
    assert again.code == booking.code and again.receipt == booking.receipt
    assert booking.code.startswith(f"MC-{today().year}-") and booking.state == "programada"
    assert booking.fee == slot.fee and booking.receipt
    assert booking.names() == ["Rosa Quispe Mamani", "Luis Fernando Castillo Vargas"]
    kinds = [d.kind for d in booking.documents]
    assert kinds.count("medical") == 2 and kinds.count("witness_dni") == 2
    assert booking.missing == len(kinds) == 12
    assert booking.document and booking.document.code and not booking.document.voided
    assert booking.file_deadline < lima(slot.starts_at).date()
    check = await rosa.documents.verify(booking.document.code)
    assert check.valid
    assert slot.starts_at not in [s.starts_at for s in await free(rosa)]
    with database.sessionmaker() as db:
        assert db.execute(select(func.count()).select_from(Booking)).scalar_one() == 3  # +2 demo
        assert db.execute(select(AuditEntry).where(
            AuditEntry.action == "marriages.book")).scalar_one()
    # Luis sees the same booking (either of the couple); Carlos, a stranger, does not.
    luis = await resident(make_client, cards_dir, LUIS)
    assert [b.code for b in await luis.marriages.mine()] == [booking.code]
    carlos = await resident(make_client, cards_dir, CARLOS)
    with pytest.raises(ApiError) as err:
        await carlos.marriages.booking(booking.code)
    assert err.value.status == 404


async def test_two_terminals_booking_one_slot_at_once_get_one_booking(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    maria = await resident(make_client, cards_dir, MARIA)
    slot = (await free(rosa))[0]
    results = await asyncio.gather(
        rosa.marriages.book(body(slot), idempotency_key=key()),
        maria.marriages.book(body(slot, partner=JORGE, witnesses=(JULIO, DIEGO)),
                              idempotency_key=key()),
        return_exceptions=True)
    won = [x for x in results if not isinstance(x, Exception)]
    lost = [x for x in results if isinstance(x, Exception)]
    assert len(won) == 1 and len(lost) == 1
    assert isinstance(lost[0], ApiError) and lost[0].code == "slot_taken"
    assert lost[0].message.es and lost[0].message.en
    with database.sessionmaker() as db:
        taken = db.execute(select(func.count()).select_from(Booking).where(
            Booking.starts_at == slot.starts_at, Booking.active.is_(True))).scalar_one()
        assert taken == 1
        fees = db.execute(text("SELECT COUNT(*) FROM fees WHERE kind = 'marriage'")).scalar_one()
        assert fees == 1  # the loser paid nothing


# The exclusion constraint is PostgreSQL's (SQLite serialises writers): no SQLite variant.
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
async def test_postgresql_refuses_an_overlapping_row_whoever_writes_it(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    slot = (await free(rosa))[0]
    booking = await rosa.marriages.book(body(slot), idempotency_key=key())
    with database.sessionmaker() as db:
        row = db.execute(select(Booking).where(Booking.code == booking.code)).scalar_one()
        clash = {c: getattr(row, c) for c in ("place_id", "starts_at", "ends_at", "block_end",
                                              "state", "resident_id", "fee", "reschedules",
                                              "created_at", "updated_at")}
        shifted = row.block_start + timedelta(minutes=30)  # half an hour into the other's
        with pytest.raises(IntegrityError, match="ex_marriages_bookings_overlap"):
            db.add(Booking(code="MC-CLASH", block_start=shifted, active=True, **clash))
            db.flush()


async def test_bad_bookings_are_refused_in_both_languages_and_nothing_is_written(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    slots = await free(rosa)
    slot = slots[0]
    soon = next(day for day in (today() + timedelta(days=n) for n in range(1, 8))
                if day.weekday() < 6)
    early = slot.starts_at.replace(year=soon.year, month=soon.month, day=soon.day)
    young = {"dni": "70000001", "given_names": "Ana", "surnames": "Pérez Ruiz",
             "birth_date": (today() - timedelta(days=365 * 17)).isoformat()}
    before = table_counts(database)
    cases = [
        (body(slot, starts_at=early.isoformat()), "too_soon"),
        (body(slot, starts_at=slot.starts_at.replace(minute=30).isoformat()), "not_a_slot"),
        (body(slot, partner=young), "under_age"),
        (body(slot, partner={"dni": "70000001"}), "party_data_missing"),
        (body(slot, witnesses=(DIEGO, DIEGO)), "witness_repeated"),
        (body(slot, witnesses=(DIEGO, LUIS)), "witness_repeated"),
        (body(slot, witnesses_declared=False), "witnesses_not_declared"),
        (body(slot, me={"civil_status": "divorciado"}), "dissolution_date_missing"),
        (body(slot, pay=False), "fee_changed"),
        (body(slot, place="NOWHERE"), "place_not_found"),
    ]
    for bad, code in cases:
        with pytest.raises(ApiError) as err:
            await rosa.marriages.book(bad, idempotency_key=key())
        assert (err.value.code, bool(err.value.message.es and err.value.message.en)) == (
            code, True), bad
    with pytest.raises(ApiError) as err:  # a DNI is checked with python-stdnum
        await rosa.marriages.book(body(slot, partner="1234"), idempotency_key=key())
    assert err.value.status == 422
    after = table_counts(database)
    assert {t: n for t, n in after.items() if t not in ("audit_entries", "audit_head",
                                                         "idempotency_records")} == {
        t: n for t, n in before.items() if t not in ("audit_entries", "audit_head",
                                                      "idempotency_records")}


async def test_one_spouse_cannot_hold_two_ceremonies(make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    slots = await free(rosa)
    await rosa.marriages.book(body(slots[0]), idempotency_key=key())
    with pytest.raises(ApiError) as err:
        await rosa.marriages.book(body(slots[1], partner=JORGE, witnesses=(JULIO, DIEGO)),
                                  idempotency_key=key())
    assert err.value.code == "spouse_already_booked"
    maria = await resident(make_client, cards_dir, MARIA)  # nor marry one booked with another
    with pytest.raises(ApiError) as err:
        await maria.marriages.book(body(slots[1], partner=LUIS, witnesses=(JULIO, DIEGO)),
                                   idempotency_key=key())
    assert err.value.code == "spouse_already_booked"


async def test_reschedule_and_cancel_release_the_slot(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    slots = await free(rosa)
    first = slots[0]
    other = next(s for s in slots[1:] if s.fee <= first.fee)
    booking = await rosa.marriages.book(body(first), idempotency_key=key())
    moved = await rosa.marriages.reschedule(booking.code, place=other.place,
                                            starts_at=other.starts_at)
    assert moved.starts_at == other.starts_at and moved.document.code != booking.document.code
    assert (await rosa.documents.verify(booking.document.code)).valid is False  # voided
    now_free = [s.starts_at for s in await free(rosa)]
    assert first.starts_at in now_free and other.starts_at not in now_free
    dearer = next((s for s in await rosa.marriages.slots(start=today(), days=62)
                   if s.fee > moved.fee), None)
    if dearer is not None:
        with pytest.raises(ApiError) as err:
            await rosa.marriages.reschedule(booking.code, place=dearer.place,
                                            starts_at=dearer.starts_at)
        assert err.value.code == "fee_higher"
    cancelled = await rosa.marriages.cancel(booking.code, reason="Cambio de planes")
    assert cancelled.state == "cancelada"
    assert other.starts_at in [s.starts_at for s in await free(rosa)]
    with pytest.raises(ApiError) as err:
        await rosa.marriages.cancel(booking.code, reason="otra vez")
    assert err.value.code == "booking_closed"
    # Someone else may now book the released slot.
    maria = await resident(make_client, cards_dir, MARIA)
    again = await maria.marriages.book(body(other, partner=JORGE, witnesses=(JULIO, TERESA)),
                                       idempotency_key=key())
    assert again.starts_at == other.starts_at
