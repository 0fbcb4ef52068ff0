"""Background tasks, on SQLite (the in-process engine) and on PostgreSQL (procrastinate's
queue): the clock, not a reader, decides positive silence; expired payment codes are marked
once; a Wi-Fi session on an expired voucher is cut, its Disconnect-Request deferred in the same
transaction as the change (a rollback leaves nothing, a commit always sends it)."""

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text, update

from kiosk.api.fleet import Beat
from server.audit.models import AuditEntry
from server.audit.service import verify
from server.payments.models import PaymentCode
from server.procedures.models import Expediente
from server.sites.models import Device
from server.tasks import local, registry
from server.timeutil import utcnow
from server.wifi import tasks as wifi_tasks
from server.wifi.models import Session as WifiSession
from server.wifi.models import Voucher
from tests.procedures.rig import file_cn01, resident, time_passes
from tests.rigs.freeradius import SECRET, StandInNas
from tests.wifi.rig import Radius, operator


def _audited(database, action: str) -> int:
    with database.sessionmaker() as db:
        return db.scalar(select(func.count()).select_from(AuditEntry)
                         .where(AuditEntry.action == action))


def _run(name: str, database, settings, **args) -> str | None:
    return registry.run(name, engine=database.engine, settings=settings, **args)


async def test_positive_silence_comes_with_the_clock_not_with_a_reader(
        make_client, cards_dir, database, settings):
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number
    _run("procedures.silence", database, settings)  # still within its term: nothing
    time_passes(database, number, days=30)
    assert _audited(database, "procedures.silence") == 0
    said = _run("procedures.silence", database, settings)
    _run("procedures.silence", database, settings)  # the next tick finds nothing more
    assert said.startswith("1 ")
    with database.sessionmaker() as db:
        exp = db.execute(select(Expediente).where(Expediente.number == number)).scalar_one()
        assert (exp.state, exp.outcome, exp.by_silence) == ("resuelto", "aprobado", True)
        assert verify(db=db).ok
    assert _audited(database, "procedures.silence") == 1
    mine = await rosa.procedures.my_file(number)  # what Rosa sees, with a proof to print
    assert mine.by_silence and mine.resolution_code


async def test_an_expired_payment_code_is_marked_once_and_frees_its_debts(
        make_client, cards_dir, database, settings):
    rosa = await resident(make_client, cards_dir)
    line = (await rosa.accounts.statement()).lines[0]
    code = await rosa.payments.create_code(debt_ids=[line.debt_id], amount=line.total,
                                           idempotency_key=str(uuid.uuid4()))
    _run("payments.expire_codes", database, settings)
    assert (await rosa.payments.code(code.code)).status == "pending"
    with database.sessionmaker() as db:
        db.execute(update(PaymentCode).where(PaymentCode.code == code.code)
                   .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.commit()
    _run("payments.expire_codes", database, settings)
    _run("payments.expire_codes", database, settings)
    with database.sessionmaker() as db:
        assert db.execute(select(PaymentCode.status).where(
            PaymentCode.code == code.code)).scalar_one() == "expired"
    assert _audited(database, "payment_code.expire") == 1
    assert (await rosa.payments.code(code.code)).status == "expired"
    assert await rosa.payments.pending_codes() == []


async def _open_session_on_expired_voucher(make_client, server_app, database, nas) -> str:
    staff = await operator(make_client)
    await staff.wifi.save_hotspot({"code": "KENNEDY", "name": "Parque Kennedy",
                                   "place": "Av. José Larco", "zone_id": 7, "ip": "127.0.0.1",
                                   "secret": SECRET, "coa_port": nas.port})
    voucher = (await staff.wifi.create_batch({"count": 1, "minutes": 0, "megabytes": 0,
                                              "note": "Prueba"})).vouchers[0]
    radius = Radius(server_app)
    assert (await radius.account(voucher.code, "Start", "tasks-session-1")).status_code == 204
    with database.sessionmaker() as db:  # time passes: the voucher expires mid-session
        db.execute(update(Voucher).where(Voucher.code == voucher.code)
                   .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.commit()
    return voucher.code


def _waiting_disconnects(database) -> list[dict]:
    with database.engine.connect() as conn:
        return [row.args for row in conn.execute(text(
            "SELECT args FROM procrastinate_jobs WHERE task_name = 'wifi.disconnect'"
            " AND status = 'todo'"))]


def _wait_for(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


async def test_a_session_on_an_expired_voucher_is_cut_once_with_the_change_that_asks_for_it(
        make_client, server_app, database, settings):
    with StandInNas() as nas:
        await _open_session_on_expired_voucher(make_client, server_app, database, nas)
        # The sweep rolled back (a crash before the commit): no mark, no job, no packet.
        with database.sessionmaker() as db:
            assert wifi_tasks.expire_vouchers(db=db, settings=settings).startswith("1 ")
            db.rollback()
        if not database.is_sqlite:
            assert _waiting_disconnects(database) == []
        await asyncio.sleep(0.3)
        assert nas.received == []

        _run("wifi.expire_vouchers", database, settings)
        _run("wifi.expire_vouchers", database, settings)  # the next tick: already cut
        if not database.is_sqlite:
            # The job was written in the sweep's own transaction; a worker runs it.
            waiting = _waiting_disconnects(database)
            assert len(waiting) == 1
            _run("wifi.disconnect", database, settings, **waiting[0])
        assert _wait_for(lambda: len(nas.received) == 1)
        assert nas.received[0]["Acct-Session-Id"] == ["tasks-se"]
    assert _audited(database, "wifi.disconnect") == 1
    with database.sessionmaker() as db:
        assert db.scalar(select(WifiSession.disconnect_sent_at)) is not None


def test_the_in_process_timer_runs_the_checkpoint_at_start_and_each_task_on_its_tick(settings):
    start = datetime(2026, 12, 1, 10, 0, 30, tzinfo=UTC)
    last: dict[str, datetime] = {}
    assert local.due(start, last, settings) == ["audit.checkpoint"]
    assert local.due(start + timedelta(seconds=20), last, settings) == []
    later = local.due(start + timedelta(minutes=10), last, settings)
    assert "payments.expire_codes" in later and "wifi.expire_vouchers" in later
    assert "procedures.silence" in later and "registry.export_reniec" not in later


def test_each_periodic_task_is_locked_retried_and_on_its_schedule_in_procrastinate(settings,
                                                                                    database):
    from server.tasks import engine

    app = engine.build_app(settings=settings, engine=database.engine)
    schedules = {p.periodic_id: p.cron for p in app.periodic_registry.periodic_tasks.values()}
    for task in registry.periodic():
        job = app.tasks[task.name]
        assert job.queueing_lock == task.name and job.lock == task.name
        assert job.retry_strategy.max_attempts == engine.RETRY.max_attempts
        assert schedules[task.name] == task.schedule(settings)
    disconnect = app.tasks["wifi.disconnect"]  # on demand: many may wait at once
    assert disconnect.queueing_lock is None and disconnect.retry_strategy is not None


async def test_a_used_up_quota_defers_its_disconnect_in_the_accounting_transaction(
        make_client, server_app, database, settings):
    with StandInNas() as nas:
        staff = await operator(make_client)
        await staff.wifi.save_hotspot({"code": "KENNEDY", "name": "Parque Kennedy",
                                       "place": "Av. José Larco", "zone_id": 7,
                                       "ip": "127.0.0.1", "secret": SECRET,
                                       "coa_port": nas.port})
        small = (await staff.wifi.create_batch({"count": 1, "minutes": 0, "megabytes": 1,
                                                "note": "Cuota pequeña"})).vouchers[0]
        radius = Radius(server_app)
        assert (await radius.account(small.code, "Start", "quota-session")).status_code == 204
        for _ in range(2):  # told twice: one Disconnect
            answer = await radius.account(small.code, "Interim-Update", "quota-session",
                                          seconds=90, octets_in=1_300_000)
            assert answer.status_code == 204
        if not database.is_sqlite:  # the job committed with the accounting; a worker sends it
            waiting = _waiting_disconnects(database)
            assert len(waiting) == 1
            _run("wifi.disconnect", database, settings, **waiting[0])
        assert _wait_for(lambda: len(nas.received) == 1)
        await asyncio.sleep(0.3)
        assert len(nas.received) == 1


async def test_a_device_that_went_dark_is_noticed_by_the_clock(make_client, database, settings):
    kiosk = await make_client("kiosk")
    device_id = (await kiosk.devices.me()).id
    await kiosk.fleet.heartbeat(Beat(software_version="0.9.0", reader_status="ok",
                                     printer_status="online", paper_status="ok",
                                     last_error=None))
    assert _run("fleet.silence", database, settings).startswith("0 ")  # it just beat
    long_ago = utcnow() - timedelta(seconds=30 * (settings.fleet_silent_beats + 2))
    with database.sessionmaker() as db:  # the whole site lost power: no beat, no reader
        db.execute(update(Device).where(Device.id == device_id)
                   .values(last_heartbeat_at=long_ago))
        db.commit()
    assert _run("fleet.silence", database, settings).startswith("1 ")
    assert _run("fleet.silence", database, settings).startswith("0 ")  # the next tick: the same
    opened = [e for e in _audit_entries(database, "fleet.alert.open")
              if e.target == f"device:{device_id}"]
    assert len(opened) == 1 and opened[0].details["kind"] == "silent"


def _audit_entries(database, action: str) -> list[AuditEntry]:
    with database.sessionmaker() as db:
        return list(db.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())
