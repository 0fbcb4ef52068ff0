"""The officer's side before the bids: committee keys, publishing a request, cancelling."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from procurement_crypto import unb64
from server.audit import service as audit
from server.documents import service as documents
from server.errors import Problem
from server.identity import service as identity
from server.money import fmt, q2
from server.procurement import ocds, suppliers
from server.procurement import rules as r
from server.procurement.models import CommitteeKey, Invitation, Item, Request
from server.procurement.schemas import CommitteeKeyIn, QuoteRequestIn
from server.sites import service as sites
from server.timeutil import lima, utcnow

OFFICERS = {identity.Role.PROCUREMENT_OFFICER, identity.Role.ADMINISTRATOR}
LIVE = ("publicada", "abierta", "adjudicada")


@dataclass(frozen=True)
class Who:
    by: audit.Actor
    device: sites.DeviceRef | None
    staff: identity.StaffRef | None = None


def register_key(*, db: Session, who: Who, body: CommitteeKeyIn) -> CommitteeKey:
    """An official's new public key; their earlier keys stop being used for new requests."""
    holder = identity.get_staff_by_username(db=db, username=body.holder)
    if holder is None or holder.role not in OFFICERS or not holder.active:
        raise Problem(422, "not_an_official",
                      f"{body.holder} no es un funcionario de logística activo.",
                      f"{body.holder} is not an active procurement official.")
    try:
        raw = unb64(body.public_key)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise Problem(422, "invalid_key", "La clave pública no es válida.",
                      "The public key is not valid.")
    for old in db.execute(select(CommitteeKey).where(CommitteeKey.holder == body.holder,
                                                     CommitteeKey.active)).scalars():
        old.active = False
    key = CommitteeKey(holder=body.holder, public_key=body.public_key, active=True,
                       registered_by=who.by.actor, registered_at=utcnow())
    db.add(key)
    db.flush()
    audit.record(db=db, by=who.by, action="procurement.key.register", target=f"key:{key.id}",
                 details={"holder": body.holder})
    return key


def _key_of(db: Session, holder: str) -> CommitteeKey:
    key = db.execute(select(CommitteeKey).where(CommitteeKey.holder == holder,
                                                CommitteeKey.active)).scalar()
    if key is None:
        raise Problem(422, "committee_key_missing",
                      f"{holder} aún no tiene una clave de apertura: créela en la terminal.",
                      f"{holder} has no opening key yet: make one at the terminal.")
    return key


def publish(*, db: Session, who: Who, body: QuoteRequestIn) -> Request:
    now = utcnow()
    if body.deadline.tzinfo is None or body.deadline <= now:
        raise Problem(422, "deadline_past",
                      "El plazo para cotizar debe ser una fecha y hora futura.",
                      "The deadline for quotations must be a future date and time.")
    if len(set(body.committee)) != 2:
        raise Problem(422, "committee_two_officials",
                      "La apertura necesita dos funcionarios distintos.",
                      "The opening needs two different officials.")
    if not body.invited and not body.open_to_all:
        raise Problem(422, "no_suppliers",
                      "Invite al menos a un proveedor o permita que otros coticen.",
                      "Invite at least one supplier or let others quote.")
    on = lima(now).date()
    cap, rule = r.cap(db, on)
    estimated = q2(body.estimated_value)
    if estimated > cap:
        raise Problem(422, "over_small_purchase_cap",
                      f"El valor estimado S/ {fmt(estimated)} supera {rule.max_uit} UIT "
                      f"(S/ {fmt(cap)}): no es una contratación menor ({rule.legal_basis}).",
                      f"The estimated value S/ {fmt(estimated)} exceeds {rule.max_uit} UIT "
                      f"(S/ {fmt(cap)}): not a small purchase ({rule.legal_basis}).")
    first, second = (_key_of(db, holder) for holder in body.committee)
    invited = []
    for invite in body.invited:
        ruc = suppliers.valid_ruc(invite.ruc)
        supplier = suppliers.by_ruc(db, ruc, required=not invite.name)
        if supplier is None:
            supplier = suppliers.register(db=db, by=who.by, ruc=ruc, name=invite.name or "",
                                          representatives=[])
        if supplier not in invited:
            invited.append(supplier)
    code = documents.next_number(db=db, series=f"COT-{on.year}", fmt="{series}-{n:04d}")
    req = Request(code=code, ocid=ocds.ocid(code), title=body.title.strip(),
                  description=body.description.strip(), category=body.category,
                  delivery_place=body.delivery_place.strip(), delivery_days=body.delivery_days,
                  estimated_value=estimated, cap=cap, deadline=body.deadline,
                  open_to_all=body.open_to_all, state="publicada", key_first_id=first.id,
                  key_second_id=second.id, created_by=who.by.actor, published_at=now,
                  updated_at=now)
    db.add(req)
    db.flush()
    for seq, item in enumerate(body.items, start=1):
        db.add(Item(request_id=req.id, seq=seq, description=item.description.strip(),
                    quantity=item.quantity, unit=item.unit.strip()))
    for supplier in invited:
        db.add(Invitation(request_id=req.id, supplier_id=supplier.id))
    db.flush()
    audit.record(db=db, by=who.by, action="procurement.publish", target=f"request:{code}",
                 details={"estimated_value": str(estimated), "deadline": body.deadline.isoformat(),
                          "invited": [s.ruc for s in invited], "open_to_all": body.open_to_all})
    ocds.publish(db=db, req=req, stage="planning")
    ocds.publish(db=db, req=req, stage="tender")
    return req


def get(db: Session, code: str, *, lock: bool = False) -> Request:
    query = select(Request).where(Request.code == code.strip().upper())
    row = db.execute(query.with_for_update() if lock else query).scalar()
    if row is None:
        raise Problem(404, "request_not_found",
                      f"No existe ninguna solicitud de cotización {code}.",
                      f"There is no request for quotations {code}.")
    return row


def end(*, db: Session, who: Who, req: Request, state: str, reason: str) -> None:
    """Declare the request void (`desierta`) or cancel it (`cancelada`), with a reason."""
    if req.state not in ("publicada", "abierta"):
        raise Problem(409, "request_closed",
                      "Esta solicitud ya tiene buena pro o ya terminó.",
                      "This request is already awarded or over.")
    if state == "desierta" and req.state == "publicada" and utcnow() < req.deadline:
        raise Problem(409, "void_before_deadline",
                      "Solo se declara desierta después del plazo para cotizar.",
                      "A request is declared void only after the deadline.")
    req.state, req.reason, req.updated_at = state, reason.strip(), utcnow()
    audit.record(db=db, by=who.by, action=f"procurement.{state}", target=f"request:{req.code}",
                 details={"reason": req.reason})
    ocds.publish(db=db, req=req, stage="tenderUpdate" if state == "desierta"
                 else "tenderCancellation")
