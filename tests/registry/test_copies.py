"""Certified copies through the kiosk API, against the real server: who may have which acta,
the fee taken exactly once, the couple's free first copy, paper actas as requests, and the
certificate's lines (acta data, annotations, registrar, verification)."""

import asyncio
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.audit.service import SYSTEM
from server.demo.data import MUNICIPAL_PIN
from server.identity import service as identity
from server.registry.models import Copy, CopyRequest
from tests.conftest import table_counts
from tests.registry.rig import (
    CARLOS,
    GABRIELA,
    LUIS,
    MIGUEL,
    PATRICIA,
    PNG,
    ROSA,
    acta_id,
    by_pin,
    card,
    key,
    resident,
    staff,
    this_year_ref,
)

FEE = Decimal("10.45")  # 0.19 % of the 2026 UIT (S/ 5,500): the demo TUPA row RC-01


async def test_rosa_finds_her_actas_by_dni_and_by_data_and_pays_a_copy_once(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir, ROSA)
    mine = {a.ref: a for a in await rosa.registry.mine()}
    assert set(mine) == {"NAC-1956-000345", "MAT-1979-000088"}
    assert mine["NAC-1956-000345"].role == "inscrito" and not mine["NAC-1956-000345"].digitised
    found = await rosa.registry.search(kind="marriage", surnames="quispe mamani",
                                       given_names="rosa")
    assert [a.ref for a in found] == ["MAT-1979-000088"]
    by_number = await rosa.registry.search(kind="marriage", number="1979-88")
    assert [a.ref for a in by_number] == ["MAT-1979-000088"]
    wedding = found[0].id
    quote = await rosa.registry.quote(wedding)
    assert quote.amount == FEE and not quote.free and quote.tupa_code == "RC-01"
    k = key()
    copy = await rosa.registry.copy(wedding, idempotency_key=k, amount=FEE, card=card())
    again = await rosa.registry.copy(wedding, idempotency_key=k, amount=FEE, card=card())
    assert again.document.code == copy.document.code and again.receipt == copy.receipt
    assert copy.amount == FEE and copy.receipt and copy.document.kind == "registry_copy"
    with database.sessionmaker() as db:
        assert db.execute(select(Copy.document_code)).scalars().all() == [copy.document.code]
        charges = db.execute(select(AuditEntry).where(
            AuditEntry.action == "payment.card")).scalars().all()
    assert len(charges) == 1  # the retry got the first answer: charged once
    lines = {line.label.es: line.value for line in copy.document.lines}
    assert lines["Acta de matrimonio"] == "MAT-1979-000088"
    assert "Alberto Ccori Salas" in lines.values()
    assert "Rectificación" in note(lines, "Anotación 1")
    assert "Defunción del cónyuge" in note(lines, "Anotación 2")
    assert lines["Registrador"] == "Lucía Vega Montes"
    assert lines["Certifica"].startswith("Lucía Vega Montes - Registro Civil")
    assert copy.pdf_url == f"http://kiosk.test/verify/{copy.document.code}/pdf"


def note(lines: dict, prefix: str) -> str:
    """An annotation's line (its label carries its date)."""
    return next(v for k, v in lines.items() if k.startswith(prefix))


async def test_a_copy_with_another_body_under_the_same_key_is_refused_and_charges_nothing(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir, ROSA)
    wedding = acta_id(database, "MAT-1979-000088")
    before = table_counts(database)
    with pytest.raises(ApiError) as err:
        await rosa.registry.copy(wedding, idempotency_key=key(), amount=Decimal("9.00"),
                                 card=card())
    assert err.value.code == "fee_changed" and "10.45" in err.value.message.es
    with pytest.raises(ApiError) as err:
        await rosa.registry.copy(wedding, idempotency_key=key())
    assert err.value.status == 402 and err.value.code == "fee_unpaid"
    after = table_counts(database)
    changed = {t for t in after if after[t] != before[t]} - {"audit_log"}
    assert changed == set()  # nothing charged, nothing issued


async def test_the_couples_first_marriage_copy_is_free_once_and_then_paid(
        make_client, cards_dir, database):
    ref = this_year_ref(database, "MAT")
    wedding = acta_id(database, ref)
    luis = await resident(make_client, cards_dir, LUIS)
    patricia = await resident(make_client, cards_dir, PATRICIA)
    quote = await luis.registry.quote(wedding)
    assert quote.free and quote.amount == 0
    free = await luis.registry.copy(wedding, idempotency_key=key())
    assert free.free and free.amount == 0 and free.receipt is None
    assert (await patricia.registry.quote(wedding)).amount == FEE  # the couple's one free copy
    with pytest.raises(ApiError) as err:
        await patricia.registry.copy(wedding, idempotency_key=key())
    assert err.value.code == "fee_unpaid"
    paid = await patricia.registry.copy(wedding, idempotency_key=key(), amount=FEE, card=card())
    assert paid.receipt and not paid.free
    with database.sessionmaker() as db:
        issued = db.execute(select(Copy.free, Copy.amount).order_by(Copy.id)).all()
    assert issued == [(True, Decimal("0.00")), (False, FEE)]  # the free one is still recorded


async def test_two_spouses_asking_at_once_get_one_free_copy(make_client, cards_dir, database):
    wedding = acta_id(database, this_year_ref(database, "MAT"))
    luis = await resident(make_client, cards_dir, LUIS)
    patricia = await resident(make_client, cards_dir, PATRICIA)
    results = await asyncio.gather(luis.registry.copy(wedding, idempotency_key=key()),
                                   patricia.registry.copy(wedding, idempotency_key=key()),
                                   return_exceptions=True)
    free = [r for r in results if not isinstance(r, Exception) and r.free]
    refused = [r for r in results if isinstance(r, ApiError)]
    assert len(free) == 1 and len(refused) == 1 and refused[0].code == "fee_unpaid"


async def test_a_minors_birth_acta_goes_only_to_a_parent(make_client, cards_dir, database):
    valentina = acta_id(database, "NAC-2019-000402")
    rosa = await resident(make_client, cards_dir, ROSA)
    found = await rosa.registry.search(kind="birth", surnames="Mendoza Torres",
                                       given_names="Valentina")
    assert found == []  # not even listed to a stranger
    for call in (rosa.registry.quote(valentina), rosa.registry.acta(valentina),
                 rosa.registry.copy(valentina, idempotency_key=key(), amount=FEE,
                                    card=card())):
        with pytest.raises(ApiError) as err:
            await call
        assert err.value.status == 403 and err.value.code == "minor_parents_only"
    for parent in (GABRIELA, CARLOS):  # the mother by card, the father by municipal PIN
        client = await (resident(make_client, cards_dir, parent) if parent == GABRIELA
                        else by_pin(make_client, parent))
        assert [a.ref for a in await client.registry.search(
            kind="birth", surnames="Mendoza Torres", given_names="Valentina")] == \
            ["NAC-2019-000402"]
        copy = await client.registry.copy(valentina, idempotency_key=key(), amount=FEE,
                                          card=card())
        assert copy.document.lines[0].value == "NAC-2019-000402"


async def test_the_requester_must_be_an_adult(make_client, database):
    with database.sessionmaker() as db:
        identity.create_resident(db=db, by=SYSTEM, dni="47000001", given_names="Joaquín",
                                 surnames="Soto Rivas", birth_date=date(2011, 4, 2),
                                 address="Calle Tarata 120", zone_id=7, pin=MUNICIPAL_PIN)
        db.commit()
    minor = await by_pin(make_client, "47000001")
    with pytest.raises(ApiError) as err:
        await minor.registry.quote(acta_id(database, "DEF-2025-000061"))
    assert err.value.status == 403 and err.value.code == "requester_minor"
    assert "mayor de edad" in err.value.message.es


async def test_a_death_acta_goes_to_anyone_with_its_data(make_client, cards_dir, database):
    rosa = await by_pin(make_client, ROSA)  # no relation to the deceased
    found = await rosa.registry.search(kind="death", surnames="Salas Medina",
                                       given_names="Ernesto", event_date=date(2025, 8, 3))
    assert [a.ref for a in found] == ["DEF-2025-000061"]
    assert await rosa.registry.search(kind="death", surnames="Salas Medina",
                                      given_names="Ernesto", event_date=date(2025, 8, 4)) == []
    with pytest.raises(ApiError) as err:  # the data, not a fishing trip by surname
        await rosa.registry.search(kind="death", surnames="Salas")
    assert err.value.code == "search_data_missing"
    copy = await rosa.registry.copy(found[0].id, idempotency_key=key(), amount=FEE,
                                    card=card())
    assert copy.document.title.es == "Copia certificada: acta de defunción"


async def test_a_reserved_acta_never_leaves_through_the_kiosk_api(make_client, cards_dir,
                                                                  database):
    adopted = acta_id(database, "NAC-2016-000097")
    miguel = await resident(make_client, cards_dir, MIGUEL)  # even the adoptive father
    assert await miguel.registry.search(kind="birth", surnames="Ramírez Soto",
                                        given_names="Sebastián") == []
    assert await miguel.registry.search(kind="birth", number="NAC-2016-000097") == []
    for call in (miguel.registry.acta(adopted), miguel.registry.quote(adopted),
                 miguel.registry.copy(adopted, idempotency_key=key(), amount=FEE, card=card()),
                 miguel.registry.fee_debt(adopted)):
        with pytest.raises(ApiError) as err:
            await call
        assert err.value.status == 404 and err.value.code == "acta_not_found"
    cashier = await staff(make_client, "cajero", act_for=MIGUEL)  # staff other than registrar
    with pytest.raises(ApiError) as err:
        await cashier.registry.quote(adopted)
    assert err.value.status == 404
    registrar = await staff(make_client, "registrador", act_for=MIGUEL)
    acta = await registrar.registry.acta(adopted)
    assert acta.reserved and "Adopción" in acta.reserved_reason
    receipt = await paid_at_the_cashier(make_client, registrar, adopted, MIGUEL)
    copy = await registrar.registry.copy(adopted, idempotency_key=key(), fee_receipt=receipt)
    assert copy.document.lines[0].value == "NAC-2016-000097"


async def paid_at_the_cashier(make_client, client, acta: int, dni: str) -> str:
    """The copy's fee left as a debt by `client`, paid in cash at the cashier: the receipt."""
    debt = await client.registry.fee_debt(acta)
    assert debt.amount == FEE
    cashier = await staff(make_client, "cajero", act_for=dni)
    await cashier.payments.cash_open(Decimal("100.00"))
    paid = await cashier.payments.pay(debt_ids=[debt.debt_id], method="cash", amount=FEE,
                                      tendered=Decimal("20.00"), idempotency_key=key())
    return paid.receipt_number


async def test_a_paper_acta_becomes_a_request_staff_fulfil(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir, ROSA)
    birth = acta_id(database, "NAC-1956-000345")
    quote = await rosa.registry.quote(birth)
    assert not quote.digitised
    out = await rosa.registry.copy(birth, idempotency_key=key(), amount=FEE, card=card())
    assert out.request is not None and out.request.state == "pendiente"
    tracking = out.request.tracking
    assert tracking.startswith("SOL-") and out.document.kind == "registry_request"
    assert {x.label.es: x.value for x in out.document.lines}["N.º de seguimiento"] == tracking
    assert (await rosa.registry.my_request(tracking)).copy_code is None
    registrar = await staff(make_client)
    assert [r.tracking for r in await registrar.registry.pending_requests()] == [tracking]
    with pytest.raises(ApiError) as err:
        await registrar.registry.fulfil(tracking)
    assert err.value.code == "image_missing"
    scanned = await registrar.registry.attach_image(birth, filename="libro-1956.png",
                                                    content=PNG)
    assert scanned.digitised and scanned.image.media_type == "image/png"
    done = await registrar.registry.fulfil(tracking)
    assert done.request.state == "atendida" and done.document.kind == "registry_copy"
    followed = await rosa.registry.my_request(tracking)
    assert followed.state == "atendida" and followed.copy_code == done.document.code
    reprint = await rosa.documents.get(followed.copy_code)
    assert reprint.lines[0].value == "NAC-1956-000345"
    with database.sessionmaker() as db:
        req = db.execute(select(CopyRequest)).scalar_one()
        assert req.amount == FEE and req.receipt == out.receipt  # paid once, at the request
    with pytest.raises(ApiError) as err:
        await registrar.registry.fulfil(tracking)
    assert err.value.code == "request_done"
    others = await resident(make_client, cards_dir, LUIS)
    with pytest.raises(ApiError) as err:
        await others.registry.my_request(tracking)
    assert err.value.status == 404  # a resident follows only their own requests


async def test_a_copy_paid_at_the_cashier_is_handed_in_once(make_client, cards_dir, database):
    death = acta_id(database, "DEF-2025-000061")
    rosa = await resident(make_client, cards_dir, ROSA)  # asks for a payment code's debt
    receipt = await paid_at_the_cashier(make_client, rosa, death, ROSA)
    registrar = await staff(make_client, "registrador", act_for=ROSA)
    copy = await registrar.registry.copy(death, idempotency_key=key(), fee_receipt=receipt)
    assert copy.receipt == receipt
    with pytest.raises(ApiError) as err:
        await registrar.registry.copy(death, idempotency_key=key(), fee_receipt=receipt)
    assert err.value.code == "fee_receipt_used"
