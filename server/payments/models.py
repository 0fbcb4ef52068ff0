"""Payments, their allocation to debts, payment codes (CIP), bank notices, cash sessions, and
the fees charged for other domains' things.

Nothing here is ever deleted: a void is a state with its reason, author and supervisor, and
the balances it restores are exactly the allocations it recorded.
"""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.db import Base, UTCDateTime
from server.money import Money


class CashSession(Base):
    """Apertura y cierre de caja: one cashier at one terminal, from opening to closing."""

    __tablename__ = "cash_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opening_float: Mapped[Decimal] = mapped_column(Money())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    counted_cash: Mapped[Decimal | None] = mapped_column(Money())
    expected_cash: Mapped[Decimal | None] = mapped_column(Money())
    difference: Mapped[Decimal | None] = mapped_column(Money())
    totals: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(String(240))


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_number: Mapped[str] = mapped_column(String(40), unique=True)
    document_code: Mapped[str] = mapped_column(String(16), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_sessions.id"),
                                                        index=True)
    method: Mapped[str] = mapped_column(String(16))  # card | cash | bank
    amount: Mapped[Decimal] = mapped_column(Money())
    reference: Mapped[str | None] = mapped_column(String(80))  # card authorisation, bank op
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())
    paid_by: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="paid")  # paid | voided
    void_reason: Mapped[str | None] = mapped_column(String(240))
    voided_by: Mapped[str | None] = mapped_column(String(64))
    void_supervisor: Mapped[str | None] = mapped_column(String(64))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    allocations: Mapped[list["Allocation"]] = relationship(lazy="selectin",
                                                           order_by="Allocation.id")


class Allocation(Base):
    """The part of a payment that settled one debt: principal, interest, discount."""

    __tablename__ = "allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), index=True)
    label: Mapped[str] = mapped_column(String(160))
    principal: Mapped[Decimal] = mapped_column(Money())
    interest: Mapped[Decimal] = mapped_column(Money())
    discount: Mapped[Decimal] = mapped_column(Money())
    total: Mapped[Decimal] = mapped_column(Money())


class PaymentCode(Base):
    """Código de pago (like PagoEfectivo's CIP): an amount frozen until it expires, payable at
    bank agents or the municipal cashier. While pending it reserves its debts."""

    __tablename__ = "payment_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))  # its site numbers receipts
    amount: Mapped[Decimal] = mapped_column(Money())
    lines: Mapped[list] = mapped_column(JSON)  # the quote: debt, principal, interest, ...
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))  # pending | paid | cancelled | expired
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    document_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PaymentCodeDebt(Base):
    """Which debts a payment code covers (to refuse paying them twice by another way)."""

    __tablename__ = "payment_code_debts"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_code_id: Mapped[int] = mapped_column(ForeignKey("payment_codes.id"))
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), index=True)


class BankNotice(Base):
    """A bank's word that a code was paid (notification or settlement file line), once each."""

    __tablename__ = "bank_notices"
    __table_args__ = (UniqueConstraint("bank", "operation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank: Mapped[str] = mapped_column(String(16))
    operation: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(12))
    amount: Mapped[Decimal] = mapped_column(Money())
    paid_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(16))  # notification | settlement
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Fee(Base):
    """A fee charged for a thing of another domain, named by `kind` and `reference` (e.g.
    "procedure" + "SGLC-01", "registry_copy" + a partida), and the debt that carries its amount.

    `used_at` is set when its receipt is used for what it pays (once): at once when the fee is
    charged for something done in the same transaction, later when a receipt paid at the
    cashier or a bank is handed in.
    """

    __tablename__ = "fees"
    __table_args__ = (Index("ix_fees_resident_kind_reference", "resident_id", "kind",
                            "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debts.id"), unique=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"))
    kind: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(64))
    label_es: Mapped[str] = mapped_column(String(240))
    label_en: Mapped[str] = mapped_column(String(240))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CardSettlement(Base):
    """The acquirer's word that a card approval was settled, for its amount: a card payment
    recorded on the kiosk's word is reconciled by it (once), like payment codes by the bank's
    settlement file; until then the supervisor sees it as unreconciled."""

    __tablename__ = "card_settlements"
    __table_args__ = (UniqueConstraint("acquirer", "authorization"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    acquirer: Mapped[str] = mapped_column(String(16))
    authorization: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money())
    settled_at: Mapped[datetime] = mapped_column(UTCDateTime())
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OfflineReceiptBlock(Base):
    """A block of receipt numbers reserved by one terminal, to number the cash it collects
    while the link to the server is down (docs/offline.md). The numbers carry the device id
    (`RO-<site>-<device>-<n>`): no other device and no online series can take them."""

    __tablename__ = "offline_receipt_blocks"
    __table_args__ = (UniqueConstraint("device_id", "first"),)  # two at once: one wins

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    first: Mapped[int] = mapped_column()
    last: Mapped[int] = mapped_column()
    reserved_by: Mapped[str] = mapped_column(String(64))
    reserved_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OfflinePayment(Base):
    """Cash collected offline against a number of a device's block, as it arrived, once per
    number. `applied`: its receipt paid the debts (payment_id). `credit`: the debts could no
    longer be paid as recorded (paid online meanwhile, amount changed, reserved by a code):
    the money is in the drawer, so it is kept as a credit the cashiers' supervisor settles.
    `superseded`: the ordinary payment the terminal tried first (its answer lost) had been
    applied: the same cash, recorded once (payment_id is that payment)."""

    __tablename__ = "offline_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    cash_session_id: Mapped[int] = mapped_column(ForeignKey("cash_sessions.id"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    debt_ids: Mapped[list] = mapped_column(JSON)
    amount: Mapped[Decimal] = mapped_column(Money())
    collected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    signature: Mapped[str] = mapped_column(String(200))  # base64 ECDSA, kept as evidence
    status: Mapped[str] = mapped_column(String(16))  # applied | credit | superseded | settled
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    reason: Mapped[str | None] = mapped_column(String(64))  # why a credit
    # What is left of a credit to settle (refunded or applied); 0 once `settled`.
    remaining: Mapped[Decimal | None] = mapped_column(Money())


class OfflineCreditSettlement(Base):
    """The supervisor settled (part of) an offline credit: `refund`, cash handed back from
    the till of `cash_session_id` (its closing counts it out), with a numbered refund
    document; or `apply`, the credit paid other debts of the resident (`payment_id`, an
    ordinary receipt that moved no cash)."""

    __tablename__ = "offline_credit_settlements"

    id: Mapped[int] = mapped_column(primary_key=True)
    offline_payment_id: Mapped[int] = mapped_column(ForeignKey("offline_payments.id"),
                                                    index=True)
    kind: Mapped[str] = mapped_column(String(16))  # refund | apply
    amount: Mapped[Decimal] = mapped_column(Money())
    cash_session_id: Mapped[int | None] = mapped_column(ForeignKey("cash_sessions.id"),
                                                        index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"))
    document_code: Mapped[str] = mapped_column(String(16))
    settled_by: Mapped[str] = mapped_column(String(64))
    settled_at: Mapped[datetime] = mapped_column(UTCDateTime())
