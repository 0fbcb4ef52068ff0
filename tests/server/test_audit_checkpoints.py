"""Signed checkpoints of the audit head, kept outside the database: `audit verify
--checkpoints` fails on every rewrite an insider with write access to the database can make
(cut the end and move the head back, delete everything, edit a row and recompute every later
hash), and a till closing prints its checkpoint on the slip."""

import json
from decimal import Decimal

import pytest
from sqlalchemy import delete, select

from server.audit import service as audit
from server.audit.chain import _digest
from server.audit.models import AuditEntry, AuditHead
from server.cli import main


@pytest.fixture
def checkpointed(database, settings, tmp_path, monkeypatch):
    """Five entries, a checkpoint of them in a file outside the database, two more entries."""
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KIOSK_SERVER_DATA_DIR", str(settings.data_dir))
    file = tmp_path / "elsewhere" / "checkpoints.jsonl"
    with database.sessionmaker() as db:
        for n in range(5):
            audit.record(db=db, by=audit.SYSTEM, action="test.event", details={"n": n})
        db.commit()
        audit.take_checkpoint(db=db, data_dir=settings.data_dir, file=file)
        db.commit()
        for n in range(2):
            audit.record(db=db, by=audit.SYSTEM, action="test.later", details={"n": n})
        db.commit()
    return file


def _verify(file) -> int:
    return main(["audit", "verify", "--checkpoints", str(file)])


def test_an_untouched_history_extends_its_checkpoints(checkpointed, capsys):
    assert _verify(checkpointed) == 0
    assert "checkpoints extended" in capsys.readouterr().out


def test_cutting_the_end_and_moving_the_head_back_fails(checkpointed, database, capsys):
    with database.sessionmaker() as db:
        head = db.get(AuditHead, 1)
        last = db.execute(select(AuditEntry).order_by(AuditEntry.seq.desc())).scalars().first()
        cut_to = db.get(AuditEntry, 2)
        db.execute(delete(AuditEntry).where(AuditEntry.seq > 2))
        head.seq, head.hash = cut_to.seq, cut_to.hash
        db.commit()
        assert audit.verify(db=db).ok and last.seq > 5  # the chain alone cannot tell
    assert _verify(checkpointed) == 1
    assert "history cut back" in capsys.readouterr().out


def test_deleting_everything_fails(checkpointed, database):
    with database.sessionmaker() as db:
        db.execute(delete(AuditEntry))
        db.execute(delete(AuditHead))
        db.commit()
        assert audit.verify(db=db).ok
    assert _verify(checkpointed) == 1


def test_editing_a_row_and_recomputing_every_later_hash_fails(checkpointed, database, capsys):
    with database.sessionmaker() as db:
        prev = db.get(AuditEntry, 2).hash
        for entry in db.execute(select(AuditEntry).where(AuditEntry.seq >= 3)
                                .order_by(AuditEntry.seq)).scalars():
            if entry.seq == 3:
                entry.details = {"n": "edited"}
            entry.prev_hash = prev
            entry.hash = prev = _digest(prev, entry.seq, entry.at, entry.actor,
                                        entry.device_id, entry.on_behalf_of, entry.action,
                                        entry.target, entry.outcome, entry.details)
        head = db.get(AuditHead, 1)
        head.hash = prev
        db.commit()
        assert audit.verify(db=db).ok
    assert _verify(checkpointed) == 1
    assert "history rewritten" in capsys.readouterr().out


def test_a_forged_checkpoint_file_fails(checkpointed, database):
    [kept] = json.loads(f"[{checkpointed.read_text().strip()}]")
    with database.sessionmaker() as db:  # a real earlier entry, but not what was signed
        earlier = db.get(AuditEntry, kept["seq"] - 1)
        kept["seq"], kept["hash"] = earlier.seq, earlier.hash
    checkpointed.write_text(json.dumps(kept) + "\n")
    assert _verify(checkpointed) == 1


async def test_till_closing_prints_and_keeps_a_checkpoint(make_client, settings):
    cashier = await make_client("terminal")
    await cashier.auth.staff_login(username="cajero", password="Miraflores2026")
    await cashier.payments.cash_open(Decimal("100.00"))
    closing = await cashier.payments.cash_close(Decimal("100.00"))
    line = next(x for x in closing.document.lines if x.label.es == "Control de auditoría")
    kept = audit.latest_checkpoint(settings.checkpoint_path)
    assert line.value == f"{kept.seq} · {kept.hash}"
    assert kept.signed_by(audit.checkpoint_key(settings.data_dir))
    public = await cashier.transport.request("GET", "/api/v1/audit/checkpoint")
    assert public.json()["hash"] == kept.hash
