"""Filing at a kiosk and at the front desk: the fee, the number, the dates, the cargo."""

import asyncio
import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.procedures import calendar
from server.procedures.models import Attachment, Expediente
from server.timeutil import today, utcnow
from tests.conftest import table_counts
from tests.procedures.rig import JORGE, PDF, ROSA, card, file_cn01, key, resident, staff


async def test_the_catalogue_reads_fees_from_the_uit_and_says_what_a_kiosk_can_file(
        make_client):
    kiosk = await make_client()
    procs = {p.code: p for p in await kiosk.procedures.catalogue()}
    assert len(procs) >= 20
    lf01 = procs["LF-01"]
    assert lf01.fee == Decimal("139.70")  # 2.54 % of the 2026 UIT, S/ 5,500
    assert lf01.qualification == "automatic" and lf01.kiosk_complete
    assert not procs["LF-02"].kiosk_complete  # needs a layout sketch scanned
    assert procs["AI-01"].fee == Decimal("0.00")
    assert "27806" in procs["AI-01"].legal_basis
    with pytest.raises(ApiError) as err:
        await kiosk.procedures.get("XX-99")
    assert err.value.status == 404 and "TUPA" in err.value.message.es


async def test_a_resident_files_and_pays_at_a_kiosk_once(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    k = key()
    filing = await file_cn01(rosa, idempotency_key=k)
    exp = filing.expediente
    year = today().year
    assert exp.number == f"{year}-000001" and exp.state == "registrado"
    assert exp.channel == "kiosk"
    assert exp.received_on == calendar.reception_date(utcnow())
    assert exp.due_on == calendar.add_working_days(exp.received_on, 5)
    assert filing.payment is not None and filing.payment.amount == exp.fee == Decimal("83.60")
    assert exp.fee_receipt == filing.payment.receipt_number
    lines = {line.label.es: line.value for line in filing.document.lines}
    assert lines["Expediente"] == exp.number
    assert lines["Respuesta hasta"] == f"{exp.due_on:%d/%m/%Y}"
    assert filing.document.title.es == "Cargo de recepción"
    again = await file_cn01(rosa, idempotency_key=k)  # a retry after a lost answer
    assert again.expediente.number == exp.number
    assert again.payment.receipt_number == filing.payment.receipt_number
    statement = await rosa.accounts.statement()
    assert not [x for x in statement.lines if x.tribute == "tasa"]  # paid, nothing pending
    with database.sessionmaker() as db:
        assert db.execute(select(Expediente.number)).scalars().all() == [exp.number]
        actions = set(db.execute(select(AuditEntry.action)).scalars())
    assert {"procedures.file", "payment.card", "accounts.fee", "document.issue.cargo"} <= actions


async def test_an_automatic_procedure_is_approved_on_filing(make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    proc = await rosa.procedures.get("LF-01")
    filing = await rosa.procedures.file(
        code="LF-01", idempotency_key=key(), ruc="20131312955",
        data={"giro": "Bodega", "direccion": "Calle Berlín 245", "area": "40"},
        checked=[0, 1, 2, 3], amount=proc.fee, card=card())
    exp = filing.expediente
    assert exp.state == "resuelto" and exp.outcome == "aprobado"
    assert exp.resolution_code and "RUC 20131312955" in exp.filer_name
    resolution = await rosa.documents.get(exp.resolution_code)
    assert {line.value for line in resolution.lines} >= {"APROBADO", exp.number}


@pytest.mark.parametrize("change, code, status", [
    ({"code": "XX-99"}, "procedure_not_found", 404),
    ({"checked": [0]}, "requirement_missing", 422),
    ({"data": {}}, "field_missing", 422),
    ({"data": {"direccion": "x", "piso": "3"}}, "field_unknown", 422),
    ({"amount": Decimal("10.00")}, "fee_changed", 409),
    ({"amount": None}, "fee_unpaid", 402),
    ({"ruc": "20131312954"}, "ruc_invalid", 422),
    ({"fee_receipt": "R-NO-EXISTE", "amount": None}, "fee_receipt_invalid", 422),
])
async def test_bad_filings_are_refused_clearly_and_write_nothing(make_client, cards_dir, database,
                                                                 change, code, status):
    rosa = await resident(make_client, cards_dir)
    fee = (await rosa.procedures.get("CN-01")).fee
    args = {"code": "CN-01", "data": {"direccion": "Calle Berlín 245"}, "checked": [0, 1],
            "amount": fee, "card": card(), **change}
    before = table_counts(database)
    with pytest.raises(ApiError) as err:
        await rosa.procedures.file(idempotency_key=key(), **args)
    assert (err.value.status, err.value.code) == (status, code)
    assert err.value.message.es and err.value.message.en
    assert table_counts(database) == before


async def test_numbers_are_never_skipped_or_reused_under_concurrent_filing(make_client,
                                                                          cards_dir):
    kiosks = [await resident(make_client, cards_dir, dni) for dni in (ROSA, JORGE, ROSA, JORGE)]
    filings = await asyncio.gather(*[file_cn01(k) for k in kiosks for _ in range(3)])
    numbers = sorted(f.expediente.number for f in filings)
    year = today().year
    assert numbers == [f"{year}-{n:06d}" for n in range(1, 13)]


async def test_a_kiosk_starts_what_needs_documents_and_the_front_desk_completes_it(
        make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    proc = await rosa.procedures.get("LF-02")
    started = await rosa.procedures.file(
        code="LF-02", idempotency_key=key(), data={"giro": "Café", "direccion": "Larco 1"},
        checked=[0, 1, 2, 4], amount=proc.fee, card=card())
    exp = started.expediente
    assert exp.number is None and exp.state == "iniciado"
    assert [t.es for t in exp.missing_attachments] == ["Croquis de ubicación y distribución"]
    assert exp.start_code in exp.expected.es
    desk = await staff(make_client, "mesadepartes")
    with pytest.raises(ApiError) as err:
        await desk.procedures.register(exp.start_code)
    assert err.value.code == "requirement_missing"
    before = table_counts(database)
    with pytest.raises(ApiError) as err:
        await desk.procedures.attach(exp.start_code, requirement=3, filename="croquis.exe",
                                     content=b"MZ\x90\x00 not a scan")
    assert err.value.status == 415
    with pytest.raises(ApiError) as err:
        await desk.procedures.attach(exp.start_code, requirement=3, filename="croquis.pdf",
                                     content=PDF + b"0" * (10 * 1024 * 1024))
    assert err.value.status == 413
    with pytest.raises(ApiError) as err:
        await desk.procedures.attach(exp.start_code, requirement=0, filename="form.pdf", content=PDF)
    assert err.value.code == "requirement_not_document"
    assert table_counts(database) == before
    att = await desk.procedures.attach(exp.start_code, requirement=3, filename="croquis.pdf", content=PDF)
    assert att.media_type == "application/pdf" and att.size == len(PDF)

    assert att.sha256 == hashlib.sha256(PDF).hexdigest()
    done = await desk.procedures.register(exp.start_code)
    assert done.expediente.number == f"{today().year}-000001"
    assert done.expediente.state == "registrado" and done.document.title.es == "Cargo de recepción"
    with database.sessionmaker() as db:
        assert db.execute(select(Attachment.sha256)).scalar_one() == att.sha256


async def test_the_front_desk_files_with_a_receipt_paid_at_the_cashier(make_client, cards_dir):
    desk = await staff(make_client, "mesadepartes", act_for=JORGE)
    fee = await desk.procedures.fee_debt("PU-01")
    cashier = await staff(make_client, "cajero", act_for=JORGE)
    await cashier.payments.cash_open(Decimal("0"))
    paid = await cashier.payments.pay(debt_ids=[fee.debt_id], method="cash",
                             amount=fee.amount, idempotency_key=key(),
                             tendered=Decimal("200.00"))
    filing = await desk.procedures.file(code="PU-01", idempotency_key=key(),
                                        data={"direccion": "Av. Larco 1150"}, checked=[0, 1],
                                        fee_receipt=paid.receipt_number)
    assert filing.expediente.channel == "front_desk"
    assert filing.expediente.fee_receipt == paid.receipt_number
    with pytest.raises(ApiError) as err:  # one receipt pays one file
        await desk.procedures.file(code="PU-01", idempotency_key=key(),
                                   data={"direccion": "Av. Larco 1150"}, checked=[0, 1],
                                   fee_receipt=paid.receipt_number)
    assert err.value.code == "fee_receipt_used"
    with pytest.raises(ApiError) as err:  # the front desk does not take money
        await desk.procedures.file(code="PU-01", idempotency_key=key(),
                                   data={"direccion": "Av. Larco 1150"}, checked=[0, 1],
                                  amount=fee.amount, method="cash")
    assert err.value.code == "role_forbidden"
