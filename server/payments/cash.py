"""Apertura y cierre de caja: a cashier's session at a terminal, its totals and its count."""

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine, DocumentOut
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import ZERO, fmt
from server.payments.models import CashSession, OfflineCreditSettlement, Payment
from server.payments.schemas import CashSessionOut
from server.sites import service as sites
from server.timeutil import lima, utcnow

CASH_CLOSED = Problem(409, "cash_closed",
                      "Abra la caja (apertura) antes de cobrar.",
                      "Open the cash session before collecting.")


def current(*, db: Session, staff: identity.StaffRef, lock: bool = False) -> CashSession | None:
    query = select(CashSession).where(CashSession.staff_id == staff.id,
                                      CashSession.closed_at.is_(None))
    return db.execute(query.with_for_update() if lock else query).scalar()


def require_open(*, db: Session, staff: identity.StaffRef, device: sites.DeviceRef
                 ) -> CashSession:
    session = current(db=db, staff=staff)
    if session is None or session.device_id != device.id:
        raise CASH_CLOSED
    return session


def open_session(*, db: Session, by: audit.Actor, staff: identity.StaffRef,
                 device: sites.DeviceRef, opening_float: Decimal) -> CashSession:
    if current(db=db, staff=staff) is not None:
        raise Problem(409, "cash_already_open",
                      "Ya tiene una caja abierta. Ciérrela antes de abrir otra.",
                      "You already have an open cash session. Close it first.")
    session = CashSession(staff_id=staff.id, device_id=device.id, opened_at=utcnow(),
                          opening_float=opening_float)
    db.add(session)
    db.flush()
    audit.record(db=db, by=by, action="cash.open", target=f"cash_session:{session.id}",
                 details={"opening_float": str(opening_float)})
    return session


def _totals(db: Session, session: CashSession) -> tuple[dict[str, Decimal], int]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    count = 0
    for payment in db.execute(select(Payment).where(Payment.cash_session_id == session.id,
                                                    Payment.status == "paid")).scalars():
        totals[payment.method] += payment.amount
        count += 1
    # Offline credits refunded from this till (payments.credits): cash that left the drawer.
    refunds = db.execute(select(func.coalesce(func.sum(OfflineCreditSettlement.amount), 0))
                         .where(OfflineCreditSettlement.cash_session_id == session.id,
                                OfflineCreditSettlement.kind == "refund")).scalar()
    return {"cash": totals["cash"], "card": totals["card"],
            "refunds": Decimal(refunds).quantize(Decimal("0.01"))}, count


def _expected(session: CashSession, totals: dict[str, Decimal]) -> Decimal:
    return session.opening_float + totals["cash"] - totals["refunds"]


def session_out(*, db: Session, session: CashSession, document: DocumentOut | None = None
                ) -> CashSessionOut:
    totals, count = _totals(db, session)
    return CashSessionOut(
        id=session.id, opened_at=session.opened_at, opening_float=session.opening_float,
        totals=totals, payments=count,
        expected_cash=session.expected_cash or _expected(session, totals),
        closed_at=session.closed_at, counted_cash=session.counted_cash,
        difference=session.difference, document=document)


def close_session(*, db: Session, by: audit.Actor, staff: identity.StaffRef,
                  device: sites.DeviceRef, counted_cash: Decimal, note: str,
                  checkpoint: audit.Checkpoint | None = None
                  ) -> tuple[CashSession, documents.IssuedDocument]:
    """Cierre: expected cash = opening float + cash collected - cash refunded; the difference
    is recorded.
    The slip carries the audit checkpoint signed at this closing (the head before it)."""
    session = current(db=db, staff=staff, lock=True)
    if session is None:
        raise CASH_CLOSED
    totals, count = _totals(db, session)
    expected = _expected(session, totals)
    session.closed_at, session.counted_cash = utcnow(), counted_cash
    session.expected_cash, session.difference = expected, counted_cash - expected
    session.totals, session.note = {k: str(v) for k, v in totals.items()}, note or None

    def line(es: str, en: str, value: str) -> DocumentLine:
        return DocumentLine(label=Text(es=es, en=en), value=value)

    doc = documents.issue(
        db=db, by=by, device=device, kind="cash_close", prefix="CC",
        title=Text(es="Cierre de caja", en="Cash session closing"), resident=None,
        lines=[line("Cajero", "Cashier", staff.full_name),
               line("Apertura", "Opened", f"{lima(session.opened_at):%d/%m/%Y %H:%M}"),
               line("Fondo inicial", "Opening float", fmt(session.opening_float)),
               line("Efectivo cobrado", "Cash collected", fmt(totals["cash"])),
               line("Tarjeta", "Card", fmt(totals["card"])),
               *([line("Efectivo devuelto", "Cash refunded", fmt(totals["refunds"]))]
                 if totals["refunds"] else []),
               line("Recibos", "Receipts", str(count)),
               line("Efectivo esperado", "Expected cash", fmt(expected)),
               line("Efectivo contado", "Counted cash", fmt(counted_cash)),
               line("Diferencia", "Difference", fmt(session.difference)),
               *([line("Control de auditoría", "Audit checkpoint",
                       f"{checkpoint.seq} · {checkpoint.hash}")] if checkpoint else [])])
    audit.record(db=db, by=by, action="cash.close", target=f"cash_session:{session.id}",
                 details={"expected": str(expected), "counted": str(counted_cash),
                          "difference": str(session.difference)})
    return session, doc
