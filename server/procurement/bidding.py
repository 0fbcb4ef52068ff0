"""Sealed bids at the kiosk: a representative submits for a supplier they act for, before the
deadline; a later bid of the same supplier replaces it (the last one counts); a late one is
refused. The server keeps the ciphertext, its fingerprint and the plaintext's commitment."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from procurement_crypto import fingerprint, unb64
from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.procurement import suppliers, texts
from server.procurement.models import Bid, Invitation, Request
from server.procurement.schemas import SealedBidIn
from server.procurement.tendering import Who
from server.timeutil import lima, utcnow

MAX_SEALED = 100_000  # bytes: a 100-item bid is a few kB


def late(req: Request) -> Problem:
    when = lima(req.deadline).strftime("%d/%m/%Y %H:%M")
    return Problem(409, "bid_late",
                   f"El plazo para cotizar en {req.code} venció el {when}: la cotización no "
                   "fue recibida.",
                   f"The deadline for {req.code} passed on {when}: the quotation was not "
                   "received.")


def submit(*, db: Session, who: Who, resident: identity.ResidentRef, req: Request,
           body: SealedBidIn) -> tuple[Bid, bool, documents.IssuedDocument]:
    now = utcnow()
    if req.state != "publicada":
        raise Problem(409, "request_not_receiving",
                      f"La solicitud {req.code} ya no recibe cotizaciones.",
                      f"Request {req.code} no longer takes quotations.")
    if now >= req.deadline:
        raise late(req)
    supplier = suppliers.acting(db, resident.dni).supplier(body.ruc)
    if not req.open_to_all and db.execute(select(Invitation.id).where(
            Invitation.request_id == req.id, Invitation.supplier_id == supplier.id)
            ).scalar() is None:
        raise Problem(403, "not_invited",
                      f"El RUC {supplier.ruc} no fue invitado a {req.code}.",
                      f"RUC {supplier.ruc} was not invited to {req.code}.")
    try:
        sealed = unb64(body.sealed)
    except ValueError:
        sealed = b""
    if not 48 < len(sealed) <= MAX_SEALED:
        raise Problem(422, "bid_not_sealed", "La cotización sellada no es válida.",
                      "The sealed quotation is not valid.")
    previous = db.execute(select(Bid).where(Bid.request_id == req.id,
                                            Bid.supplier_id == supplier.id, Bid.current)
                          .with_for_update()).scalar()
    if previous is not None:
        previous.current = False
    seq = 1 + (db.execute(select(func.max(Bid.seq)).where(
        Bid.request_id == req.id, Bid.supplier_id == supplier.id)).scalar() or 0)
    bid = Bid(request_id=req.id, supplier_id=supplier.id, seq=seq, current=True,
              sealed=sealed, fingerprint=fingerprint(sealed), commitment=body.commitment,
              received_at=now, representative_dni=resident.dni)
    db.add(bid)
    db.flush()
    audit.record(db=db, by=who.by, action="procurement.bid.submit",
                 target=f"request:{req.code}",
                 details={"ruc": supplier.ruc, "seq": seq, "fingerprint": bid.fingerprint,
                          "replaces": previous.seq if previous else None})
    lines = [
        DocumentLine(label=Text(es="Solicitud", en="Request"), value=f"{req.code} {req.title}"),
        DocumentLine(label=Text(es="Proveedor", en="Supplier"),
                     value=f"RUC {supplier.ruc} {supplier.name}"),
        DocumentLine(label=Text(es="Recibida", en="Received"),
                     value=lima(now).strftime("%d/%m/%Y %H:%M:%S")),
        DocumentLine(label=Text(es="Huella de la cotización sellada",
                                en="Fingerprint of the sealed quotation"),
                     value=bid.fingerprint),
        DocumentLine(label=Text(es="Versión", en="Version"),
                     value=f"{seq}" + (f" (reemplaza a la {previous.seq} / replaces "
                                       f"{previous.seq})" if previous else "")),
        DocumentLine(label=Text(es="Apertura", en="Opening"),
                     value=lima(req.deadline).strftime("después del %d/%m/%Y %H:%M / "
                                                       "after %Y-%m-%d %H:%M")),
    ]
    doc = documents.issue(db=db, by=who.by, device=who.device, kind="procurement_bid",
                          prefix="COTR", title=texts.RECEIPT_TITLE, lines=lines, resident=resident)
    bid.receipt_code = doc.code
    return bid, previous is not None, doc
