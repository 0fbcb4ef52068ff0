"""The migrations build exactly the models' schema, on SQLite and PostgreSQL, and 0005 turns the
procedure fees of before (a label "Derecho de trámite: <code> <name>") into fees with a kind
and a reference, used when a file already gave their receipt."""

import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from server import discovery
from server.accounts import service as accounts
from server.audit.service import SYSTEM
from server.db import Database
from server.demo.seed import seed
from server.errors import Problem
from server.identity import service as identity
from server.migrate import upgrade
from server.models import Base
from server.payments import service as payments
from server.procedures.models import Expediente, Procedure
from server.sites import service as sites
from server.timeutil import utcnow
from tests.conftest import PG_URL, need


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> Iterator[str]:
    """A database with nothing in it (PostgreSQL: a schema of its own, dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    need(bool(PG_URL), "KIOSK_TEST_DATABASE_URL is not set (PostgreSQL tests)")
    schema = f"migrations_{uuid.uuid4().hex[:12]}"
    admin = Database(PG_URL)
    with admin.engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def test_the_migrations_build_the_models_schema(empty_url):
    upgrade(empty_url)
    database = Database(empty_url)
    with database.engine.connect() as conn:
        # procrastinate's own tables (the background tasks' queue) are not ours to compare.
        ours = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _p: not (
            kind == "table" and (name or "").startswith("procrastinate_"))})
        assert compare_metadata(ours, Base.metadata) == []
    database.dispose()


def _file_with_receipt(db, *, resident, receipt: str | None, code: str) -> None:
    proc = db.execute(select(Procedure).where(Procedure.code == code)).scalar()
    device = sites.ensure_system_device(db=db, site_code="PM", name="mesa de partes")
    db.add(Expediente(number=f"2026-{uuid.uuid4().int % 10**6:06d}",
                      start_code=uuid.uuid4().hex[:14].upper(), procedure_id=proc.id,
                      resident_id=resident.id, filer_doc_type="dni", filer_doc=resident.dni,
                      filer_name=resident.full_name, data={}, channel="front_desk",
                      device_id=device.id, created_at=utcnow(), office_id=proc.office_id,
                      state="registrado", fee=Decimal("83.60"), fee_receipt=receipt))


def test_0005_gives_the_fees_of_before_their_kind_reference_and_use(empty_url, tmp_path):
    upgrade(empty_url, "0004")
    database = Database(empty_url)
    with database.sessionmaker() as db:
        # The domains with an Alembic branch of their own have no tables yet at 0004.
        branched = {folder.parent.name for folder in discovery.migration_dirs()}
        seed(db=db, data_dir=tmp_path, election=False, without=branched)
        rosa = identity.get_resident_by_dni(db=db, dni="40123456")
        device = sites.ensure_system_device(db=db, site_code="PM", name="caja")
        receipts = []
        for code in ("CN-01", "CN-01", "PU-01"):  # as procedures wrote them before 0005
            debt = accounts.add_fee(db=db, by=SYSTEM, resident=rosa, amount=Decimal("83.60"),
                                    label=f"{code} Certificado de numeración")
            receipts.append(payments.pay(
                db=db, by=SYSTEM, device=device, resident=rosa, debt_ids=[debt.id],
                method="cash", amount=Decimal("83.60"), reference=None,
                method_line="Efectivo").receipt_number)
        pending = accounts.add_fee(db=db, by=SYSTEM, resident=rosa, amount=Decimal("83.60"),
                                   label="PU-01 Certificado de parámetros")
        _file_with_receipt(db, resident=rosa, receipt=receipts[0], code="CN-01")
        db.commit()
    database.dispose()

    upgrade(empty_url)
    database = Database(empty_url)
    with database.engine.connect() as conn:
        fees = conn.execute(text("SELECT kind, reference, label_es, label_en, used_at "
                                 "FROM fees ORDER BY debt_id")).all()
    assert [(k, r) for k, r, *_ in fees] == [("procedure", "CN-01"), ("procedure", "CN-01"),
                                             ("procedure", "PU-01"), ("procedure", "PU-01")]
    assert fees[0].label_es == "CN-01 Certificado de numeración"
    assert fees[0].label_en.startswith("CN-01 ") and fees[0].label_en != fees[0].label_es
    assert [f.used_at is not None for f in fees] == [True, False, False, False]
    with database.sessionmaker() as db:
        rosa = identity.get_resident_by_dni(db=db, dni="40123456")
        with pytest.raises(Problem) as used:  # the file of before used it
            payments.claim_fee_receipt(db=db, resident=rosa, kind="procedure",
                                       reference="CN-01", amount=Decimal("83.60"),
                                       receipt=receipts[0])
        assert used.value.code == "fee_receipt_used"
        db.rollback()
        with pytest.raises(Problem) as other:  # it paid PU-01, not CN-01
            payments.claim_fee_receipt(db=db, resident=rosa, kind="procedure",
                                       reference="CN-01", amount=Decimal("83.60"),
                                       receipt=receipts[2])
        assert other.value.code == "fee_receipt_invalid"
        db.rollback()
        accepted = payments.claim_fee_receipt(db=db, resident=rosa, kind="procedure",
                                              reference="CN-01", amount=Decimal("83.60"),
                                              receipt=receipts[1])
        assert accepted.receipt_number == receipts[1]
        db.commit()
        assert pending.id in {d for (d,) in db.execute(text(
            "SELECT debt_id FROM fees WHERE used_at IS NULL"))}
    database.dispose()
