"""Two real `kiosk-server worker` processes (procrastinate) on one PostgreSQL: every periodic
task runs once for its tick, not once per worker; an overdue file is approved by silence and an
expired payment code marked, each once, and the audit chain still verifies."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from server.audit.models import AuditEntry
from server.audit.service import verify
from server.payments.models import PaymentCode
from server.procedures.models import Expediente
from server.tasks import engine, registry
from server.timeutil import utcnow
from tests.conftest import PG_URL, need
from tests.procedures.rig import file_cn01, resident, time_passes

pytestmark = pytest.mark.real


def _jobs(database) -> dict[str, list[str]]:
    with database.engine.connect() as conn:
        rows = conn.execute(text("SELECT task_name, status FROM procrastinate_jobs"))
        found: dict[str, list[str]] = {}
        for name, status in rows:
            found.setdefault(name, []).append(status)
        return found


def _two_workers_until_done(database, tmp_path):
    """Two workers, until every periodic task has run (or 45 s), then stopped by SIGTERM."""
    env = {**os.environ, "KIOSK_SERVER_DATABASE_URL": PG_URL,
           "KIOSK_SERVER_DATA_DIR": str(tmp_path)}
    workers, logs = [], []
    try:
        for n in range(2):
            logs.append(tmp_path / f"worker-{n}.log")
            with logs[-1].open("w") as out:
                workers.append(subprocess.Popen(
                    [sys.executable, "-m", "server.cli", "worker", "--concurrency", "2"],
                    env=env, stdout=out, stderr=subprocess.STDOUT))
        periodic = {t.name for t in registry.periodic()} | {engine.FORGET_FINISHED}
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            jobs = _jobs(database)
            if set(jobs) >= periodic and all(
                    s == "succeeded" for name in periodic for s in jobs[name]):
                break
            assert all(w.poll() is None for w in workers), logs[0].read_text()[-3000:]
            time.sleep(0.3)
        time.sleep(1)  # the second worker had its chance to defer a tick again
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()

    return workers, logs


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
async def test_two_workers_run_each_tick_once(make_client, cards_dir, database, tmp_path):
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    rosa = await resident(make_client, cards_dir)
    number = (await file_cn01(rosa)).expediente.number
    time_passes(database, number, days=30)
    line = (await rosa.accounts.statement()).lines[0]
    code = await rosa.payments.create_code(debt_ids=[line.debt_id], amount=line.total,
                                           idempotency_key=str(uuid.uuid4()))
    with database.sessionmaker() as db:
        db.execute(update(PaymentCode).where(PaymentCode.code == code.code)
                   .values(expires_at=utcnow() - timedelta(minutes=1)))
        db.commit()

    workers, logs = _two_workers_until_done(database, tmp_path)

    periodic = {t.name for t in registry.periodic()} | {engine.FORGET_FINISHED}
    jobs = _jobs(database)
    assert {name: jobs.get(name) for name in periodic} == {
        name: ["succeeded"] for name in periodic}, "\n".join(p.read_text()[-2000:] for p in logs)
    assert all(w.returncode == 0 for w in workers)  # a clean stop on SIGTERM
    with database.sessionmaker() as db:
        exp = db.execute(select(Expediente).where(Expediente.number == number)).scalar_one()
        assert exp.by_silence and exp.outcome == "aprobado"
        assert db.execute(select(PaymentCode.status).where(
            PaymentCode.code == code.code)).scalar_one() == "expired"
        for action in ("procedures.silence", "payment_code.expire"):
            assert db.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == action)) == 1
        assert verify(db=db).ok
    assert (tmp_path / "audit-checkpoints.jsonl").read_text().count("\n") == 1


def _checkpoint_job(database) -> tuple[str, int] | None:
    with database.engine.connect() as conn:
        return conn.execute(text("SELECT status, attempts FROM procrastinate_jobs WHERE "
                                 "task_name = 'audit.checkpoint'")).one_or_none()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_failing_task_is_retried_until_it_succeeds(database, tmp_path):
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    blocked = tmp_path / "audit-checkpoints.jsonl"
    blocked.mkdir()  # the checkpoint cannot be written: the task fails
    env = {**os.environ, "KIOSK_SERVER_DATABASE_URL": PG_URL,
           "KIOSK_SERVER_DATA_DIR": str(tmp_path)}
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen([sys.executable, "-m", "server.cli", "worker"], env=env,
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        seen = []
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            job = _checkpoint_job(database)
            if job is not None and tuple(job) not in seen:
                seen.append(tuple(job))
                if job.attempts == 1 and blocked.is_dir():
                    blocked.rmdir()  # the volume is back before the retry (5 s later)
            if job is not None and job.status == "succeeded":
                break
            assert worker.poll() is None, log.read_text()[-3000:]
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=15)
    assert ("todo", 1) in seen, (seen, log.read_text()[-3000:])  # failed once, waiting
    assert tuple(_checkpoint_job(database)) == ("succeeded", 2)
    assert blocked.read_text().count("\n") == 1
