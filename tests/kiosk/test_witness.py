"""Every kiosk keeps the server's signed audit checkpoints (kiosk/witness.py): the copy on a
kiosk lets an auditor catch an insider who cut the audit history back or rewrote it, and the
kiosk itself raises the alarm when the server shows a checkpoint that goes back or that
another key signed."""

import base64
import json

import pytest
from nacl.signing import SigningKey
from sqlalchemy import delete

from kiosk import witness
from server.audit import service as audit
from server.audit.models import AuditEntry, AuditHead
from server.cli import main
from tests.kiosk.conftest import wait_until


def _entries_then_checkpoint(database, settings, n: int) -> None:
    with database.sessionmaker() as db:
        for i in range(n):
            audit.record(db=db, by=audit.SYSTEM, action="test.event", details={"n": i})
        db.commit()
        audit.take_checkpoint(db=db, data_dir=settings.data_dir, file=settings.checkpoint_path)
        db.commit()


def _cut_back_to(database, seq: int) -> None:
    """What an insider with write access to the database does: cut the end, move the head."""
    with database.sessionmaker() as db:
        kept = db.get(AuditEntry, seq)
        db.execute(delete(AuditEntry).where(AuditEntry.seq > seq))
        head = db.get(AuditHead, 1)
        head.seq, head.hash = kept.seq, kept.hash
        db.commit()


def _verify(settings, monkeypatch, file) -> int:
    monkeypatch.setenv("KIOSK_SERVER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("KIOSK_SERVER_DATA_DIR", str(settings.data_dir))
    return main(["audit", "verify", "--checkpoints", str(file)])


async def test_the_kiosk_copy_catches_a_history_cut_back(kiosk_app, database, settings,
                                                         monkeypatch):
    _entries_then_checkpoint(database, settings, 3)
    app = kiosk_app(heartbeat_seconds=5)
    state = app.settings.state_dir
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: (state / witness.FILE).exists(), 10)
    [copy] = witness.kept(state)
    assert copy == json.loads(settings.checkpoint_path.read_text().splitlines()[-1])
    assert _verify(settings, monkeypatch, state / witness.FILE) == 0
    _cut_back_to(database, copy["seq"] - 2)
    settings.checkpoint_path.unlink()  # the insider destroys the server's own file too
    assert _verify(settings, monkeypatch, state / witness.FILE) == 1


async def test_a_checkpoint_that_goes_back_raises_the_alarm_in_the_heartbeat(
        kiosk_app, database, settings, tmp_path):
    _entries_then_checkpoint(database, settings, 3)
    app = kiosk_app()
    await app.client.devices.enroll(token="DEMO-MIRAFLORES", name="pilot", kind="kiosk")
    first = await app.client.audit.checkpoint()
    assert witness.keep(app.settings.state_dir, first.model_dump())
    assert not witness.keep(app.settings.state_dir, first.model_dump())  # seen: not kept again
    _cut_back_to(database, first.seq - 2)
    _entries_then_checkpoint(database, settings, 0)  # the server now signs the shorter head
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: app.last_error is not None, 10)
    assert app.last_error == (f"The audit log went back from {first.seq} to "
                              f"{first.seq - 2} entries: tell the auditors.")
    assert witness.kept(app.settings.state_dir) == [first.model_dump()]


def test_a_checkpoint_signed_by_another_key_is_not_kept(tmp_path):
    real, forger = SigningKey.generate(), SigningKey.generate()

    def signed(key, seq, digest):
        checkpoint = {"seq": seq, "hash": digest, "at": "2026-12-01T03:00:00+00:00",
                      "public_key": base64.b64encode(bytes(key.verify_key)).decode()}
        signature = key.sign(witness._message(checkpoint)).signature
        return {**checkpoint, "signature": base64.b64encode(signature).decode()}

    assert witness.keep(tmp_path, signed(real, 4, "a" * 64))
    with pytest.raises(witness.Alarm, match="signed by the server's key"):
        witness.keep(tmp_path, signed(forger, 9, "b" * 64))  # a new key, later seq
    tampered = {**signed(real, 9, "c" * 64), "hash": "d" * 64}
    with pytest.raises(witness.Alarm, match="signed by the server's key"):
        witness.keep(tmp_path, tampered)
    with pytest.raises(witness.Alarm, match="rewritten"):
        witness.keep(tmp_path, signed(real, 4, "e" * 64))
    assert witness.keep(tmp_path, signed(real, 9, "f" * 64))
    assert [c["seq"] for c in witness.kept(tmp_path)] == [4, 9]
