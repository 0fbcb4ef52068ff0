"""The audit chain detects any edited, removed or reordered row (kiosk-server audit verify)."""

import pytest
from sqlalchemy import delete, select, update

from server.audit import service as audit
from server.audit.models import AuditEntry
from server.cli import main


@pytest.fixture
def chain(database):
    with database.sessionmaker() as db:
        for n in range(5):
            audit.record(db=db, by=audit.SYSTEM, action="test.event", target=f"thing:{n}",
                         details={"n": n, "texto": "año ñandú"})
        db.commit()
        assert audit.verify(db=db).ok
    return database


def _verify(database):
    with database.sessionmaker() as db:
        return audit.verify(db=db)


def _last_seq(database) -> int:
    with database.sessionmaker() as db:
        return db.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).scalar()


def test_edited_row(chain):
    with chain.sessionmaker() as db:
        db.execute(update(AuditEntry).where(AuditEntry.seq == 3).values(actor="staff:99"))
        db.commit()
    result = _verify(chain)
    assert not result.ok and any("edited" in p for p in result.problems)


def test_removed_row(chain):
    with chain.sessionmaker() as db:
        db.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
        db.commit()
    result = _verify(chain)
    assert not result.ok and any("missing" in p for p in result.problems)


def test_removed_last_rows(chain):
    last = _last_seq(chain)
    with chain.sessionmaker() as db:
        db.execute(delete(AuditEntry).where(AuditEntry.seq >= last - 1))
        db.commit()
    result = _verify(chain)
    assert not result.ok and any("removed from the end" in p for p in result.problems)


def test_reordered_rows(chain):
    last = _last_seq(chain)
    with chain.sessionmaker() as db:
        a, b = (db.get(AuditEntry, last - 1), db.get(AuditEntry, last))
        fields = ("at", "actor", "action", "target", "details", "prev_hash", "hash")
        va, vb = ({f: getattr(a, f) for f in fields}, {f: getattr(b, f) for f in fields})
        for f in fields:
            setattr(a, f, vb[f])
            setattr(b, f, va[f])
        db.commit()
    assert not _verify(chain).ok


def test_cli_exit_code(chain, settings, monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    assert main(["audit", "verify"]) == 0
    assert "íntegro" in capsys.readouterr().out
    with chain.sessionmaker() as db:
        db.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(action="forged"))
        db.commit()
    assert main(["audit", "verify"]) == 1
    assert "ALTERADO" in capsys.readouterr().out
