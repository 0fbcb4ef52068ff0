"""Matrimonios: the free-slot search of a month across all places, with 1,000 and then
10,000 existing bookings (spread over three years, as a busy registry would have them):
median and p95 of each, and the ratio of the p95s, in the same run.

SQLite always; PostgreSQL too when KIOSK_BENCH_DATABASE_URL is set (its schema is
dropped!). `python -m bench.marriages [RUNS]`.
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

from sqlalchemy import delete, insert, text

from server.db import Database
from server.demo.seed import seed
from server.identity import service as identity
from server.marriages import rules as r
from server.marriages import slots
from server.marriages.models import Booking, Document, Objection, Person
from server.migrate import upgrade
from server.timeutil import today, utcnow


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.2f} ms  p95 {p95(values) * 1000:7.2f} ms"


def fill(database: Database, count: int, seed_value: int = 14) -> None:
    """`count` bookings on distinct slots from two years ago to a year ahead."""
    rng = random.Random(seed_value)
    with database.sessionmaker() as db:
        for model in (Objection, Document, Person, Booking):
            db.execute(delete(model))
        rules = r.in_force(db, today())
        owner = identity.get_resident_by_dni(db=db, dni="40123456")
        start, end = today() - timedelta(days=730), today() + timedelta(days=365)
        candidates = [(p.id, s, e) for p in slots.places(db)
                      for s, e in slots.candidate_slots(rules, p, start, end)]
        now = utcnow()
        rows = []
        for n, (place_id, s, e) in enumerate(rng.sample(candidates, count)):
            b_start, b_end = r.block(rules, s, e)
            rows.append(dict(code=f"MC-B-{n:06d}", place_id=place_id, starts_at=s, ends_at=e,
                             block_start=b_start, block_end=b_end, active=True,
                             state="programada", resident_id=owner.id, fee=Decimal("72.60"),
                             reschedules=0, created_at=now, updated_at=now))
        for i in range(0, len(rows), 2000):
            db.execute(insert(Booking), rows[i:i + 2000])
        db.commit()
    with database.engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def search_month(database: Database, runs: int) -> tuple[list[float], int]:
    first = (today().replace(day=1) + timedelta(days=62)).replace(day=1)
    times, found = [], 0
    for n in range(runs + 5):
        began = time.perf_counter()
        with database.sessionmaker() as db:
            found = len(slots.free_slots(db, start=first, end=first + timedelta(days=31)))
        if n >= 5:
            times.append(time.perf_counter() - began)
    return times, found


def bench(url: str, label: str, data_dir: Path, runs: int) -> None:
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=data_dir, election=False)
    figures = {}
    for count in (1_000, 10_000):
        fill(database, count)
        times, found = search_month(database, runs)
        figures[count] = times
        print(f"{label}: month search, {count:>6,} bookings: {ms(times)}  "
              f"({found} free slots)")
    print(f"{label}: p95 ratio 10,000 / 1,000 = {p95(figures[10_000]) / p95(figures[1_000]):.2f}")
    database.dispose()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    folder = Path(tempfile.mkdtemp())
    bench(f"sqlite:///{folder / 'marriages.db'}", "SQLite", folder, runs)
    pg = os.environ.get("KIOSK_BENCH_DATABASE_URL")
    if pg:
        database = Database(pg)
        with database.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        database.dispose()
        bench(pg, "PostgreSQL", folder, runs)


if __name__ == "__main__":
    main()
