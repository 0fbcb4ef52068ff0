"""Vouchers: the dated rules, a resident's own voucher (at most N per Lima day), batches for an
event, revocation, and what is left of an allowance across all its sessions."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity.service import ResidentRef
from server.timeutil import lima, today, utcnow
from server.wifi.models import Batch, Rules, Voucher
from server.wifi.models import Session as WifiSession

MB = 1_000_000
MAX_BATCH = 500


def in_force(db: Session, on: date | None = None) -> Rules:
    row = db.execute(select(Rules).where(Rules.valid_from <= (on or today()))
                     .order_by(Rules.valid_from.desc()).limit(1)).scalar()
    if row is None:
        raise Problem(503, "wifi_rules_missing",
                      "No hay reglas de Wi-Fi vigentes: avise a la municipalidad.",
                      "There are no Wi-Fi rules in force: tell the municipality.")
    return row


def publish_rules(*, db: Session, by: audit.Actor, valid_from: date, **numbers) -> Rules:
    """A new dated rules row (the rows before it stay for the past)."""
    if db.execute(select(Rules.id).where(Rules.valid_from == valid_from)).first():
        raise Problem(409, "wifi_rules_exist",
                      "Ya hay reglas de Wi-Fi desde esa fecha.",
                      "There are already Wi-Fi rules from that date.")
    row = Rules(valid_from=valid_from, created_by=by.actor, created_at=utcnow(), **numbers)
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="wifi.rules", target=valid_from.isoformat(),
                 details={k: v for k, v in numbers.items()})
    return row


def normalise(code: str) -> str:
    """'12345-67890', '12345 67890' or '1234567890' -> '1234567890' ('' when not a code)."""
    digits = "".join(ch for ch in code if ch not in " -")
    return digits if len(digits) == 10 and digits.isascii() and digits.isdigit() else ""


def shown(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _new_code(db: Session) -> str:
    while True:
        code = str(secrets.randbelow(9 * 10**9) + 10**9)
        if not db.execute(select(Voucher.id).where(Voucher.code == code)).first():
            return code


@dataclass(frozen=True)
class Allowance:
    minutes: int  # 0: no time limit
    megabytes: int  # 0: no data limit
    up_kbps: int
    down_kbps: int
    valid_hours: int


def _voucher(db: Session, *, allowance: Allowance, resident_id: int | None,
             batch_id: int | None) -> Voucher:
    now = utcnow()
    row = Voucher(code=_new_code(db), resident_id=resident_id, batch_id=batch_id,
                  issued_on=lima(now).date(), created_at=now,
                  expires_at=now + timedelta(hours=allowance.valid_hours),
                  seconds_allowed=allowance.minutes * 60,
                  bytes_allowed=allowance.megabytes * MB, up_kbps=allowance.up_kbps,
                  down_kbps=allowance.down_kbps)
    db.add(row)
    return row


def issued_today(db: Session, resident_id: int) -> int:
    return db.execute(select(func.count()).select_from(Voucher).where(
        Voucher.resident_id == resident_id, Voucher.issued_on == today())).scalar_one()


def issue_for_resident(*, db: Session, by: audit.Actor, resident: ResidentRef) -> Voucher:
    """A resident's voucher, within the day's limit of the rules in force."""
    rules = in_force(db)
    allowance = Allowance(rules.minutes, rules.megabytes, rules.up_kbps, rules.down_kbps,
                          rules.valid_hours)
    while True:
        n = issued_today(db, resident.id)
        if n >= rules.vouchers_per_day:
            raise Problem(409, "wifi_daily_limit",
                          f"Ya recibió {rules.vouchers_per_day} ficha(s) de Wi-Fi hoy: vuelva "
                          "mañana.",
                          f"You already got {rules.vouchers_per_day} Wi-Fi voucher(s) today: "
                          "come back tomorrow.", limit=rules.vouchers_per_day)
        try:
            with db.begin_nested():  # the day's next number: taken once, whoever comes first
                row = _voucher(db, allowance=allowance, resident_id=resident.id, batch_id=None)
                row.day_seq = n + 1
        except IntegrityError:  # another kiosk took that number a moment ago: count again
            continue
        break
    audit.record(db=db, by=by, action="wifi.voucher", target=row.code,
                 details={"resident": resident.id})
    return row


def create_batch(*, db: Session, by: audit.Actor, count: int, allowance: Allowance,
                 note: str) -> tuple[Batch, list[Voucher]]:
    if not 1 <= count <= MAX_BATCH:
        raise Problem(422, "wifi_batch_count",
                      f"Un lote tiene de 1 a {MAX_BATCH} fichas.",
                      f"A batch has 1 to {MAX_BATCH} vouchers.")
    if allowance.valid_hours < 1 or min(allowance.minutes, allowance.megabytes,
                                        allowance.up_kbps, allowance.down_kbps) < 0:
        raise Problem(422, "wifi_allowance",
                      "La vigencia debe ser de al menos una hora y los límites no pueden ser "
                      "negativos.",
                      "The validity must be at least one hour and limits cannot be negative.")
    if not note.strip():
        raise Problem(422, "wifi_batch_note", "Indique para qué es el lote (evento, lugar).",
                      "Say what the batch is for (event, place).")
    year = today().year
    seq = db.execute(select(func.count()).select_from(Batch).where(
        Batch.number.like(f"WF-{year}-%"))).scalar_one() + 1
    batch = Batch(number=f"WF-{year}-{seq:04d}", count=count, note=note.strip()[:200],
                  created_by=by.actor, created_at=utcnow())
    db.add(batch)
    db.flush()
    rows = [_voucher(db, allowance=allowance, resident_id=None, batch_id=batch.id)
            for _ in range(count)]
    try:
        db.flush()
    except IntegrityError as exc:  # two codes drawn alike in one batch: astronomically rare
        raise Problem(503, "wifi_retry", "Inténtelo de nuevo.", "Please try again.") from exc
    audit.record(db=db, by=by, action="wifi.batch", target=batch.number,
                 details={"count": count, "minutes": allowance.minutes,
                          "megabytes": allowance.megabytes, "note": batch.note})
    return batch, rows


def get(db: Session, code: str) -> Voucher:
    row = db.execute(select(Voucher).where(Voucher.code == normalise(code))).scalar()
    if row is None:
        raise Problem(404, "wifi_voucher_unknown", "No existe esa ficha de Wi-Fi.",
                      "There is no such Wi-Fi voucher.")
    return row


def revoke(*, db: Session, by: audit.Actor, code: str, reason: str) -> Voucher:
    row = get(db, code)
    if not reason.strip():
        raise Problem(422, "wifi_revoke_reason", "Indique el motivo de la anulación.",
                      "Give the reason for revoking it.")
    if row.revoked_at is None:
        row.revoked_at, row.revoked_by = utcnow(), by.actor
        row.revoke_reason = reason.strip()[:200]
        audit.record(db=db, by=by, action="wifi.revoke", target=row.code,
                     details={"reason": row.revoke_reason})
    return row


def revoke_batch(*, db: Session, by: audit.Actor, number: str, reason: str) -> int:
    batch = db.execute(select(Batch).where(Batch.number == number)).scalar()
    if batch is None:
        raise Problem(404, "wifi_batch_unknown", "No existe ese lote.", "No such batch.")
    n = 0
    for row in db.execute(select(Voucher).where(Voucher.batch_id == batch.id,
                                                Voucher.revoked_at.is_(None))).scalars():
        revoke(db=db, by=by, code=row.code, reason=reason)
        n += 1
    return n


@dataclass(frozen=True)
class Left:
    """What is left of a voucher now (None: no limit of that kind)."""

    seconds: int | None
    bytes: int | None
    used_seconds: int
    used_bytes: int
    sessions: int

    @property
    def used_up(self) -> bool:
        return self.seconds == 0 or self.bytes == 0


def used(db: Session, voucher_id: int) -> tuple[int, int, int]:
    seconds, octets, n = db.execute(
        select(func.coalesce(func.sum(WifiSession.seconds), 0),
               func.coalesce(func.sum(WifiSession.bytes_in + WifiSession.bytes_out), 0),
               func.count(WifiSession.id))
        .where(WifiSession.voucher_id == voucher_id)).one()
    return int(seconds), int(octets), int(n)


def left(db: Session, voucher: Voucher) -> Left:
    seconds, octets, n = used(db, voucher.id)
    return Left(seconds=(max(0, voucher.seconds_allowed - seconds)
                         if voucher.seconds_allowed else None),
                bytes=max(0, voucher.bytes_allowed - octets) if voucher.bytes_allowed else None,
                used_seconds=seconds, used_bytes=octets, sessions=n)


def state(voucher: Voucher, remaining: Left, now: datetime | None = None) -> str:
    """vigente | anulada | vencida | agotada (valid, revoked, expired, used up)."""
    if voucher.revoked_at is not None:
        return "anulada"
    if (now or utcnow()) >= voucher.expires_at:
        return "vencida"
    if remaining.used_up:
        return "agotada"
    return "vigente"


def of_resident(db: Session, resident_id: int, limit: int = 20) -> list[Voucher]:
    return list(db.execute(select(Voucher).where(Voucher.resident_id == resident_id)
                           .order_by(Voucher.id.desc()).limit(limit)).scalars())


def of_batch(db: Session, number: str) -> tuple[Batch, list[Voucher]]:
    batch = db.execute(select(Batch).where(Batch.number == number)).scalar()
    if batch is None:
        raise Problem(404, "wifi_batch_unknown", "No existe ese lote.", "No such batch.")
    return batch, list(db.execute(select(Voucher).where(Voucher.batch_id == batch.id)
                                  .order_by(Voucher.id)).scalars())


def batches(db: Session, limit: int = 50) -> list[Batch]:
    return list(db.execute(select(Batch).order_by(Batch.id.desc()).limit(limit)).scalars())
