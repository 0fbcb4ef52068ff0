"""Offices move files: scope, transitions, pauses, resolutions, silence; residents and the
public see what is theirs to see."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.procedures import calendar
from server.timeutil import today
from tests.conftest import table_counts
from tests.procedures.rig import JORGE, ROSA, file_cn01, key, resident, staff, time_passes


async def test_a_file_goes_through_the_offices_and_is_resolved(make_client, cards_dir,
                                                               database):
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number  # starts at Catastro (SGCAT)
    licencias = await staff(make_client, "licencias")  # Licencias only
    obras = await staff(make_client, "obras")  # Obras Privadas and Catastro
    before = table_counts(database)
    with pytest.raises(ApiError) as err:
        await licencias.procedures.file_action(number, action="review", note="Reviso")
    assert err.value.code == "office_scope"
    with pytest.raises(ApiError) as err:
        await licencias.procedures.staff_file(number)
    assert err.value.code == "office_scope"
    with pytest.raises(ApiError) as err:  # not allowed from "registrado"
        await obras.procedures.file_action(number, action="accept", note="Recibido")
    assert err.value.code == "transition_not_allowed" and err.value.status == 409
    assert table_counts(database) == before
    await obras.procedures.file_action(number, action="review", note="Revisión de plano")
    routed = await obras.procedures.file_action(number, action="route", note="Verificar licencia del local",
                                                to_office="SGLC")
    assert routed.state == "derivado" and routed.office.code == "SGLC"
    with pytest.raises(ApiError) as err:  # it left Obras' scope with the route
        await obras.procedures.file_action(number, action="accept", note="Recibido")
    assert err.value.code == "office_scope"
    await licencias.procedures.file_action(number, action="accept", note="Recibido en Licencias")
    done = await licencias.procedures.file_action(number, action="resolve", outcome="denegado",
                                                  note="La numeración solicitada ya está asignada.")
    assert done.state == "resuelto" and done.outcome == "denegado"
    assert "reconsideración" in done.expected.es
    resolution = await rosa.documents.get(done.resolution_code)
    values = [line.value for line in resolution.lines]
    assert "DENEGADO" in values and "La numeración solicitada ya está asignada." in values
    mine = await rosa.procedures.my_file(number)
    assert [e.action for e in mine.events] == ["file", "review", "route", "accept", "resolve"]
    with database.sessionmaker() as db:
        steps = db.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.target == f"expediente:{number}")).scalar_one()
    assert steps == 5
    with pytest.raises(ApiError) as err:
        await licencias.procedures.file_action(number, action="archive", note="Archivo")
    assert err.value.code == "transition_not_allowed"


async def test_an_observation_pauses_the_deadline_until_the_resident_corrects(
        make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    exp = (await file_cn01(rosa)).expediente
    obras = await staff(make_client, "obras")
    await obras.procedures.file_action(exp.number, action="review", note="Revisión")
    observed = await obras.procedures.file_action(exp.number, action="observe", correct_days=2,
                                                  note="Indique el número de lote.")
    assert observed.state == "observado"
    assert observed.correct_by == calendar.add_working_days(today(), 2)
    mine = await rosa.procedures.my_file(exp.number)
    assert "Indique el número de lote." in mine.expected.es
    assert f"{observed.correct_by:%d/%m/%Y}" in mine.expected.es
    left = calendar.working_days_between(today(), exp.due_on)
    corrected = await rosa.procedures.correct(exp.number, note="Lote 12, manzana B.")
    assert corrected.state == "subsanado" and corrected.correct_by is None
    assert corrected.due_on == calendar.add_working_days(today(), left)
    with pytest.raises(ApiError) as err:
        await rosa.procedures.correct(exp.number, note="Otra vez")
    assert err.value.code == "transition_not_allowed"


async def test_positive_silence_approves_an_overdue_file_and_gives_a_proof(make_client,
                                                                          cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    exp = (await file_cn01(rosa)).expediente
    time_passes(database, exp.number, days=30)
    mine = await rosa.procedures.my_file(exp.number)
    assert mine.state == "resuelto" and mine.outcome == "aprobado" and mine.by_silence
    proof = await rosa.documents.get(mine.resolution_code)
    assert proof.title.es == "Constancia de aprobación por silencio administrativo positivo"
    assert mine.events[-1].action == "silence"


async def test_an_observed_file_does_not_fall_into_silence(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    exp = (await file_cn01(rosa)).expediente
    obras = await staff(make_client, "obras")
    await obras.procedures.file_action(exp.number, action="review", note="Revisión")
    await obras.procedures.file_action(exp.number, action="observe", note="Falta el lote.")
    time_passes(database, exp.number, days=30)
    assert (await rosa.procedures.my_file(exp.number)).state == "observado"


async def test_residents_see_only_their_files_and_the_public_needs_number_and_document(
        make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    jorge = await resident(make_client, cards_dir, JORGE)
    number = (await file_cn01(rosa)).expediente.number
    with pytest.raises(ApiError) as err:
        await jorge.procedures.my_file(number)
    assert err.value.status == 404
    assert await jorge.procedures.my_files() == []
    assert [f.number for f in await rosa.procedures.my_files()] == [number]
    anyone = await make_client()
    status = await anyone.procedures.follow(number=number, document=ROSA)
    assert status.number == number and status.state == "registrado"
    assert "Rosa" not in status.model_dump_json() and "Berlín" not in status.model_dump_json()
    with pytest.raises(ApiError) as wrong_doc:
        await anyone.procedures.follow(number=number, document=JORGE)
    with pytest.raises(ApiError) as wrong_number:
        await anyone.procedures.follow(number=f"{today().year}-999999", document=ROSA)
    assert wrong_doc.value.status == wrong_number.value.status == 404
    assert wrong_doc.value.message == wrong_number.value.message


async def test_inbox_sorts_an_offices_files_into_trays(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    numbers = [(await file_cn01(rosa)).expediente.number for _ in range(4)]
    obras = await staff(make_client, "obras")
    await obras.procedures.file_action(numbers[1], action="review", note="Revisión")
    await obras.procedures.file_action(numbers[2], action="review", note="Revisión")
    await obras.procedures.file_action(numbers[2], action="observe", note="Falta el lote.")
    time_passes(database, numbers[3], days=-30)  # far from due: stays "new"
    tray = await obras.procedures.inbox("SGCAT")
    assert [i.number for i in tray.new.items] == [numbers[0], numbers[3]]
    assert tray.due_soon.count + tray.in_progress.count == 1
    assert [i.number for i in tray.observed.items] == [numbers[2]]
    licencias = await staff(make_client, "licencias")
    with pytest.raises(ApiError) as err:
        await licencias.procedures.inbox("SGCAT")
    assert err.value.code == "office_scope"


async def test_dashboard_counts_channels_and_overdue_files(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    await file_cn01(rosa)
    desk = await staff(make_client, "mesadepartes", act_for=JORGE)
    await desk.procedures.file(code="AI-01", idempotency_key=key(),
                               data={"pedido": "Actas de sesión de concejo 2025"}, checked=[0])
    admin = await staff(make_client, "admin")
    figures = await admin.procedures.dashboard()
    month = f"{today():%Y-%m}"
    assert figures.by_month == [{"month": month, "kiosk": 1, "front_desk": 1}]
    assert str(figures.kiosk_share) == "50.0"
    assert {row["office"]: row["open"] for row in figures.overdue_by_office} == {"SG": 1,
                                                                                "SGCAT": 1}
    with pytest.raises(ApiError) as err:  # residents do not see the office figures
        await rosa.procedures.dashboard()
    assert err.value.code == "staff_only"


async def test_a_new_version_of_a_procedure_applies_from_its_date(make_client, cards_dir):
    admin = await staff(make_client, "admin")
    current = await admin.procedures.get("CN-01")
    data = current.model_dump(mode="json", include={
        "code", "filer", "requirements", "fields", "qualification", "deadline_days",
        "authority", "reconsideration_days", "appeal_days", "legal_basis"})
    data |= {"name_es": current.name.es, "name_en": current.name.en, "fee_uit": "0.02",
             "office_code": current.office.code}
    with pytest.raises(ApiError) as err:
        await admin.procedures.publish(data | {"valid_from": str(today() - timedelta(days=1))})
    assert err.value.code == "version_in_past"
    tomorrow = await admin.procedures.publish(data | {"valid_from": str(today()
                                                                         + timedelta(days=1))})
    assert tomorrow.fee == 110  # 2 % of S/ 5,500, from tomorrow on
    assert (await admin.procedures.get("CN-01")).fee == current.fee  # today's stays
    rosa = await resident(make_client, cards_dir)
    with pytest.raises(ApiError) as err:
        await rosa.procedures.publish(data | {"valid_from": str(date(2099, 1, 1))})
    assert err.value.status == 403
