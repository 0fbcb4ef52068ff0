"""A council session from the secretary's terminal, on SQLite and PostgreSQL: the council with
a leave and a suspension (quorum follows), the agenda in the usual order, the extraordinary
session's notice and fixed agenda, postponing once, a failed session after the second call, a
held session with each member's vote (once), counts by the item's majority, numbered
agreements as verifiable documents, searchable; the minutes public only once approved."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.council import rules as r
from server.council.models import AgendaItem, Session, Vote
from server.timeutil import lima, today, utcnow
from tests.council.rig import at, key, secretary, vote_all

YEAR = lima(utcnow()).year
TODAY = f"SC-{YEAR}-002"  # the demo's ordinary session today, convened
EXTRA = f"SC-{YEAR}-003"  # the demo's extraordinary session
PAST = f"SC-{YEAR}-001"  # held two weeks ago, minutes still a draft


async def _status(call) -> tuple[int, str]:
    with pytest.raises(ApiError) as err:
        await call
    return err.value.status, err.value.code


async def test_leaves_and_suspensions_lower_the_quorum(make_client):
    sec = await secretary(make_client)
    council = await sec.council.council()
    assert (council.legal_number, council.able, council.quorum) == (12, 11, 6)  # R10 on leave
    assert next(m for m in council.members if m.code == "R10").absence == "licencia"
    council = await sec.council.add_absence("R09", kind="suspension", starts_on=today(),
                                            ends_on=today() + timedelta(days=30),
                                            reason="Suspensión por falta grave (art. 25)")
    assert (council.able, council.quorum) == (10, 6)
    council = await sec.council.add_absence("R08", kind="licencia", starts_on=today(),
                                            ends_on=today(), reason="Viaje oficial")
    assert (council.able, council.quorum) == (9, 5)
    assert await _status(sec.council.add_absence(
        "R07", kind="licencia", starts_on=today(), ends_on=today() - timedelta(days=1),
        reason="fechas al revés")) == (422, "council_absence_dates")
    kiosk = await make_client()
    assert (await _status(kiosk.council.add_absence(
        "R07", kind="licencia", starts_on=today(), ends_on=today(), reason="sin rol")))[0] in (
        401, 403)


async def test_agenda_in_the_usual_order_extraordinary_notice_and_fixed_agenda(make_client):
    sec = await secretary(make_client)
    day = today() + timedelta(days=1)
    session = await sec.council.convene({
        "kind": "ordinaria", "title": "Sesión ordinaria", "starts_at": at(day).isoformat(),
        "items": [{"section": "orden_del_dia", "title": "Ordenanza de ruidos",
                   "kind": "ordenanza"},
                  {"section": "pedidos", "title": "Pedido de semáforo"},
                  {"section": "acta", "title": "Acta anterior"},
                  {"section": "orden_del_dia", "title": "Acuerdo de hermanamiento",
                   "kind": "acuerdo", "majority": "dos_tercios"}]})
    assert [(i.seq, i.section) for i in session.items] == [
        (1, "acta"), (2, "pedidos"), (3, "orden_del_dia"), (4, "orden_del_dia")]
    assert [i.title for i in session.items][2:] == ["Ordenanza de ruidos",
                                                    "Acuerdo de hermanamiento"]
    session = await sec.council.add_items(session.code, [
        {"section": "informes", "title": "Informe de gerencia"}])
    assert [i.section for i in session.items] == ["acta", "informes", "pedidos",
                                                  "orden_del_dia", "orden_del_dia"]
    # An extraordinary session: at least 5 working days' notice, and its agenda is fixed.
    soon = today() + timedelta(days=3)
    status = await _status(sec.council.convene({
        "kind": "extraordinaria", "title": "Urgente", "starts_at": at(soon).isoformat(),
        "items": [{"section": "orden_del_dia", "title": "Tema único", "kind": "acuerdo"}]}))
    assert status == (422, "council_notice_too_short")
    ok = await sec.council.convene({
        "kind": "extraordinaria", "title": "Con plazo",
        "starts_at": at(r.earliest_extraordinary(today())).isoformat(),
        "items": [{"section": "orden_del_dia", "title": "Tema único", "kind": "acuerdo"}]})
    assert ok.kind == "extraordinaria" and len(ok.items) == 1
    assert await _status(sec.council.add_items(EXTRA, [
        {"section": "pedidos", "title": "Un pedido más"}])) == (409, "council_agenda_fixed")


async def test_postponed_once_by_two_thirds_of_the_regidores_within_3_to_5_working_days(
        make_client):
    sec = await secretary(make_client)
    session = await sec.council.session(EXTRA)
    first, last = r.postponement_window(lima(session.starts_at).date())
    seven = [f"R{i:02d}" for i in range(1, 8)]
    assert await _status(sec.council.postpone(EXTRA, starts_at=at(first, 10),
                                              requested_by=seven)) == (
        422, "council_postpone_votes")
    eight = [*seven, "R08"]
    assert await _status(sec.council.postpone(EXTRA, starts_at=at(last + timedelta(days=7)),
                                              requested_by=eight)) == (
        422, "council_postpone_window")
    moved = await sec.council.postpone(EXTRA, starts_at=at(first, 10), requested_by=eight)
    assert lima(moved.starts_at).date() == first and moved.postponed_from == session.starts_at
    assert await _status(sec.council.postpone(EXTRA, starts_at=at(last, 10),
                                              requested_by=eight)) == (
        409, "council_postponed_once")


async def test_no_quorum_second_call_then_the_session_fails_and_it_is_recorded(
        make_client, database):
    sec = await secretary(make_client)
    few = ["ALCALDE", "R01", "R02", "R03", "R04"]  # 5 of 11 able: quorum is 6
    session = await sec.council.roll_call(TODAY, few)
    assert session.state == "segunda_citacion" and session.quorum == 6
    assert session.present == 5 and session.second_call_at > utcnow()
    assert await _status(sec.council.roll_call(TODAY, few)) == (409, "council_second_call_wait")
    with database.sessionmaker() as db:  # the configured wait (30 minutes) is over
        db.execute(update(Session).where(Session.code == TODAY).values(
            second_call_at=utcnow() - timedelta(minutes=1)))
        db.commit()
    session = await sec.council.roll_call(TODAY, few)
    assert session.state == "fallida" and session.ended_at
    assert session.state_text.es == "no se realizó por falta de quórum"
    with database.sessionmaker() as db:
        calls = db.execute(select(AuditEntry.details).where(
            AuditEntry.action == "council.roll_call").order_by(AuditEntry.seq)).scalars().all()
    assert [c["state"] for c in calls][-2:] == ["segunda_citacion", "fallida"]
    assert await _status(sec.council.roll_call(TODAY, few)) == (409, "council_roll_call_closed")


async def test_a_held_session_votes_once_counts_by_majority_and_numbers_agreements(
        make_client, database):
    sec = await secretary(make_client)
    present = ["ALCALDE"] + [f"R{i:02d}" for i in range(1, 10)]  # R10 on leave, R11 absent
    session = await sec.council.roll_call(TODAY, present)
    assert session.state == "en_curso" and session.present == 10 and session.quorum == 6
    status = {a.member: a.status for a in session.attendance}
    assert status["R10"] == "licencia" and status["R11"] == "ausente"
    # The previous minutes, approved at this session: now public.
    assert await _status(sec.council.minutes(PAST)) == (404, "council_minutes_not_approved")
    draft = await sec.council.draft_minutes(PAST)
    assert draft.state == "borrador" and "Ordenanza N.° 001" in draft.text
    kiosk = await make_client()
    assert (await _status(kiosk.council.draft_minutes(PAST)))[0] in (401, 403)
    await sec.council.open_item(TODAY, 1)
    approved = await sec.council.approve_minutes(PAST, in_session=TODAY)
    assert approved.state == "aprobada" and approved.approved_in == TODAY
    assert (await kiosk.council.minutes(PAST)).text == draft.text
    # Item 5, an ordinance by simple majority: 6 for, 3 against, 1 abstains.
    session = await sec.council.open_item(TODAY, 5)
    assert session.current_item == 5 and session.item(5).offset_seconds is not None
    options = dict(zip(present, ["a_favor"] * 6 + ["en_contra"] * 3 + ["abstencion"],
                       strict=True))
    idem = key()
    first = await sec.council.vote(TODAY, 5, member="R01", option="a_favor",
                                   idempotency_key=idem)
    again = await sec.council.vote(TODAY, 5, member="R01", option="a_favor",
                                   idempotency_key=idem)  # a retry: counted once
    assert first.item(5).votes == again.item(5).votes
    assert await _status(sec.council.vote(TODAY, 5, member="R01", option="en_contra",
                                          idempotency_key=key())) == (
        409, "council_already_voted")
    assert await _status(sec.council.vote(TODAY, 5, member="R11", option="a_favor",
                                          idempotency_key=key())) == (
        409, "council_member_not_present")
    assert await _status(sec.council.vote(TODAY, 5, member="R10", option="a_favor",
                                          idempotency_key=key())) == (
        409, "council_member_not_present")
    del options["R01"]
    await vote_all(sec, TODAY, 5, options)
    assert await _status(sec.council.open_item(TODAY, 6)) == (409, "council_vote_open")
    session = await sec.council.close_vote(TODAY, 5)
    item = session.item(5)
    assert item.result == "aprobado" and item.counts == {
        "a_favor": 6, "en_contra": 3, "abstencion": 1, "ausente": 1}  # R11; R10 excused
    assert item.agreement == f"Ordenanza N.° 002-{YEAR}/MM"  # 001 is the demo's
    # Item 6, an agreement by absolute majority: 6 for of 12 is not 7.
    await sec.council.open_item(TODAY, 6)
    await vote_all(sec, TODAY, 6, dict(zip(present, ["a_favor"] * 6 + ["en_contra"] * 4,
                                           strict=True)))
    item = (await sec.council.close_vote(TODAY, 6)).item(6)
    assert (item.result, item.needed, item.agreement) == ("desaprobado", 7, None)
    # Item 7, simple majority, a tie broken by the mayor.
    await sec.council.open_item(TODAY, 7)
    await vote_all(sec, TODAY, 7, dict(zip(present, ["a_favor"] * 4 + ["en_contra"] * 4
                                           + ["abstencion"] * 2, strict=True)))
    item = (await sec.council.close_vote(TODAY, 7)).item(7)
    assert item.result == "aprobado" and item.agreement.startswith("Acuerdo de Concejo N.°")
    # The agreements: searchable, each a verifiable document.
    found = await kiosk.council.agreements("terrazas")
    assert [a.number for a in found] == [f"Ordenanza N.° 002-{YEAR}/MM"]
    assert (await kiosk.documents.verify(found[0].document_code)).valid
    assert len(await kiosk.council.agreements()) == 5  # 3 from the demo's past session
    session = await sec.council.end(TODAY)
    assert session.state == "concluida"
    assert await _status(kiosk.council.minutes(TODAY)) == (404, "council_minutes_not_approved")
    with database.sessionmaker() as db:
        # 3 items x 11 members (R10 on leave has none): every vote a row, absents included
        assert db.execute(select(func.count()).select_from(Vote).join(
            AgendaItem, AgendaItem.id == Vote.item_id).join(
            Session, Session.id == AgendaItem.session_id).where(
            Session.code == TODAY)).scalar_one() == 33
        assert db.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "council.vote")).scalar_one() >= 29
