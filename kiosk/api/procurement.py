"""Cotizaciones (server/procurement): open requests and results for anyone; a supplier's
representative seals and submits quotations (the sealing happens here, at the kiosk: the
server never sees a price before the opening); the officers publish, open with both
committee keys (the opening happens here too, at the terminal), evaluate, award and order."""

import base64
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel

import procurement_crypto as pc
from kiosk.api.documents import Document
from kiosk.api.text import Text
from kiosk.api.transport import Domain

P = "/api/v1/procurement"


class QuoteItem(BaseModel):
    server_schema: ClassVar[str] = "QuoteItemOut"

    seq: int
    description: str
    quantity: Decimal
    unit: str


class QuoteSupplier(BaseModel):
    server_schema: ClassVar[str] = "QuoteSupplierOut"

    ruc: str
    name: str
    person_dni: str | None = None


class QuoteBid(BaseModel):
    server_schema: ClassVar[str] = "QuoteBidOut"

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


class QuoteRequest(BaseModel):
    server_schema: ClassVar[str] = "QuoteRequestOut"

    code: str
    ocid: str
    title: str
    description: str
    category: str
    items: list[QuoteItem]
    delivery_place: str
    delivery_days: int
    estimated_value: Decimal
    cap: Decimal
    deadline: datetime
    open_to_all: bool
    invited: list[QuoteSupplier]
    state: str
    state_text: Text
    committee_keys: list[str]
    bids_received: int
    bids: list[QuoteBid]
    awarded: QuoteSupplier | None = None
    awarded_total: Decimal | None = None
    order_number: str | None = None
    reason: str | None = None
    opening_code: str | None = None
    award_code: str | None = None
    order_code: str | None = None


class BidReceipt(BaseModel):
    server_schema: ClassVar[str] = "BidReceiptOut"

    request: str
    ruc: str
    name: str
    seq: int
    replaced: bool
    received_at: datetime
    fingerprint: str
    document: Document


class SealedBid(BaseModel):
    server_schema: ClassVar[str] = "SealedBidOut"

    ruc: str
    name: str
    seq: int
    fingerprint: str
    sealed: str


class RepresentedSuppliers(BaseModel):
    server_schema: ClassVar[str] = "RepresentedSuppliersOut"

    dni: str
    suppliers: list[QuoteSupplier]


class CommitteeKey(BaseModel):
    server_schema: ClassVar[str] = "CommitteeKeyOut"

    id: int
    holder: str
    public_key: str
    registered_at: datetime


# -- what the kiosk and the terminal send ------------------------------------------------------
class SealedBidIn(BaseModel):
    server_schema: ClassVar[str] = "SealedBidIn"

    ruc: str
    sealed: str
    commitment: str


class OpenedBidIn(BaseModel):
    server_schema: ClassVar[str] = "OpenedBidIn"

    ruc: str
    plaintext: str | None = None
    broken: bool = False


class BidOpeningIn(BaseModel):
    server_schema: ClassVar[str] = "BidOpeningIn"

    second_official: str
    second_password: str
    bids: list[OpenedBidIn]


class QuoteReasonIn(BaseModel):
    server_schema: ClassVar[str] = "QuoteReasonIn"

    reason: str


class CommitteeKeyIn(BaseModel):
    server_schema: ClassVar[str] = "CommitteeKeyIn"

    holder: str
    public_key: str


class SupplierRegistrationIn(BaseModel):
    server_schema: ClassVar[str] = "SupplierRegistrationIn"

    ruc: str
    name: str
    representatives: list[str] = []


class QuoteItemIn(BaseModel):
    server_schema: ClassVar[str] = "QuoteItemIn"

    description: str
    quantity: Decimal
    unit: str


class QuoteInviteIn(BaseModel):
    server_schema: ClassVar[str] = "QuoteInviteIn"

    ruc: str
    name: str | None = None


class QuoteRequestIn(BaseModel):
    server_schema: ClassVar[str] = "QuoteRequestIn"

    title: str
    description: str = ""
    category: str
    items: list[QuoteItemIn]
    delivery_place: str
    delivery_days: int
    estimated_value: Decimal
    deadline: datetime
    invited: list[QuoteInviteIn] = []
    open_to_all: bool = False
    committee: list[str]


def bid_total(request: QuoteRequest, prices: dict[int, Decimal]) -> Decimal:
    """The total of a bid: each item's quantity × unit price, rounded to céntimos, summed."""
    cent = Decimal("0.01")
    return sum(((i.quantity * prices.get(i.seq, Decimal(0))).quantize(cent)
                for i in request.items), Decimal("0.00"))


def seal(request: QuoteRequest, *, ruc: str, prices: dict[int, Decimal], delivery_days: int,
         validity_days: int) -> SealedBidIn:
    """The bid sealed here to both committee keys, with its commitment."""
    bid = {"request": request.code, "ruc": ruc,
           "prices": [{"item": seq, "unit_price": str(price)}
                      for seq, price in sorted(prices.items())],
           "total": str(bid_total(request, prices)), "delivery_days": delivery_days,
           "validity_days": validity_days}
    plaintext = pc.bid_plaintext(bid)
    first, second = request.committee_keys
    sealed = pc.seal_bid(plaintext, first=first, second=second)
    return SealedBidIn(ruc=ruc, sealed=pc.b64(sealed), commitment=pc.commitment(plaintext))


def open_all(sealed: list[SealedBid], committee: pc.Committee) -> list[OpenedBidIn]:
    """Every bid opened with both keys; one that does not open is marked broken."""
    out = []
    for bid in sealed:
        try:
            plaintext = committee.open(base64.b64decode(bid.sealed))
        except pc.BrokenSeal:
            out.append(OpenedBidIn(ruc=bid.ruc, broken=True))
            continue
        out.append(OpenedBidIn(ruc=bid.ruc, plaintext=pc.b64(plaintext)))
    return out


class API(Domain):
    # -- anyone at a kiosk -------------------------------------------------------------------
    async def requests(self, *, state: str | None = None) -> list[QuoteRequest]:
        return await self.transport.get_list(f"{P}/requests", QuoteRequest,
                                             params={"state": state} if state else None)

    async def request(self, code: str) -> QuoteRequest:
        return await self.transport.get(f"{P}/requests/{code}", QuoteRequest)

    # -- a supplier's representative ---------------------------------------------------------
    async def represented(self) -> RepresentedSuppliers:
        return await self.transport.get(f"{P}/represented", RepresentedSuppliers)

    async def mine(self) -> list[QuoteRequest]:
        return await self.transport.get_list(f"{P}/mine", QuoteRequest)

    async def submit(self, request: QuoteRequest, *, ruc: str, prices: dict[int, Decimal],
                     delivery_days: int, validity_days: int, idempotency_key: str
                     ) -> BidReceipt:
        body = seal(request, ruc=ruc, prices=prices, delivery_days=delivery_days,
                    validity_days=validity_days)
        return await self.submit_sealed(request.code, body, idempotency_key=idempotency_key)

    async def submit_sealed(self, code: str, body: SealedBidIn, *, idempotency_key: str
                            ) -> BidReceipt:
        return await self.transport.post(f"{P}/requests/{code}/bids", BidReceipt, body,
                                         idempotency_key=idempotency_key)

    # -- the front desk ------------------------------------------------------------------------
    async def register_supplier(self, *, ruc: str, name: str,
                                representatives: list[str]) -> QuoteSupplier:
        return await self.transport.post(f"{P}/suppliers", QuoteSupplier,
                                         SupplierRegistrationIn(ruc=ruc, name=name,
                                                                representatives=representatives))

    # -- the officers --------------------------------------------------------------------------
    async def register_key(self, *, holder: str, public_key: str) -> CommitteeKey:
        return await self.transport.post(f"{P}/keys", CommitteeKey,
                                         CommitteeKeyIn(holder=holder, public_key=public_key))

    async def publish(self, body: QuoteRequestIn | dict) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests", QuoteRequest,
                                         QuoteRequestIn.model_validate(body))

    async def sealed(self, code: str) -> list[SealedBid]:
        return await self.transport.get_list(f"{P}/requests/{code}/sealed", SealedBid)

    async def open(self, code: str, *, committee: pc.Committee, second_official: str,
                   second_password: str) -> QuoteRequest:
        """Fetch the sealed bids, open them here with both keys, and record the opening."""
        opened = open_all(await self.sealed(code), committee)
        return await self.open_with(code, BidOpeningIn(second_official=second_official,
                                                       second_password=second_password,
                                                       bids=opened))

    async def open_with(self, code: str, body: BidOpeningIn) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/opening", QuoteRequest, body)

    async def non_compliant(self, code: str, ruc: str, *, reason: str) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/bids/{ruc}/non-compliant",
                                         QuoteRequest, QuoteReasonIn(reason=reason))

    async def award(self, code: str) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/award", QuoteRequest)

    async def order(self, code: str) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/order", QuoteRequest)

    async def void(self, code: str, *, reason: str) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/void", QuoteRequest,
                                         QuoteReasonIn(reason=reason))

    async def cancel(self, code: str, *, reason: str) -> QuoteRequest:
        return await self.transport.post(f"{P}/requests/{code}/cancel", QuoteRequest,
                                         QuoteReasonIn(reason=reason))
