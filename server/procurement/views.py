"""Requests as the routes give them: figures of the bids only after the opening."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.procurement import opening, texts
from server.procurement.models import Bid, Invitation, Item, Request, Supplier
from server.procurement.schemas import QuoteBidOut, QuoteItemOut, QuoteRequestOut, QuoteSupplierOut


def supplier_out(s: Supplier) -> QuoteSupplierOut:
    return QuoteSupplierOut(ruc=s.ruc, name=s.name, person_dni=s.person_dni)


def request_out(db: Session, req: Request) -> QuoteRequestOut:
    items = db.execute(select(Item).where(Item.request_id == req.id)
                       .order_by(Item.seq)).scalars()
    invited = db.execute(select(Supplier).join(Invitation, Invitation.supplier_id == Supplier.id)
                         .where(Invitation.request_id == req.id)
                         .order_by(Supplier.ruc)).scalars()
    first, second = opening.committee(db, req)
    opened = req.opened_at is not None
    rows = opening.current_bids(db, req)
    bids = [QuoteBidOut(ruc=s.ruc, name=s.name, seq=b.seq, received_at=b.received_at,
                   fingerprint=b.fingerprint, opened=opened,
                   **({"total": b.total, "delivery_days": b.delivery_days,
                       "validity_days": b.validity_days, "compliant": b.compliant,
                       "reason": b.reason, "rank": b.rank} if opened else {}))
            for b, s in rows]
    if opened:
        bids.sort(key=lambda b: (b.rank is None, b.rank or 0, b.received_at))
    awarded, total = None, None
    if req.awarded_bid_id is not None:
        bid = db.get(Bid, req.awarded_bid_id)
        awarded, total = supplier_out(db.get(Supplier, bid.supplier_id)), bid.total
    return QuoteRequestOut(
        code=req.code, ocid=req.ocid, title=req.title, description=req.description,
        category=req.category,
        items=[QuoteItemOut(seq=i.seq, description=i.description, quantity=i.quantity,
                       unit=i.unit) for i in items],
        delivery_place=req.delivery_place, delivery_days=req.delivery_days,
        estimated_value=req.estimated_value, cap=req.cap, deadline=req.deadline,
        open_to_all=req.open_to_all, invited=[supplier_out(s) for s in invited],
        state=req.state, state_text=texts.STATE[req.state],
        committee_keys=[first.public_key, second.public_key], bids_received=len(rows),
        bids=bids, awarded=awarded, awarded_total=total, order_number=req.order_number,
        reason=req.reason, opening_code=req.opening_code, award_code=req.award_code,
        order_code=req.order_code)


def listed(db: Session, *, states: tuple[str, ...] | None = None, limit: int = 100
           ) -> list[Request]:
    query = select(Request).order_by(Request.published_at.desc()).limit(limit)
    if states:
        query = query.where(Request.state.in_(states))
    return list(db.execute(query).scalars())


def for_suppliers(db: Session, supplier_ids: list[int]) -> list[Request]:
    """Requests a supplier was invited to or quoted in, or may quote in now."""
    invited = select(Invitation.request_id).where(Invitation.supplier_id.in_(supplier_ids))
    quoted = select(Bid.request_id).where(Bid.supplier_id.in_(supplier_ids))
    query = select(Request).where(Request.id.in_(invited) | Request.id.in_(quoted)
                                  | (Request.open_to_all & (Request.state == "publicada")))
    return list(db.execute(query.order_by(Request.published_at.desc()).limit(100)).scalars())
