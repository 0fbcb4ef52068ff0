"""Payments as other domains see them: take money for debts exactly once and issue the
numbered receipt (in the caller's transaction), void it, read receipts back as refs; and the
one way to charge a fee for another domain's thing (kind + reference): now, as a pending
debt, or by a receipt paid before, each receipt serving once."""

from server.payments.fees import FeeDebt, FeeReceipt, charge_fee, claim_fee_receipt, fee_debt
from server.payments.receipts import (
    ReceiptRef,
    collect,
    find,
    history,
    may_collect,
    pay,
    payment_out,
    receipt_out,
    void,
)
from server.payments.schemas import CardApproval, PaymentOut

__all__ = ["CardApproval", "FeeDebt", "FeeReceipt", "PaymentOut", "ReceiptRef", "charge_fee",
           "claim_fee_receipt", "collect", "fee_debt", "find", "history", "may_collect", "pay",
           "payment_out", "receipt_out", "void"]
