"""Card login: challenge bound to the device, certificate chain, signature; each refusal is a
clear 4xx and leaves nothing written but its audit entry."""

import base64
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from devices.card.emulator import VirtualCard, load_card
from kiosk.api import ApiError
from server.audit.models import AuditEntry
from server.auth.models import AuthChallenge
from server.demo.card_ca import DemoCA
from server.timeutil import utcnow
from tests.conftest import card_applet, card_login, table_counts


async def test_card_login_opens_a_session_for_the_card_holder(make_client, cards_dir, database):
    client = await make_client()
    info = await card_login(client, cards_dir)
    assert info.kind == "resident" and info.method == "card"
    assert info.resident.full_name == "Rosa Quispe Mamani"
    assert info.resident.zone_id == 7
    assert (await client.residents.me()).dni == "40123456"
    with database.sessionmaker() as db:
        last = db.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
    assert last.action == "login.card" and last.outcome == "ok"


async def _refused(client, database, challenge_id, certificate, signature) -> ApiError:
    before = table_counts(database)
    with pytest.raises(ApiError) as refused:
        await client.auth.card_login(challenge_id=challenge_id, certificate=certificate,
                                     signature=signature)
    after = table_counts(database)
    assert after.pop("audit_entries") == before.pop("audit_entries") + 1
    assert after == before
    assert client.session_token is None
    return refused.value


async def _signed(client, cards_dir, dni="40123456"):
    applet = card_applet(load_card(cards_dir, dni))
    applet.verify_pin("123456")
    challenge = await client.auth.card_challenge()
    return challenge, applet.read_certificate(), applet.sign(base64.b64decode(challenge.to_sign))


async def test_replayed_challenge(make_client, cards_dir, database):
    client = await make_client()
    challenge, cert, sig = await _signed(client, cards_dir)
    await client.auth.card_login(challenge_id=challenge.challenge_id, certificate=cert, signature=sig)
    client.session_token = None
    error = await _refused(client, database, challenge.challenge_id, cert, sig)
    assert (error.status, error.code) == (401, "challenge_replayed")


async def test_expired_challenge(make_client, cards_dir, database):
    client = await make_client()
    challenge, cert, sig = await _signed(client, cards_dir)
    with database.sessionmaker() as db:
        db.execute(update(AuthChallenge).where(AuthChallenge.id == challenge.challenge_id)
                   .values(expires_at=utcnow() - timedelta(seconds=1)))
        db.commit()
    error = await _refused(client, database, challenge.challenge_id, cert, sig)
    assert (error.status, error.code) == (401, "challenge_expired")
    assert "Retire la tarjeta" in error.message.es


async def test_challenge_from_another_device(make_client, cards_dir, database):
    kiosk_a, kiosk_b = await make_client(), await make_client()
    challenge, cert, sig = await _signed(kiosk_a, cards_dir)
    error = await _refused(kiosk_b, database, challenge.challenge_id, cert, sig)
    assert (error.status, error.code) == (403, "challenge_wrong_device")


async def test_unknown_challenge(make_client, cards_dir, database):
    client = await make_client()
    _challenge, cert, sig = await _signed(client, cards_dir)
    error = await _refused(client, database, "00000000-0000-0000-0000-000000000000", cert, sig)
    assert (error.status, error.code) == (400, "challenge_invalid")


async def test_certificate_outside_the_trust_anchor(make_client, database):
    rogue = DemoCA.create("Rogue CA")
    card = VirtualCard(rogue.issue_card(dni="40123456", given_names="Rosa",
                                        surnames="Quispe Mamani",
                                        birth_date=utcnow().date(), pin="123456"))
    client = await make_client()
    applet = card_applet(card)
    applet.verify_pin("123456")
    challenge = await client.auth.card_challenge()
    sig = applet.sign(base64.b64decode(challenge.to_sign))
    error = await _refused(client, database, challenge.challenge_id, applet.read_certificate(),
                           sig)
    assert (error.status, error.code) == (401, "certificate_untrusted")


async def test_signature_over_something_else(make_client, cards_dir, database):
    client = await make_client()
    applet = card_applet(load_card(cards_dir, "40123456"))
    applet.verify_pin("123456")
    challenge = await client.auth.card_challenge()
    sig = applet.sign(bytes(32))
    error = await _refused(client, database, challenge.challenge_id, applet.read_certificate(),
                           sig)
    assert (error.status, error.code) == (401, "signature_invalid")


async def test_another_residents_certificate_with_my_signature(make_client, cards_dir, database):
    """A kiosk cannot present Rosa's certificate with a signature made by Jorge's card."""
    client = await make_client()
    rosa = card_applet(load_card(cards_dir, "40123456"))
    jorge = card_applet(load_card(cards_dir, "07654321"))
    jorge.verify_pin("123456")
    challenge = await client.auth.card_challenge()
    sig = jorge.sign(base64.b64decode(challenge.to_sign))
    error = await _refused(client, database, challenge.challenge_id, rosa.read_certificate(), sig)
    assert error.code == "signature_invalid"


async def test_session_is_bound_to_its_device(make_client, cards_dir):
    kiosk_a, kiosk_b = await make_client(), await make_client()
    info = await card_login(kiosk_a, cards_dir)
    kiosk_b.session_token = info.token
    with pytest.raises(ApiError) as refused:
        await kiosk_b.residents.me()
    assert (refused.value.status, refused.value.code) == (401, "session_invalid")


async def test_logout_ends_the_session_on_the_server(make_client, cards_dir):
    client = await make_client()
    info = await card_login(client, cards_dir)
    await client.auth.logout("card_removed")
    client.session_token = info.token
    with pytest.raises(ApiError) as refused:
        await client.residents.me()
    assert refused.value.code == "session_invalid"


async def test_session_slides_while_used_and_expires_when_not(make_client, cards_dir, database):
    from server.auth.models import UserSession

    client = await make_client()
    await card_login(client, cards_dir)

    def set_expiry(delta: timedelta) -> None:
        with database.sessionmaker() as db:
            db.execute(update(UserSession).values(expires_at=utcnow() + delta))
            db.commit()

    def expiry():
        with database.sessionmaker() as db:
            return db.execute(select(UserSession.expires_at)).scalar_one()

    set_expiry(timedelta(minutes=2))  # near its end, but still in use:
    await client.residents.me()
    assert expiry() - utcnow() > timedelta(minutes=14)  # extended to the full 15 minutes
    set_expiry(timedelta(seconds=-1))  # left unused past its end:
    with pytest.raises(ApiError) as ended:
        await client.residents.me()
    assert ended.value.code == "session_invalid"


async def test_the_kiosks_own_requests_do_not_keep_a_residents_session_alive(
        make_client, cards_dir, database):
    """The device's heartbeat carries the session token too (the server reads it with the
    device's credential), but only a request of the resident's own moves its end."""
    from server.auth.models import UserSession

    client = await make_client()
    await card_login(client, cards_dir)
    with database.sessionmaker() as db:
        db.execute(update(UserSession).values(expires_at=utcnow() + timedelta(minutes=2)))
        db.commit()
    for _ in range(3):
        await client.devices.heartbeat(software_version="1.0", reader_status="ok",
                                       printer_status="ok", paper_status="ok", last_error=None)
        await client.devices.me()
    with database.sessionmaker() as db:
        left = db.execute(select(UserSession.expires_at)).scalar_one() - utcnow()
    assert timedelta(0) < left <= timedelta(minutes=2)
    await client.residents.me()  # the resident's own request: extended
    with database.sessionmaker() as db:
        left = db.execute(select(UserSession.expires_at)).scalar_one() - utcnow()
    assert left > timedelta(minutes=14)
