"""What the procurement routes take and give (the kiosk mirrors these in kiosk/api)."""

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from server.documents.service import DocumentOut
from server.kernel.text import Text


class CommitteeKeyIn(BaseModel):
    holder: str = Field(min_length=1, max_length=64)  # the official's username
    public_key: str = Field(min_length=44, max_length=44)  # X25519, base64


class CommitteeKeyOut(BaseModel):
    id: int
    holder: str
    public_key: str
    registered_at: datetime


class SupplierRegistrationIn(BaseModel):
    ruc: str = Field(min_length=1, max_length=20)
    name: str = Field(min_length=1, max_length=200)
    representatives: list[str] = []  # DNIs


class QuoteSupplierOut(BaseModel):
    ruc: str
    name: str
    person_dni: str | None


class QuoteItemIn(BaseModel):
    description: str = Field(min_length=1, max_length=300)
    quantity: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    unit: str = Field(min_length=1, max_length=40)


class QuoteInviteIn(BaseModel):
    ruc: str = Field(min_length=1, max_length=20)
    name: str | None = Field(default=None, max_length=200)  # registers an unknown RUC


class QuoteRequestIn(BaseModel):
    title: str = Field(min_length=3, max_length=200)
    description: str = Field(default="", max_length=1000)
    category: str = Field(pattern="^(goods|services)$")
    items: list[QuoteItemIn] = Field(min_length=1, max_length=100)
    delivery_place: str = Field(min_length=3, max_length=200)
    delivery_days: int = Field(ge=1, le=365)
    estimated_value: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    deadline: datetime
    invited: list[QuoteInviteIn] = Field(default=[], max_length=50)
    open_to_all: bool = False
    committee: list[str] = Field(min_length=2, max_length=2)  # the two officials' usernames


class QuoteItemOut(BaseModel):
    seq: int
    description: str
    quantity: Decimal
    unit: str


class QuoteBidOut(BaseModel):
    """A bid as anyone may see it after the opening (before it: fingerprint and time only)."""

    ruc: str
    name: str
    seq: int
    received_at: datetime
    fingerprint: str
    opened: bool
    total: Decimal | None = None
    delivery_days: int | None = None
    validity_days: int | None = None
    compliant: bool | None = None
    reason: str | None = None
    rank: int | None = None


class QuoteRequestOut(BaseModel):
    code: str
    ocid: str
    title: str
    description: str
    category: str
    items: list[QuoteItemOut]
    delivery_place: str
    delivery_days: int
    estimated_value: Decimal
    cap: Decimal
    deadline: datetime
    open_to_all: bool
    invited: list[QuoteSupplierOut]
    state: str
    state_text: Text
    committee_keys: list[str]  # first, second (base64): what the kiosk seals to
    bids_received: int
    bids: list[QuoteBidOut]  # current bids; figures only after the opening
    awarded: QuoteSupplierOut | None = None
    awarded_total: Decimal | None = None
    order_number: str | None = None
    reason: str | None = None
    opening_code: str | None = None
    award_code: str | None = None
    order_code: str | None = None


class SealedBidIn(BaseModel):
    ruc: str = Field(min_length=11, max_length=11)
    sealed: str = Field(min_length=1, max_length=200_000)  # base64
    commitment: str = Field(pattern="^[0-9a-f]{64}$")


class BidReceiptOut(BaseModel):
    request: str
    ruc: str
    name: str
    seq: int
    replaced: bool
    received_at: datetime
    fingerprint: str
    document: DocumentOut


class SealedBidOut(BaseModel):
    """A current bid as the terminal gets it for the opening."""

    ruc: str
    name: str
    seq: int
    fingerprint: str
    sealed: str


class OpenedBidIn(BaseModel):
    ruc: str
    plaintext: str | None = None  # base64; None when it did not open
    broken: bool = False


class BidOpeningIn(BaseModel):
    second_official: str
    second_password: str
    bids: list[OpenedBidIn]


class QuoteReasonIn(BaseModel):
    reason: str = Field(min_length=5, max_length=500)


class RepresentedSuppliersOut(BaseModel):
    dni: str
    suppliers: list[QuoteSupplierOut]
