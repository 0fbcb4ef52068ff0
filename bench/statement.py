"""Statement of a resident with 5 properties and 10 years of history, on databases holding
10,000 and 100,000 properties (built in the same run): server time median and p95, and the
ratio 100k / 10k, which shows how the cost grows (goal: at most 1.3).

SQLite always; PostgreSQL too when KIOSK_BENCH_DATABASE_URL is set (its schema is dropped!).
`python -m bench.statement [RUNS]`
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench._tax_db import SUBJECT_DNI, build
from server.accounts import service as accounts
from server.identity import service as identity

SIZES = (10_000, 100_000)


def measure(database, runs: int) -> list[float]:
    times = []
    with database.sessionmaker() as db:
        resident = identity.get_resident_by_dni(db=db, dni=SUBJECT_DNI)
        for n in range(runs + 5):
            db.expire_all()
            start = time.perf_counter()
            statement = accounts.statement(db=db, resident=resident, as_of=date(2026, 11, 24))
            elapsed = time.perf_counter() - start
            db.rollback()
            if n >= 5:  # warm-up
                times.append(elapsed)
    assert statement.lines and len(statement.properties) == 5
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def run(kind: str, url_for, runs: int) -> None:
    results = {}
    for size in SIZES:
        t0 = time.perf_counter()
        database = build(url_for(size), Path(tempfile.mkdtemp()), size)
        built = time.perf_counter() - t0
        times = measure(database, runs)
        database.dispose()
        results[size] = times
        print(f"{kind:10} {size:>7,} properties (built in {built:5.1f} s): "
              f"median {statistics.median(times) * 1000:6.2f} ms  p95 {p95(times) * 1000:6.2f} ms")
    ratio = statistics.median(results[SIZES[1]]) / statistics.median(results[SIZES[0]])
    print(f"{kind:10} ratio 100k / 10k (median): {ratio:.2f}  (goal <= 1.3)")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    tmp = Path(tempfile.mkdtemp())
    run("sqlite", lambda size: f"sqlite:///{tmp / f'statement-{size}.db'}", runs)
    pg = os.environ.get("KIOSK_BENCH_DATABASE_URL")
    if pg:
        def fresh(_size: int) -> str:
            from server.db import Database

            database = Database(pg)
            with database.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
            database.dispose()
            return pg
        run("postgresql", fresh, runs)


if __name__ == "__main__":
    main()
