"""Consultas search and an office's inbox on a database holding 100,000 expedientes, 10,000
of them open at one office (Subgerencia de Licencias). Server time, median and p95, each with
a baseline taken in the same run:

- search: the ranked, typo-tolerant search against a plain accent-folded substring scan of
  the same entries (what a naive search box would do; it finds nothing for a typo);
- inbox: the five trays with counts and the most urgent page each, against one bare
  `SELECT count(*)` of the office's open files.

SQLite always; PostgreSQL too when KIOSK_BENCH_DATABASE_URL is set (its schema is dropped!).
`python -m bench.procedures [RUNS]`
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select, text

from server.db import Database
from server.demo.seed import seed
from server.identity.models import Resident
from server.info import finder as info
from server.info.search import fold
from server.migrate import upgrade
from server.offices import service as offices
from server.offices.models import Office
from server.procedures import inbox
from server.procedures.models import Expediente, Procedure
from server.sites.models import Device
from server.timeutil import today, utcnow

FILES, OPEN_AT_OFFICE, BATCH = 100_000, 10_000, 5_000
QUERIES = ["licencia de funcionamiento", "lisencia funcionamento", "certificado numeracion",
           "acceso a la informacion publica", "horario obras privadas", "silencio positivo",
           "anuncio publicitario", "edificacion modalidad b", "bache", "matrimonio civil"]
STATES = ["registrado", "en_revision", "derivado", "en_proceso", "observado", "subsanado"]


def build(url: str) -> Database:
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=Path(tempfile.mkdtemp()), election=False)
        db.commit()
        procs = db.execute(select(Procedure.id, Procedure.office_id)).all()
        sglc = db.execute(select(Office.id).where(Office.code == "SGLC")).scalar_one()
        resident = db.execute(select(Resident.id)).scalars().first()
        device = db.execute(select(Device.id)).scalars().first()
        if device is None:
            db.add(Device(name="bench", kind="kiosk", site_id=1, secret_hash="x", active=True,
                          enrolled_at=utcnow()))
            db.flush()
            device = db.execute(select(Device.id)).scalars().first()
        rng, now, day = random.Random(5), utcnow(), today()
        rows = []
        for n in range(FILES):
            proc_id, office = procs[n % len(procs)]
            open_here = n < OPEN_AT_OFFICE
            received = day - timedelta(days=rng.randint(0, 400))
            rows.append({
                "number": f"{received.year}-{n:06d}", "start_code": f"B{n:015d}",
                "procedure_id": proc_id, "resident_id": resident, "filer_doc_type": "dni",
                "filer_doc": "40123456", "filer_name": "Vecino de prueba", "data": {},
                "channel": "kiosk" if n % 3 else "front_desk", "device_id": device,
                "created_at": now, "filed_at": now - timedelta(days=(day - received).days),
                "received_on": received, "office_id": sglc if open_here else office,
                "state": rng.choice(STATES) if open_here else "resuelto",
                "outcome": None if open_here else "aprobado", "by_silence": False,
                "due_on": day + timedelta(days=rng.randint(-20, 30)),
                "correct_by": day + timedelta(days=5), "fee": Decimal("0.00"),
                "resolved_at": None if open_here else now})
        for i in range(0, len(rows), BATCH):
            db.execute(insert(Expediente), rows[i:i + BATCH])
        db.commit()
    return database


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def timed(fn, runs: int) -> list[float]:
    times = []
    for n in range(runs + 3):
        start = time.perf_counter()
        fn(n)
        if n >= 3:
            times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float], base: list[float]) -> None:
    print(f"  {label:34} median {statistics.median(times) * 1000:7.2f} ms  p95 "
          f"{p95(times) * 1000:7.2f} ms   baseline median {statistics.median(base) * 1000:6.2f}"
          f" ms   ratio {statistics.median(times) / statistics.median(base):5.1f}x")


def run(kind: str, url: str, runs: int) -> None:
    t0 = time.perf_counter()
    database = build(url)
    print(f"{kind}: {FILES:,} files, {OPEN_AT_OFFICE:,} open at SGLC "
          f"(built in {time.perf_counter() - t0:.1f} s)")
    with database.sessionmaker() as db:
        index, _ = info.index(db=db)
        folded = [fold(f"{e.title} {e.body}") for e in index.entries]

        def search(n):
            info.search(db=db, query=QUERIES[n % len(QUERIES)])

        def scan(n):
            q = fold(QUERIES[n % len(QUERIES)])
            [i for i, t in enumerate(folded) if q in t]

        line(f"search ({len(index.entries)} entries)", timed(search, runs), timed(scan, runs))
        office = offices.get(db=db, code="SGLC")

        def tray(n):
            inbox.inbox(db=db, office=office)
            db.rollback()

        def count(n):
            db.execute(select(func.count()).select_from(Expediente).where(
                Expediente.office_id == office.id, Expediente.state.in_(STATES))).scalar_one()
            db.rollback()

        line("inbox SGLC (5 trays)", timed(tray, runs), timed(count, runs))
    database.dispose()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    run("SQLite", f"sqlite:///{tempfile.mkdtemp()}/procedures.db", runs)
    url = os.environ.get("KIOSK_BENCH_DATABASE_URL")
    if url:
        database = Database(url)
        with database.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        database.dispose()
        run("PostgreSQL", url, runs)


if __name__ == "__main__":
    main()
