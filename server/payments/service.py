"""Payments as other domains see them: take money for debts exactly once and issue the
numbered receipt (in the caller's transaction), void it, and read receipts back as refs."""

from server.payments.receipts import (
    ReceiptRef,
    collect,
    find,
    history,
    may_collect,
    pay,
    payment_out,
    void,
)
from server.payments.schemas import CardApproval, PaymentOut

__all__ = ["CardApproval", "PaymentOut", "ReceiptRef", "collect", "find", "history",
           "may_collect", "pay", "payment_out", "void"]
