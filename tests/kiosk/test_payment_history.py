"""The payment history dates each payment as its receipt does: on Lima's calendar."""

from datetime import UTC, datetime
from decimal import Decimal

from kiosk.api.payments import PaymentSummary
from screens.account.history import HistoryScreen


def summary(paid_at: datetime) -> PaymentSummary:
    return PaymentSummary(receipt_number="RP-PM-2026-000010", document_code="5TVN-DQXA-ESR4",
                          paid_at=paid_at, amount=Decimal("6373.41"), method="card",
                          status="paid")


def test_an_evening_payment_is_listed_on_its_day_in_lima_not_the_next_day_in_utc():
    # 21:04 on 1 December in Lima is 02:04 on 2 December in UTC (as the server sends it).
    line = HistoryScreen().label(summary(datetime(2026, 12, 2, 2, 4, tzinfo=UTC)))
    assert line.startswith("01/12/2026  RP-PM-2026-000010")
    morning = HistoryScreen().label(summary(datetime(2026, 12, 2, 14, 0, tzinfo=UTC)))
    assert morning.startswith("02/12/2026")
