"""Payments' background work: payment codes past their time are marked expired (audited),
so a bank's late notice and the cashier see a plain "expired" and the debts are free."""

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.config import ServerSettings
from server.payments import codes
from server.tasks import Periodic


def expire_codes(*, db: Session, settings: ServerSettings) -> str:
    return f"{len(codes.expire_codes(db=db, by=SYSTEM))} código(s) de pago vencido(s)"


TASKS = [Periodic("payments.expire_codes", "*/10 * * * *", expire_codes)]
