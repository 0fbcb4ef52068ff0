"""Payments per second through the API (kiosk client -> ASGI app -> service -> database),
one cuota per payment with its Idempotency-Key, receipt, allocation and audit entry; against
a bare insert of the same rows (payment, allocation, receipt document, balance update) in
one transaction each, in the same run. SQLite always; PostgreSQL too when
KIOSK_BENCH_DATABASE_URL is set (its schema is dropped!).

These machines are noisy (a neighbour can halve the speed of both for a minute), so the two
take turns: ROUNDS rounds of PAYMENTS bare inserts then PAYMENTS through the API, and the
ratio printed is the median of the rounds' ratios (each from neighbouring minutes).
`python -m bench.payments [PAYMENTS] [ROUNDS]`
"""

import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import event, insert, select, text, update

from server.accounts.models import Debt
from server.app import create_app
from server.config import ServerSettings
from server.db import Database
from server.demo.seed import seed
from server.documents.models import Document
from server.identity.models import Resident
from server.migrate import upgrade
from server.payments.models import Allocation, Payment
from server.timeutil import utcnow

DNI = "46789012"  # owes nothing in the demo data: the fines below are all there is


def prepare(url: str, data_dir: Path, count: int) -> Database:
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=data_dir)
        resident = db.execute(select(Resident).where(Resident.dni == DNI)).scalar_one()
        now = utcnow()
        db.execute(insert(Debt), [
            {"resident_id": resident.id, "property_id": None, "tribute": "multa", "year": 2026,
             "period": n + 1, "due_on": date(2027, 1, 1), "principal": Decimal("10.00"),
             "balance": Decimal("10.00"), "status": "pending", "detail": f"bench {n}",
             "created_at": now} for n in range(count)])
        db.commit()
    return database


def statements(database: Database) -> list[int]:
    """A running count of the SQL statements the database is sent (BEGIN and COMMIT are not
    statements here)."""
    counted = [0]
    event.listen(database.engine, "before_cursor_execute",
                 lambda *_: counted.__setitem__(0, counted[0] + 1))
    return counted


class ThroughApi:
    """The kiosk's client on the app in this process, a resident logged in at a kiosk."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.database = Database(url)
        settings = ServerSettings(database_url=url, data_dir=data_dir, demo=True)
        self.app = create_app(settings, self.database)
        self.counted = statements(self.database)
        self.paid = 0

    async def start(self) -> None:
        from kiosk.api import ApiClient

        self.client = ApiClient("http://bench", transport=httpx.ASGITransport(app=self.app),
                                retries=1)
        await self.client.devices.enroll(token="DEMO-MIRAFLORES", name="bench", kind="kiosk")
        await self.client.auth.pin_login(dni=DNI, pin="654321")

    async def run(self, count: int) -> tuple[float, float, float]:
        """Payments per second (wall, CPU) and SQL statements per payment."""
        ids = [x.debt_id for x in (await self.client.accounts.statement()).lines][:count]
        sent_before = self.counted[0]
        start, cpu = time.perf_counter(), time.process_time()
        for debt_id in ids:
            self.paid += 1
            await self.client.payments.pay(
                debt_ids=[debt_id], method="card", amount=Decimal("10.00"),
                idempotency_key=f"bench-{self.paid}", card={"authorization": "1"})
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        return count / elapsed, count / used, (self.counted[0] - sent_before) / count

    async def stop(self) -> None:
        await self.client.aclose()
        self.database.dispose()


def bare(database: Database, count: int, first: int) -> tuple[float, float]:
    """Payments per second, by the wall clock and by this process's CPU time (numbered from
    `first`)."""
    with database.sessionmaker() as db:
        resident = db.execute(select(Resident).where(Resident.dni == DNI)).scalar_one()
        ids = list(db.execute(select(Debt.id).where(Debt.resident_id == resident.id,
                                                    Debt.status == "pending")
                              .order_by(Debt.id)).scalars())[:count]
        device_id, site_id = 1, 1
        start, cpu = time.perf_counter(), time.process_time()
        for n, debt_id in enumerate(ids, start=first):
            now = utcnow()
            doc = db.execute(insert(Document).returning(Document.id), {
                "code": f"BARE-{n:08d}", "kind": "payment_receipt", "number": f"BARE-{n:08d}",
                "title_es": "Recibo", "title_en": "Receipt", "resident_id": resident.id,
                "site_id": site_id, "device_id": device_id, "holder_name": "x",
                "site_name": "x", "issued_by": "bench", "issued_at": now, "lines": []}).scalar()
            payment = db.execute(insert(Payment).returning(Payment.id), {
                "receipt_number": f"BARE-{n:08d}", "document_code": f"BARE-{doc:08d}",
                "resident_id": resident.id, "device_id": device_id, "method": "card",
                "amount": Decimal("10.00"), "paid_at": now, "paid_by": "bench",
                "status": "paid"}).scalar()
            db.execute(insert(Allocation), {"payment_id": payment, "debt_id": debt_id,
                                            "label": "x", "principal": Decimal("10.00"),
                                            "interest": Decimal("0.00"),
                                            "discount": Decimal("0.00"),
                                            "total": Decimal("10.00")})
            db.execute(update(Debt).where(Debt.id == debt_id).values(
                balance=Decimal("0.00"), status="paid"))
            db.commit()
        return count / (time.perf_counter() - start), count / (time.process_time() - cpu)


def run(kind: str, url: str, count: int, rounds: int) -> None:
    data_dir = Path(tempfile.mkdtemp())
    # Each round pays `count` debts each way; the oldest are paid first (imputation order).
    database = prepare(url, data_dir, 2 * count * rounds)
    api = ThroughApi(url, data_dir)
    asyncio.run(api.start())
    ratios, cpu_ratios = [], []
    for n in range(rounds):
        base, base_cpu = bare(database, count, first=n * count)
        fast, fast_cpu, sent = asyncio.run(api.run(count))
        ratios.append(fast / base)
        cpu_ratios.append(fast_cpu / base_cpu)
        print(f"{kind:10} round {n + 1}: {count} payments: API {fast:7.1f}/s   "
              f"bare insert {base:7.1f}/s   API/bare {fast / base:4.2f}; "
              f"SQL statements a payment: API {sent:.0f}, bare 4")
    asyncio.run(api.stop())
    database.dispose()
    cpu = f"by this process's CPU time {statistics.median(cpu_ratios):4.2f}"
    if kind == "postgresql":
        cpu += " (the database's own work not counted)"
    print(f"{kind:10} API/bare, median of {rounds} rounds: "
          f"{statistics.median(ratios):4.2f} (goal >= 0.30); {cpu}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    run("sqlite", f"sqlite:///{Path(tempfile.mkdtemp()) / 'payments.db'}", count, rounds)
    pg = os.environ.get("KIOSK_BENCH_DATABASE_URL")
    if pg:
        database = Database(pg)
        with database.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        database.dispose()
        run("postgresql", pg, count, rounds)


if __name__ == "__main__":
    main()
