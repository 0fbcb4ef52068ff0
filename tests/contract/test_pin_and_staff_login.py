"""Card-less login (DNI + municipal PIN), staff login, lockouts, acting on a resident's behalf."""

import re

import pytest
from sqlalchemy import select

from kiosk.api import ApiError
from server.audit.models import AuditEntry
from tests.conftest import card_login, table_counts


async def test_malformed_dni_is_a_clear_422(make_client, database):
    client = await make_client()
    before = table_counts(database)
    with pytest.raises(ApiError) as refused:
        await client.auth.pin_login(dni="4012A456", pin="654321")
    assert (refused.value.status, refused.value.code) == (422, "invalid_dni")
    assert "8 dígitos" in refused.value.message.es
    assert "8 digits" in refused.value.message.en
    assert table_counts(database) == before


async def test_wrong_pin_counts_down_then_locks(make_client, database):
    client = await make_client()
    tries = []
    for _ in range(2):
        with pytest.raises(ApiError) as refused:
            await client.auth.pin_login(dni="40123456", pin="000000")
        tries.append(refused.value.extra["tries_left"])
    assert tries == [2, 1]
    with pytest.raises(ApiError) as locked:
        await client.auth.pin_login(dni="40123456", pin="000000")
    assert (locked.value.status, locked.value.code) == (423, "account_locked")
    # Even the right PIN is refused while locked.
    with pytest.raises(ApiError) as still:
        await client.auth.pin_login(dni="40123456", pin="654321")
    assert still.value.code == "account_locked"
    with database.sessionmaker() as db:
        denied = db.execute(select(AuditEntry).where(AuditEntry.action == "login.pin",
                                                     AuditEntry.outcome == "denied")).all()
    assert len(denied) == 4


async def test_right_pin_logs_in(make_client):
    client = await make_client()
    info = await client.auth.pin_login(dni="07654321", pin="654321")
    assert info.method == "pin" and info.resident.given_names == "Jorge Luis"


async def test_unknown_dni_does_not_reveal_who_is_registered(make_client):
    client = await make_client()
    with pytest.raises(ApiError) as unknown:
        await client.auth.pin_login(dni="11111111", pin="654321")
    with pytest.raises(ApiError) as wrong:
        await client.auth.pin_login(dni="07654321", pin="000000")
    assert unknown.value.status == wrong.value.status == 401
    assert unknown.value.message.es.startswith("El DNI o el PIN no son correctos")


@pytest.fixture
def hashes_checked(monkeypatch) -> list[str]:
    """The stored hashes each password or PIN check verified against (the real argon2id)."""
    from argon2 import PasswordHasher

    from server.identity import passwords

    checked: list[str] = []

    class Counting(PasswordHasher):
        def verify(self, hash, password):
            checked.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "_hasher", Counting(time_cost=1, memory_cost=1024,
                                                        parallelism=1))
    return checked


def _answer(error: ApiError) -> tuple:
    """What a guesser reads, but the lockout's end: two lockouts a few seconds apart may name
    different minutes ("a las 10:15" / "10:16")."""
    extra = {k: v for k, v in error.extra.items() if k != "instance"}
    minutes = re.compile(r"\b\d{2}:\d{2}\b")
    return (error.status, error.code, minutes.sub("HH:MM", error.message.es),
            minutes.sub("HH:MM", error.message.en),
            {k: (v if k != "locked_until" else "…") for k, v in extra.items()})


async def _attempts(login, times: int) -> list[tuple]:
    answers = []
    for _ in range(times):
        with pytest.raises(ApiError) as refused:
            await login()
        answers.append(_answer(refused.value))
    return answers


async def test_unknown_and_known_residents_answer_and_lock_alike(make_client, hashes_checked):
    client = await make_client()
    known = await _attempts(lambda: client.auth.pin_login(dni="07654321", pin="000000"), 4)
    checks_known = len(hashes_checked)
    unknown = await _attempts(lambda: client.auth.pin_login(dni="11111111", pin="000000"), 4)
    assert unknown == known
    assert [a[0] for a in known] == [401, 401, 423, 423]
    # The unknown DNI's PIN was really checked (against the dummy hash), as often as the known.
    assert len(hashes_checked) - checks_known == checks_known == 3


async def test_unknown_and_known_staff_answer_and_lock_alike(make_client, hashes_checked):
    terminal = await make_client("terminal")
    known = await _attempts(lambda: terminal.auth.staff_login(username="cajero",
                                                              password="wrong"), 6)
    checks_known = len(hashes_checked)
    other = await make_client("terminal")  # (a device's attempts are limited: 10 a minute)
    unknown = await _attempts(lambda: other.auth.staff_login(username="nadie",
                                                             password="wrong"), 6)
    assert unknown == known
    assert [a[0] for a in known] == [401] * 4 + [423] * 2
    assert len(hashes_checked) - checks_known == checks_known == 5


async def test_one_resident_session_per_device(make_client):
    kiosk = await make_client()
    await kiosk.auth.pin_login(dni="40123456", pin="654321")
    first = kiosk.transport.session_token
    await kiosk.auth.pin_login(dni="07654321", pin="654321")
    with pytest.raises(ApiError) as gone:  # Rosa's session ended when Jorge logged in
        await _session_with(kiosk, first)
    assert gone.value.status == 401
    assert (await kiosk.auth.session()).resident.dni == "07654321"


async def _session_with(client, token: str):
    saved, client.transport.session_token = client.transport.session_token, token
    try:
        return await client.auth.session()
    finally:
        client.transport.session_token = saved


async def test_staff_log_in_only_at_terminals(make_client):
    kiosk = await make_client("kiosk")
    with pytest.raises(ApiError) as refused:
        await kiosk.auth.staff_login(username="cajero", password="Miraflores2026")
    assert refused.value.code == "staff_login_on_kiosk"


async def test_staff_lockout_after_repeated_failures(make_client):
    terminal = await make_client("terminal")
    for _ in range(5):
        with pytest.raises(ApiError):
            await terminal.auth.staff_login(username="cajero", password="wrong")
    with pytest.raises(ApiError) as locked:
        await terminal.auth.staff_login(username="cajero", password="Miraflores2026")
    assert locked.value.code == "account_locked"


async def test_staff_act_for_a_resident_only_explicitly(make_client, database):
    terminal = await make_client("terminal")
    info = await terminal.auth.staff_login(username="cajero", password="Miraflores2026")
    assert info.staff.role == "cashier"
    with pytest.raises(ApiError) as not_yet:
        await terminal.residents.me()
    assert not_yet.value.code == "not_acting_for_resident"
    acting = await terminal.auth.act_for(dni="40123456", reason="Atención en ventanilla")
    assert acting.acting_for.full_name == "Rosa Quispe Mamani"
    assert (await terminal.residents.me()).dni == "40123456"
    document = await terminal.residents.record_certificate(idempotency_key="staff-1")
    assert document.holder_name == "Rosa Quispe Mamani"
    with database.sessionmaker() as db:
        issued = db.execute(select(AuditEntry).where(
            AuditEntry.action == "document.issue.resident_record")).scalar_one()
        started = db.execute(select(AuditEntry).where(
            AuditEntry.action == "staff.act_for.start")).scalar_one()
    assert issued.actor.startswith("staff:") and issued.on_behalf_of.startswith("resident:")
    assert started.details == {"reason": "Atención en ventanilla"}
    await terminal.auth.stop_acting()
    with pytest.raises(ApiError):
        await terminal.residents.me()


async def test_roles_without_counter_work_cannot_act_for_residents(make_client):
    terminal = await make_client("terminal")
    await terminal.auth.staff_login(username="secretaria", password="Miraflores2026")
    with pytest.raises(ApiError) as refused:
        await terminal.auth.act_for(dni="40123456", reason="curiosidad")
    assert refused.value.code == "role_forbidden"


async def test_a_resident_cannot_look_up_other_residents(make_client, cards_dir):
    kiosk = await make_client()
    await card_login(kiosk, cards_dir)
    with pytest.raises(ApiError) as refused:
        await kiosk.residents.by_dni("07654321")
    assert refused.value.code == "staff_only"
    with pytest.raises(ApiError):
        await kiosk.auth.act_for(dni="07654321", reason="ver datos")
