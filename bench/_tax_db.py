"""Build a tax database of a given size fast (Core bulk inserts) for the benchmarks.

Every property has an owner, a valuation and `years` years of cuotas (4 a year, most paid);
one resident, "the subject", owns 5 properties with 10 years of history: their statement is
what the benchmark measures.
"""

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select, text

from server.accounts.models import (
    Debt,
    DueDate,
    Ownership,
    PredialBracket,
    Property,
    TaxYear,
    TimRate,
    Valuation,
)
from server.db import Database
from server.demo.seed import seed
from server.identity.models import Resident
from server.migrate import upgrade
from server.timeutil import utcnow

SUBJECT_DNI = "46789012"  # a demo resident who owns nothing in the demo data
BATCH = 5000


def build(url: str, data_dir, properties: int, years: int = 4) -> Database:
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed(db=db, data_dir=data_dir)
        subject = db.execute(select(Resident).where(Resident.dni == SUBJECT_DNI)).scalar_one()
        _parameters(db)
        now, rng = utcnow(), random.Random(7)
        first_resident = db.execute(select(Resident.id).order_by(Resident.id.desc())).scalar()
        residents = [{"id": first_resident + 1 + n, "dni": f"9{n:07d}", "given_names": "Vecino",
                      "surnames": f"Prueba {n}", "birth_date": date(1970, 1, 1),
                      "address": f"Calle {n}", "zone_id": 1 + n % 14, "failed_pin_attempts": 0,
                      "created_at": now} for n in range(properties)]
        _bulk(db, Resident, residents)
        start = (db.execute(select(Property.id).order_by(Property.id.desc())).scalar() or 0) + 1
        props, owners, values, debts = [], [], [], []
        for n in range(properties):
            pid = start + n
            owner = subject.id if n < 5 else residents[n]["id"]
            props.append({"id": pid, "code": f"B-{n:07d}", "address": f"Calle {n}",
                          "zone_id": 1 + n % 14, "use": "casa-habitacion",
                          "land_area": Decimal(120), "built_area": Decimal(150)})
            owners.append({"property_id": pid, "resident_id": owner, "share": Decimal(1)})
            values.append({"property_id": pid, "year": 2026, "value": Decimal("250000.00")})
            history = 10 if n < 5 else years
            for year in range(2026 - history + 1, 2027):
                for period in range(1, 5):
                    amount = Decimal(rng.randint(5000, 40000)) / 100
                    paid = year < 2026 and rng.random() < 0.9
                    debts.append({"resident_id": owner, "property_id": pid,
                                  "tribute": "limpieza", "year": year, "period": period,
                                  "due_on": date(year, 3 * period - 1 if period > 1 else 2, 28),
                                  "principal": amount,
                                  "balance": Decimal("0.00") if paid else amount,
                                  "status": "paid" if paid else "pending", "created_at": now})
            if len(debts) >= BATCH * 4:
                _flush(db, props, owners, values, debts)
        _flush(db, props, owners, values, debts)
        db.commit()
    if database.engine.dialect.name == "postgresql":
        # Fresh statistics, as autovacuum would have them on a database in service.
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    return database


def _bulk(db, model, rows) -> None:
    for i in range(0, len(rows), BATCH):
        db.execute(insert(model), rows[i:i + BATCH])


def _flush(db, props, owners, values, debts) -> None:
    for model, rows in ((Property, props), (Ownership, owners), (Valuation, values),
                        (Debt, debts)):
        _bulk(db, model, rows)
        rows.clear()


def _parameters(db) -> None:
    """Years the demo seed does not cover (the subject's history goes back 10 years)."""
    have = set(db.execute(select(TaxYear.year)).scalars())
    for year in range(2017, 2027):
        if year in have:
            continue
        db.add(TaxYear(year=year, uit=Decimal("4150.00"), predial_minimum_uit=Decimal("0.006"),
                       source="bench"))
        db.flush()
        db.add(PredialBracket(year=year, from_uit=Decimal(0), to_uit=None,
                              rate=Decimal("0.002")))
        for period in range(1, 5):
            for group in ("predial", "arbitrios"):
                db.add(DueDate(year=year, tribute_group=group, period=period,
                               due_on=date(year, 3 * period - 1 if period > 1 else 2, 28),
                               source="bench"))
    if db.execute(select(TimRate)).first() is None:
        db.add(TimRate(valid_from=date(2016, 1, 1), monthly_pct=Decimal("1.2"), source="bench"))
    db.flush()
