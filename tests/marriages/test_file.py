"""The registrar's file: documents accepted or observed with a reason, the edicto (newspaper
or waiver), objections filed by identified residents at a kiosk and resolved, capacity
blocked by an unresolved or upheld objection; the day's ceremonies with live status, the
iCalendar feed parsed back to the same instants, and the concluded ceremony's acta arriving
in the civil registry with the couple's first copy free."""

from datetime import timedelta

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import select, update

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.marriages.models import Booking
from server.registry.models import Acta, Person
from server.timeutil import today
from tests.marriages.rig import CARLOS, body, free, key, registrar, resident

DEMO_TODAY = f"MC-DEMO-{today().year}-1"  # Miguel and Gabriela, today 18:00, capacity declared
DEMO_POSTED = f"MC-DEMO-{today().year}-2"  # Carlos and Ana Lucía, edicto posted


def _edicto_days_ago(database, code: str, days: int) -> None:
    """The edicto was posted `days` ago (its 8 days counted from then)."""
    on = today() - timedelta(days=days)
    with database.sessionmaker() as db:
        db.execute(update(Booking).where(Booking.code == code).values(
            edicto_on=on, edicto_until=on + timedelta(days=7)))
        db.commit()


async def _complete(reg, code: str):
    file = await reg.marriages.file(code)
    for doc in file.documents:
        issued = today() - timedelta(days=5) if doc.kind == "medical" else None
        file = await reg.marriages.check_document(code, doc.id, decision="accept",
                                                  issued_on=issued)
    return file


async def test_documents_edicto_objections_and_capacity(make_client, cards_dir, database):
    rosa = await resident(make_client, cards_dir)
    booking = await rosa.marriages.book(body((await free(rosa))[0]), idempotency_key=key())
    reg = await registrar(make_client)
    assert booking.code in [f.code for f in await reg.marriages.files()]
    medical = next(d for d in booking.documents if d.kind == "medical")
    single = next(d for d in booking.documents if d.kind == "single")
    with pytest.raises(ApiError) as err:
        await reg.marriages.check_document(booking.code, single.id, decision="observe")
    assert err.value.code == "reason_missing"
    observed = await reg.marriages.check_document(booking.code, single.id, decision="observe",
                                                  reason="Sin firma legalizada")
    item = next(d for d in observed.documents if d.id == single.id)
    assert (item.state, item.reason) == ("observado", "Sin firma legalizada")
    mine = await rosa.marriages.booking(booking.code)  # the couple sees what is missing
    assert mine.missing == 12 and next(
        d for d in mine.documents if d.id == single.id).state_text.en == "returned with remarks"
    for issued in (None, today() - timedelta(days=31)):
        with pytest.raises(ApiError) as err:
            await reg.marriages.check_document(booking.code, medical.id, decision="accept",
                                               issued_on=issued)
        assert err.value.code == "medical_too_old"
    with pytest.raises(ApiError) as err:  # nothing to publish before the file is complete
        await reg.marriages.publish_edicto(booking.code, newspaper="El Comercio")
    assert err.value.code == "file_incomplete"
    done = await _complete(reg, booking.code)
    assert done.missing == 0 and done.file_complete_on == today()
    with pytest.raises(ApiError) as err:
        await reg.marriages.publish_edicto(booking.code)
    assert err.value.code == "newspaper_or_waiver"
    posted = await reg.marriages.publish_edicto(booking.code, newspaper="El Comercio")
    assert (posted.edicto_on, posted.edicto_until) == (today(), today() + timedelta(days=7))

    # Anyone at a kiosk sees it; an identified resident objects (audited with who).
    anyone = await make_client()
    shown = next(e for e in await anyone.marriages.edictos() if e.code == booking.code)
    assert shown.names == ["Rosa Quispe Mamani", "Luis Fernando Castillo Vargas"]
    assert shown.objections_until == today() + timedelta(days=7)
    with pytest.raises(ApiError) as err:
        await anyone.marriages.object_to(booking.code, grounds="Ya está casada con otro.")
    assert err.value.status in (401, 403)
    carlos = await resident(make_client, cards_dir, CARLOS)
    objection = await carlos.marriages.object_to(booking.code,
                                                 grounds="El contrayente ya está casado.")
    assert (objection.seq, objection.filer_name) == (1, "Carlos Alberto Mendoza Ríos")
    with database.sessionmaker() as db:
        entry = db.execute(select(AuditEntry).where(
            AuditEntry.action == "marriages.objection")).scalar_one()
        assert entry.details["filer"] == CARLOS

    with pytest.raises(ApiError) as err:  # the 8 days are not over
        await reg.marriages.declare_capacity(booking.code)
    assert err.value.code == "edicto_running"
    _edicto_days_ago(database, booking.code, 10)
    with pytest.raises(ApiError) as err:
        await carlos.marriages.object_to(booking.code, grounds="Tarde, pero otra razón más.")
    assert err.value.code == "edicto_not_in_force"
    with pytest.raises(ApiError) as err:
        await reg.marriages.declare_capacity(booking.code)
    assert err.value.code == "objection_pending"
    resolved = await reg.marriages.resolve(booking.code, 1, upheld=False,
                                           resolution="Infundada: consta su soltería.")
    assert resolved.objections[0].state == "infundada"
    declared = await reg.marriages.declare_capacity(booking.code)
    assert declared.capacity_on == today()
    assert declared.capacity_until.month == (today().month + 3) % 12 + 1


async def test_an_upheld_objection_stops_the_marriage(make_client, cards_dir, database):
    reg = await registrar(make_client)
    rosa = await resident(make_client, cards_dir)
    assert DEMO_POSTED in [e.code for e in await rosa.marriages.edictos()]
    await rosa.marriages.object_to(DEMO_POSTED, grounds="La contrayente tiene impedimento.")
    await reg.marriages.resolve(DEMO_POSTED, 1, upheld=True,
                                resolution="Fundada: impedimento acreditado.")
    with pytest.raises(ApiError) as err:
        await reg.marriages.resolve(DEMO_POSTED, 1, upheld=False, resolution="Cambio de idea")
    assert err.value.code == "objection_resolved"
    _edicto_days_ago(database, DEMO_POSTED, 9)
    with pytest.raises(ApiError) as err:
        await reg.marriages.declare_capacity(DEMO_POSTED)
    assert err.value.code == "objection_upheld"


async def test_the_ceremony_live_and_its_acta_in_the_registry(make_client, cards_dir,
                                                              database):
    anyone = await make_client()
    ceremony = next(c for c in await anyone.marriages.today() if c.code == DEMO_TODAY)
    assert (ceremony.state, ceremony.place) == ("programada", "Salón de Actos, Palacio Municipal")
    assert ceremony.stream_url.endswith(".m3u8")
    reg = await registrar(make_client)
    await reg.marriages.start(DEMO_TODAY)
    assert next(c for c in await anyone.marriages.today()
                if c.code == DEMO_TODAY).state_text.es == "en curso"
    done = await reg.marriages.conclude(DEMO_TODAY)
    assert done.state == "concluida" and done.acta_ref.startswith(f"MAT-{today().year}-")
    with pytest.raises(ApiError) as err:
        await reg.marriages.conclude(DEMO_TODAY)
    assert err.value.code == "booking_closed"
    with database.sessionmaker() as db:
        acta = db.execute(select(Acta).where(Acta.ref == done.acta_ref)).scalar_one()
        assert acta.ceremony == DEMO_TODAY and acta.free_copy
        people = {(p.role, p.dni, p.given_names) for p in db.execute(
            select(Person).where(Person.acta_id == acta.id)).scalars()}
    assert {("contrayente", "42345678", "Miguel Ángel"), ("contrayente", "44556677", "Gabriela"),
            ("testigo", "08123456", "Teresa"), ("testigo", "05432198", "Julio César"),
            ("celebrante", None, "Lucía Vega")} == people
    miguel = await resident(make_client, cards_dir, "42345678")
    mine = [a for a in await miguel.registry.mine() if a.ref == done.acta_ref]
    quote = await miguel.registry.quote(mine[0].id)
    assert quote.free and quote.amount == 0


async def test_no_ceremony_without_capacity(make_client, cards_dir):
    rosa = await resident(make_client, cards_dir)
    booking = await rosa.marriages.book(body((await free(rosa))[0]), idempotency_key=key())
    reg = await registrar(make_client)
    for step in (reg.marriages.start, reg.marriages.conclude):
        with pytest.raises(ApiError) as err:
            await step(booking.code)
        assert err.value.code == "capacity_missing"
    with pytest.raises(ApiError) as err:  # residents cannot act as the registrar
        await rosa.marriages.declare_capacity(booking.code)
    assert err.value.status == 403


async def test_the_calendar_feed_parses_back_to_the_same_instants(make_client, cards_dir,
                                                                  server_app):
    rosa = await resident(make_client, cards_dir)
    booking = await rosa.marriages.book(body((await free(rosa))[0]), idempotency_key=key())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=server_app),
                                 base_url="http://kiosk.test") as http:
        feed = await http.get("/api/v1/marriages/calendar.ics")  # no device credential
        page = await http.get("/ceremonias")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    parsed = Calendar.from_ical(feed.content)
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == ["America/Lima"]
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    mine = events[f"{booking.code}@miraflores.gob.pe"]
    start, end = mine.decoded("dtstart"), mine.decoded("dtend")
    assert start == booking.starts_at and end == booking.ends_at  # the same instants
    assert str(start.tzinfo) == "America/Lima" and start.utcoffset() == timedelta(hours=-5)
    assert "Rosa Quispe Mamani" in str(mine["summary"])
    assert f"{DEMO_TODAY}@miraflores.gob.pe" in events
    assert page.status_code == 200 and "Miguel Ángel Ramírez Soto" in page.text
    assert "programada / scheduled" in page.text


async def test_a_places_stream_is_configured_audited_and_shown(make_client, settings,
                                                               monkeypatch, capsys, database):
    from server.cli import main

    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    assert main(["marriages", "stream", "PALMA", "ftp://x"]) == 1
    assert "http(s)" in capsys.readouterr().err
    url = "https://video.miraflores.gob.pe/palma/live.m3u8"
    assert main(["marriages", "stream", "PALMA", url]) == 0
    anyone = await make_client()
    palma = next(p for p in await anyone.marriages.places() if p.code == "PALMA")
    assert palma.stream_url == url
    assert main(["marriages", "stream", "SALON", "--clear"]) == 0
    salon = next(p for p in await anyone.marriages.places() if p.code == "SALON")
    assert salon.stream_url is None
    with database.sessionmaker() as db:
        entries = db.execute(select(AuditEntry).where(
            AuditEntry.action == "marriages.stream")).scalars().all()
    assert [e.target for e in entries] == ["place:PALMA", "place:SALON"]
