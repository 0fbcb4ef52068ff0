"""After the deadline: the opening by both officials, evaluation, award and the order.

The terminal opens the sealed bids with both officials' keys (the server never can) and
sends what it read; the server checks each plaintext against the commitment the kiosk sent
with the bid, and each stored ciphertext against its fingerprint. A bid whose seal does not
open (changed in storage or in transit) is refused in the acta with its supplier named."""

import base64
import binascii
import json
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from procurement_crypto import commitment, fingerprint
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.money import fmt, q2
from server.procurement import ocds, texts
from server.procurement.models import Bid, CommitteeKey, Item, Request, Supplier
from server.procurement.schemas import BidOpeningIn
from server.procurement.tendering import Who
from server.timeutil import lima, utcnow

BROKEN = "Sello alterado: la cotización no se pudo abrir / Broken seal: it could not be opened"


def current_bids(db: Session, req: Request) -> list[tuple[Bid, Supplier]]:
    return list(db.execute(select(Bid, Supplier).join(Supplier, Supplier.id == Bid.supplier_id)
                           .where(Bid.request_id == req.id, Bid.current)
                           .order_by(Bid.received_at, Bid.id)))


def committee(db: Session, req: Request) -> tuple[CommitteeKey, CommitteeKey]:
    return db.get(CommitteeKey, req.key_first_id), db.get(CommitteeKey, req.key_second_id)


def _check_officials(db: Session, who: Who, req: Request, body: BidOpeningIn) -> None:
    holders = {k.holder for k in committee(db, req)}
    me = who.staff.username if who.staff else ""
    second = identity.check_password(db=db, username=body.second_official,
                                     password=body.second_password)
    if me not in holders or second is None or body.second_official not in holders \
            or body.second_official == me:
        raise Problem(403, "opening_needs_both_officials",
                      "La apertura necesita a los dos funcionarios del comité: "
                      f"{' y '.join(sorted(holders))}, cada uno con su clave.",
                      "The opening needs both officials of the committee: "
                      f"{' and '.join(sorted(holders))}, each with their key.")


def _read(req: Request, items: list[Item], bid: Bid, supplier: Supplier, raw: bytes) -> None:
    """Fill the bid's figures from its plaintext; what does not add up is non-compliant."""
    try:
        data = json.loads(raw)
        prices = {int(p["item"]): Decimal(str(p["unit_price"])) for p in data["prices"]}
        stated = Decimal(str(data["total"]))
        delivery, validity = int(data["delivery_days"]), int(data["validity_days"])
        ours = data["request"] == req.code and data["ruc"] == supplier.ruc
    except (ValueError, KeyError, TypeError, InvalidOperation):
        ours = False
    if not ours:
        bid.compliant, bid.reason = False, ("Cotización ilegible o de otra solicitud / "
                                            "Unreadable quotation or for another request")
        return
    bid.prices = [{"item": k, "unit_price": str(v)} for k, v in sorted(prices.items())]
    bid.delivery_days, bid.validity_days = delivery, validity
    total = q2(sum((q2(i.quantity * prices.get(i.seq, Decimal(0))) for i in items),
                   Decimal(0)))
    bid.total = q2(stated)
    bid.compliant = True
    if any(prices.get(i.seq, Decimal(0)) <= 0 for i in items):
        bid.compliant, bid.reason = False, "No cotiza todos los ítems / Not every item priced"
    elif total != bid.total:
        bid.compliant, bid.reason = False, (f"El total no cuadra: suma S/ {fmt(total)} / "
                                            f"Total does not add up: S/ {fmt(total)}")
    elif delivery > req.delivery_days:
        bid.compliant, bid.reason = False, (f"Plazo de entrega {delivery} días, mayor al "
                                            f"requerido / Delivery term {delivery} days, "
                                            "longer than required")


def rank(db: Session, req: Request) -> list[tuple[Bid, Supplier]]:
    """Compliant bids by total, ties by the earliest receipt; the others unranked."""
    rows = current_bids(db, req)
    ok = sorted(((b, s) for b, s in rows if b.compliant), key=lambda r: (r[0].total,
                                                                       r[0].received_at))
    for b, _ in rows:
        b.rank = None
    for n, (b, _) in enumerate(ok, start=1):
        b.rank = n
    return ok


def open_bids(*, db: Session, who: Who, req: Request, body: BidOpeningIn) -> Request:
    if req.state != "publicada":
        raise Problem(409, "already_opened", f"La solicitud {req.code} ya fue abierta.",
                      f"Request {req.code} was already opened.")
    if utcnow() < req.deadline:
        raise Problem(409, "opening_before_deadline",
                      "Las cotizaciones se abren recién después del plazo.",
                      "Quotations are opened only after the deadline.")
    _check_officials(db, who, req, body)
    sent = {b.ruc: b for b in body.bids}
    rows = current_bids(db, req)
    missing = [s.ruc for _, s in rows if s.ruc not in sent]
    if missing:
        raise Problem(422, "opening_incomplete",
                      f"La apertura debe incluir todas las cotizaciones (falta RUC "
                      f"{', '.join(missing)}).",
                      f"The opening must include every quotation (missing RUC "
                      f"{', '.join(missing)}).")
    items = list(db.execute(select(Item).where(Item.request_id == req.id)
                            .order_by(Item.seq)).scalars())
    refused = []
    for bid, supplier in rows:
        entry = sent[supplier.ruc]
        if entry.broken or entry.plaintext is None or fingerprint(bid.sealed) != bid.fingerprint:
            bid.compliant, bid.reason = False, BROKEN
            refused.append(supplier.ruc)
            continue
        try:
            raw = base64.b64decode(entry.plaintext, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if commitment(raw) != bid.commitment:
            raise Problem(422, "opening_mismatch",
                          f"Lo leído de la cotización del RUC {supplier.ruc} no es lo que se "
                          "selló en el quiosco: la apertura no se registra.",
                          f"What was read from RUC {supplier.ruc}'s quotation is not what the "
                          "kiosk sealed: the opening is not recorded.")
        _read(req, items, bid, supplier, raw)
    rank(db, req)
    now = utcnow()
    req.state, req.opened_at, req.updated_at = "abierta", now, now
    lines = [DocumentLine(label=Text(es="Solicitud", en="Request"),
                          value=f"{req.code} {req.title}"),
             DocumentLine(label=Text(es="Comité", en="Committee"),
                          value=" y / and ".join(k.holder for k in committee(db, req))),
             DocumentLine(label=Text(es="Plazo", en="Deadline"),
                          value=lima(req.deadline).strftime("%d/%m/%Y %H:%M")),
             DocumentLine(label=Text(es="Cotizaciones", en="Quotations"), value=str(len(rows)))]
    for bid, supplier in rows:
        result = (f"S/ {fmt(bid.total)}" if bid.total is not None else "—") + \
            (f" — {bid.reason}" if bid.compliant is False else "")
        lines.append(DocumentLine(
            label=Text(es=f"RUC {supplier.ruc} {supplier.name}",
                       en=f"RUC {supplier.ruc} {supplier.name}"),
            value=f"{lima(bid.received_at):%d/%m/%Y %H:%M:%S} huella/fingerprint "
                  f"{bid.fingerprint} {result}"))
    doc = documents.issue(db=db, by=who.by, device=who.device, kind="procurement_opening",
                          prefix="AA", title=texts.OPENING_TITLE, lines=lines, resident=None)
    req.opening_code = doc.code
    audit.record(db=db, by=who.by, action="procurement.open", target=f"request:{req.code}",
                 details={"second_official": body.second_official, "bids": len(rows),
                          "refused": refused})
    ocds.publish(db=db, req=req, stage="tenderUpdate")
    return req


def non_compliant(*, db: Session, who: Who, req: Request, ruc: str, reason: str) -> Request:
    if req.state != "abierta":
        raise Problem(409, "not_in_evaluation", "La solicitud no está en evaluación.",
                      "The request is not being evaluated.")
    found = [b for b, s in current_bids(db, req) if s.ruc == ruc]
    if not found:
        raise Problem(404, "bid_not_found", f"El RUC {ruc} no cotizó en {req.code}.",
                      f"RUC {ruc} did not quote in {req.code}.")
    found[0].compliant, found[0].reason = False, reason.strip()
    rank(db, req)
    audit.record(db=db, by=who.by, action="procurement.non_compliant",
                 target=f"request:{req.code}", details={"ruc": ruc, "reason": reason.strip()})
    return req


def award(*, db: Session, who: Who, req: Request) -> Request:
    if req.state != "abierta":
        raise Problem(409, "not_in_evaluation", "La solicitud no está en evaluación.",
                      "The request is not being evaluated.")
    ranked = rank(db, req)
    if not ranked:
        raise Problem(409, "nothing_to_award",
                      "Ninguna cotización cumple: declare la solicitud desierta.",
                      "No quotation complies: declare the request void.")
    bid, supplier = ranked[0]
    now = utcnow()
    req.state, req.awarded_bid_id, req.awarded_at, req.updated_at = "adjudicada", bid.id, now, now
    lines = [DocumentLine(label=Text(es="Solicitud", en="Request"),
                          value=f"{req.code} {req.title}"),
             DocumentLine(label=Text(es="Buena pro", en="Awarded to"),
                          value=f"RUC {supplier.ruc} {supplier.name} S/ {fmt(bid.total)}"),
             DocumentLine(label=Text(es="Acta de apertura", en="Opening record"),
                          value=req.opening_code or "")]
    for b, s in current_bids(db, req):
        place = f"{b.rank}°" if b.rank else (b.reason or "")
        lines.append(DocumentLine(label=Text(es=f"RUC {s.ruc} {s.name}",
                                             en=f"RUC {s.ruc} {s.name}"),
                                  value=(f"S/ {fmt(b.total)} " if b.total is not None else "")
                                  + place))
    doc = documents.issue(db=db, by=who.by, device=who.device, kind="procurement_award",
                          prefix="BP", title=texts.AWARD_TITLE, lines=lines, resident=None)
    req.award_code = doc.code
    audit.record(db=db, by=who.by, action="procurement.award", target=f"request:{req.code}",
                 details={"ruc": supplier.ruc, "total": str(bid.total)})
    ocds.publish(db=db, req=req, stage="award")
    return req


def order(*, db: Session, who: Who, req: Request) -> Request:
    if req.state != "adjudicada":
        raise Problem(409, "not_awarded", "Primero otorgue la buena pro.",
                      "Award the request first.")
    bid = db.get(Bid, req.awarded_bid_id)
    supplier = db.get(Supplier, bid.supplier_id)
    now = utcnow()
    prefix = "OC" if req.category == "goods" else "OS"
    req.order_number = documents.next_number(db=db, series=f"{prefix}-{lima(now).year}",
                                             fmt="{series}-{n:05d}")
    items = list(db.execute(select(Item).where(Item.request_id == req.id)
                            .order_by(Item.seq)).scalars())
    prices = {int(p["item"]): Decimal(p["unit_price"]) for p in bid.prices or []}
    lines = [DocumentLine(label=Text(es="Número", en="Number"), value=req.order_number),
             DocumentLine(label=Text(es="Solicitud", en="Request"),
                          value=f"{req.code} {req.title}"),
             DocumentLine(label=Text(es="Proveedor", en="Supplier"),
                          value=f"RUC {supplier.ruc} {supplier.name}")]
    for i in items:
        lines.append(DocumentLine(
            label=Text(es=f"{i.seq}. {i.description}", en=f"{i.seq}. {i.description}"),
            value=f"{i.quantity.normalize():f} {i.unit} × S/ {fmt(prices.get(i.seq, 0))}"))
    lines += [DocumentLine(label=Text(es="Total", en="Total"), value=f"S/ {fmt(bid.total)}"),
              DocumentLine(label=Text(es="Entrega", en="Delivery"),
                           value=f"{req.delivery_place}, {bid.delivery_days} días / days"),
              DocumentLine(label=Text(es="Buena pro", en="Award"), value=req.award_code or "")]
    doc = documents.issue(db=db, by=who.by, device=who.device, kind="procurement_order",
                          prefix=prefix, title=texts.ORDER_TITLE[req.category], lines=lines,
                          resident=None)
    req.order_code, req.ordered_at, req.state, req.updated_at = doc.code, now, "con_orden", now
    audit.record(db=db, by=who.by, action="procurement.order", target=f"request:{req.code}",
                 details={"number": req.order_number})
    ocds.publish(db=db, req=req, stage="contract")
    return req
