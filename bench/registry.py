"""Partidas: issuing a certified copy and verifying it, and searching the register.

- issue: the whole use case (fee by card, numbered document, PDF rendered, PAdES-signed,
  published, committed) against rendering the same PDF unsigned, in the same run; then
  validating the signed PDF with pyHanko against the demo CA.
- search (PostgreSQL, KIOSK_BENCH_DATABASE_URL; its schema is dropped!): a kiosk search by
  name over 100,000 actas, then over 1,000,000: p95 each and their ratio.

SQLite always for the issue; `python -m bench.registry [RUNS]`.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select, text

from server.audit.service import SYSTEM
from server.db import Database
from server.demo.seed import seed
from server.documents import service as documents
from server.identity import service as identity
from server.migrate import upgrade
from server.payments.service import CardApproval
from server.registry import copies, fees, pdf, signing
from server.registry.models import Acta, Person
from server.registry.register import name_key
from server.registry.schemas import CopyIn, CopyPaymentIn
from server.sites import service as sites
from server.timeutil import lima, today, utcnow

SURNAMES = ["Quispe", "Mamani", "Flores", "Rodríguez", "Huamán", "Chávez", "Torres", "Rojas",
            "Vargas", "Ramírez", "Castillo", "Mendoza", "Gutiérrez", "Sánchez", "Díaz",
            "Ccori", "Condori", "Salas", "Paredes", "Morales", "Cárdenas", "Espinoza",
            "Villanueva", "Núñez", "Soto", "Ríos", "Medina", "Llosa", "Benavides", "Ugarte",
            "Alarcón", "Vega", "Montes", "Quiroz", "León", "Pinto", "Ibáñez", "Herrera",
            "Delgado", "Arce", "Luna", "Huanca", "Ruiz", "Prado", "Meza", "Cruz", "Reyes",
            "Aguilar", "Palomino", "Tello"]
GIVEN = ["Rosa", "Jorge", "María", "Carlos", "Ana", "Luis", "Teresa", "Miguel", "Carmen",
         "Diego", "Patricia", "Víctor", "Gabriela", "Julio", "Lucía", "Pedro", "Sofía",
         "Ricardo", "Elena", "Martín", "Camila", "Sebastián", "Valentina", "Mateo", "Andrea",
         "José", "Juana", "Alberto", "Ernesto", "Martina", "Juan", "Rocío", "Óscar", "Pilar",
         "Raúl", "Silvia", "Hugo", "Nora", "César", "Gloria"]
KINDS, BATCH = ("birth", "marriage", "death"), 10_000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def timed(fn, runs: int, warm: int = 3) -> list[float]:
    times = []
    for n in range(runs + warm):
        start = time.perf_counter()
        fn(n)
        if n >= warm:
            times.append(time.perf_counter() - start)
    return times


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.2f} ms  p95 {p95(values) * 1000:7.2f} ms"


def bench_issue(runs: int) -> None:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'registry.db'}"
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=folder, election=False)
    p = signing.paths(folder)
    with database.sessionmaker() as db:
        rosa = identity.get_resident_by_dni(db=db, dni="40123456")
        device = sites.ensure_system_device(db=db, site_code="PM", name="bench")
        db.commit()
        wedding = db.execute(select(Acta.id).where(Acta.ref == "MAT-1979-000088")).scalar_one()
        amount = fees.fee(db)
        ctx = copies.Issuing(by=SYSTEM, device=device, staff=None, signing=p,
                             base_url="http://127.0.0.1:8765")
        issued: list[bytes] = []

        def issue(n):
            body = CopyIn(acta_id=wedding, payment=CopyPaymentIn(
                method="card", amount=amount,
                card=CardApproval(authorization=f"{n:06d}", brand="VISA", last4="4242")))
            out = copies.issue_copy(db=db, ctx=ctx, resident=rosa, body=body)
            db.commit()
            issued.append(out.document.code)

        issue_times = timed(issue, runs)
        out = documents.document_out(db=db, code=issued[-1], base_url=ctx.base_url)
        page = pdf.CopyPage(title=out.title, number=out.number, code=out.code,
                            verify_url=out.verify_url, issued_at=lima(out.issued_at),
                            site=out.site_name, holder=out.holder_name, lines=out.lines)
        render_times = timed(lambda n: pdf.render(page), runs)
        signed = signing.sign(pdf.render(page), p, reason="bench")
        verify_times = timed(lambda n: signing.verify(signed, p.anchors), runs)
    database.dispose()
    base = statistics.median(render_times)
    print(f"SQLite: {runs} copies of an acta with 2 annotations ({len(signed):,} B signed PDF)")
    print(f"  issue (fee+document+PDF+PAdES)  {ms(issue_times)}   "
          f"ratio {statistics.median(issue_times) / base:5.1f}x unsigned render")
    print(f"  verify (pyHanko, demo CA only)  {ms(verify_times)}   "
          f"ratio {statistics.median(verify_times) / base:5.1f}x unsigned render")
    print(f"  render the same PDF unsigned    {ms(render_times)}   (baseline)")


def fill(database: Database, upto: int, start: int, rng: random.Random) -> list[tuple]:
    """Actas `start`..`upto` (one principal and a mother each), bulk-inserted."""
    now, day, people = utcnow(), today(), []
    with database.sessionmaker() as db:
        for first in range(start, upto, BATCH):
            actas, persons = [], []
            for n in range(first, min(first + BATCH, upto)):
                kind = KINDS[n % 3]
                year = 1930 + n % 95
                actas.append({"id": n + 1000, "kind": kind, "year": year, "number": n,
                              "ref": f"B{kind[0]}-{n:09d}", "office": "Bench", "book": "B",
                              "event_date": day.replace(year=year, month=1 + n % 12, day=1),
                              "event_place": "Miraflores", "registered_on": day,
                              "registrar_name": "Bench", "registered_by": "system",
                              "digitised": True, "reserved": n % 97 == 0, "free_copy": False,
                              "sent_at": now, "created_at": now})
                surnames = f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
                given = rng.choice(GIVEN)
                persons.append({"acta_id": n + 1000, "kind": kind,
                                "role": {"birth": "inscrito", "marriage": "contrayente",
                                         "death": "fallecido"}[kind], "principal": True,
                                "given_names": given, "surnames": surnames,
                                "name_key": name_key(surnames, given), "dni": None})
                persons.append({"acta_id": n + 1000, "kind": kind, "role": "testigo"
                                if kind == "marriage" else "declarante", "principal": False,
                                "given_names": rng.choice(GIVEN), "surnames": surnames,
                                "name_key": name_key(surnames, "x"), "dni": None})
                if len(people) < 2000:
                    people.append((kind, surnames, given))
            db.execute(insert(Acta), actas)
            db.execute(insert(Person), persons)
            db.commit()
    with database.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return people


def bench_search(url: str, runs: int) -> None:
    from server.registry import access

    database = Database(url)
    with database.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    database.dispose()
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=Path(tempfile.mkdtemp()), election=False)
    rng, results = random.Random(13), {}
    people: list[tuple] = []
    for size in (100_000, 1_000_000):
        t0 = time.perf_counter()
        people += fill(database, size, 0 if size == 100_000 else 100_000, rng)
        built = time.perf_counter() - t0
        with database.sessionmaker() as db:
            rosa = identity.get_resident_by_dni(db=db, dni="40123456")

            def search(n, db=db, rosa=rosa, people=people):
                kind, surnames, given = people[n % len(people)]
                access.search(db=db, resident=rosa, registrar=False, kind=kind,
                              surnames=surnames, given_names=given)
                db.rollback()

            results[size] = timed(search, runs)
        print(f"PostgreSQL: {size:,} actas (+{built:.0f} s to build)  search {ms(results[size])}")
    ratio = p95(results[1_000_000]) / p95(results[100_000])
    print(f"  p95 at 1,000,000 / p95 at 100,000: {ratio:.2f}x")
    database.dispose()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    bench_issue(runs)
    url = os.environ.get("KIOSK_BENCH_DATABASE_URL")
    if url:
        bench_search(url, max(runs, 100))
    else:
        print("search over 1,000,000 actas: set KIOSK_BENCH_DATABASE_URL (PostgreSQL)")


if __name__ == "__main__":
    main()
