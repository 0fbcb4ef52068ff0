"""The registrar's steps on a file: check each document (accept, or observe with a reason),
publish the edicto (with the newspaper, or its waiver and why), resolve objections, declare
capacity (never with an objection unresolved or upheld), start and conclude the ceremony; on
concluding, the marriage acta goes to the civil registry."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.marriages import files
from server.marriages import rules as r
from server.marriages.booking import Who
from server.marriages.models import Booking, Document, Objection, Place
from server.marriages.schemas import DocumentCheckIn, EdictoIn, ResolutionIn
from server.registry import service as registry
from server.timeutil import lima, today, utcnow


def _programada(booking: Booking) -> None:
    if booking.state != "programada":
        raise Problem(409, "booking_closed", f"La reserva {booking.code} ya no está programada.",
                      f"Booking {booking.code} is no longer scheduled.")


def check_document(*, db: Session, who: Who, booking: Booking, document_id: int,
                   body: DocumentCheckIn) -> Document:
    _programada(booking)
    doc = db.execute(select(Document).where(Document.id == document_id,
                                            Document.booking_id == booking.id)).scalar()
    if doc is None:
        raise Problem(404, "document_not_found", "Ese documento no es de este expediente.",
                      "That document is not on this file.")
    on = today()
    rules = r.in_force(db, on)
    if body.decision == "observe":
        if not (body.reason and body.reason.strip()):
            raise Problem(422, "reason_missing", "Escriba por qué se observa el documento.",
                          "Say why the document is returned.")
        doc.state, doc.reason = "observado", body.reason.strip()
    else:
        if doc.kind == "medical" and (body.issued_on is None
                                      or not r.medical_fresh(rules, body.issued_on, on)):
            raise Problem(422, "medical_too_old",
                          f"El certificado médico debe tener como máximo "
                          f"{rules.medical_days} días: indique su fecha de emisión.",
                          f"The medical certificate must be at most {rules.medical_days} "
                          "days old: give the date it was issued.")
        doc.state, doc.reason = "aceptado", None
    doc.issued_on = body.issued_on
    doc.checked_by, doc.checked_at = who.by.actor, utcnow()
    db.flush()
    docs = files.documents_of(db, booking.id)
    booking.file_complete_on = on if files.missing(docs) == 0 else None
    booking.updated_at = utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.document", target=f"booking:{booking.code}",
                 details={"document": doc.kind, "decision": body.decision,
                          "reason": doc.reason})
    return doc


def publish_edicto(*, db: Session, who: Who, booking: Booking, body: EdictoIn) -> Booking:
    _programada(booking)
    if booking.edicto_on is not None:
        raise Problem(409, "edicto_published", "El edicto ya está publicado.",
                      "The edicto is already published.")
    if booking.file_complete_on is None:
        raise Problem(409, "file_incomplete",
                      "El expediente no está completo: acepte todos sus documentos primero.",
                      "The file is not complete: accept all its documents first.")
    newspaper = (body.newspaper or "").strip() or None
    waiver = (body.waiver_reason or "").strip() or None
    if (newspaper is None) == (waiver is None):
        raise Problem(422, "newspaper_or_waiver",
                      "Indique el diario donde se publica el edicto, o la dispensa y su motivo.",
                      "Give the newspaper the edicto is published in, or the waiver and why.")
    rules = r.in_force(db, today())
    booking.edicto_on = today()
    booking.edicto_until = r.edicto_until(rules, booking.edicto_on)
    booking.newspaper, booking.newspaper_waiver = newspaper, waiver
    booking.updated_at = utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.edicto", target=f"booking:{booking.code}",
                 details={"until": booking.edicto_until.isoformat(), "newspaper": newspaper,
                          "waiver": waiver})
    return booking


def file_objection(*, db: Session, who: Who, resident: identity.ResidentRef, booking: Booking,
                   grounds: str) -> Objection:
    """An objection by an identified resident while the edicto is posted."""
    on = today()
    if (booking.state != "programada" or booking.edicto_on is None
            or not booking.edicto_on <= on <= booking.edicto_until):
        raise Problem(409, "edicto_not_in_force",
                      "Solo se presenta una oposición mientras el edicto está publicado.",
                      "An objection is filed only while the edicto is posted.")
    seq = (db.execute(select(func.max(Objection.seq)).where(
        Objection.booking_id == booking.id)).scalar() or 0) + 1
    objection = Objection(booking_id=booking.id, seq=seq, resident_id=resident.id,
                          filer_name=resident.full_name, filer_dni=resident.dni,
                          grounds=grounds.strip(), filed_at=utcnow(), state="pendiente")
    db.add(objection)
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.objection", target=f"booking:{booking.code}",
                 details={"seq": seq, "filer": resident.dni})
    return objection


def resolve_objection(*, db: Session, who: Who, booking: Booking, seq: int,
                      body: ResolutionIn) -> Objection:
    objection = db.execute(select(Objection).where(Objection.booking_id == booking.id,
                                                   Objection.seq == seq)).scalar()
    if objection is None:
        raise Problem(404, "objection_not_found", f"No existe la oposición {seq}.",
                      f"There is no objection {seq}.")
    if objection.state != "pendiente":
        raise Problem(409, "objection_resolved", "Esa oposición ya está resuelta.",
                      "That objection is already resolved.")
    objection.state = "fundada" if body.upheld else "infundada"
    objection.resolution = body.resolution.strip()
    objection.resolved_by, objection.resolved_at = who.by.actor, utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.resolve", target=f"booking:{booking.code}",
                 details={"seq": seq, "state": objection.state})
    return objection


def declare_capacity(*, db: Session, who: Who, booking: Booking) -> Booking:
    _programada(booking)
    on = today()
    if booking.file_complete_on is None:
        raise Problem(409, "file_incomplete", "El expediente no está completo.",
                      "The file is not complete.")
    if booking.edicto_until is None or on <= booking.edicto_until:
        posted = booking.edicto_until
        raise Problem(409, "edicto_running",
                      "El plazo del edicto no ha terminado" +
                      (f" (hasta el {posted:%d/%m/%Y})." if posted else ": publíquelo primero."),
                      "The edicto's period has not ended" +
                      (f" (until {posted:%d/%m/%Y})." if posted else ": publish it first."))
    states = set(db.execute(select(Objection.state).where(
        Objection.booking_id == booking.id)).scalars())
    if "pendiente" in states:
        raise Problem(409, "objection_pending",
                      "Hay oposiciones sin resolver: resuélvalas antes de declarar la capacidad.",
                      "There are unresolved objections: resolve them before declaring capacity.")
    if "fundada" in states:
        raise Problem(409, "objection_upheld",
                      "Una oposición fue declarada fundada: no se puede declarar la capacidad.",
                      "An objection was upheld: capacity cannot be declared.")
    until = r.capacity_until(r.in_force(db, on), on)
    if lima(booking.starts_at).date() > until:
        raise Problem(409, "capacity_expires",
                      f"La capacidad valdría hasta el {until:%d/%m/%Y}, antes de la ceremonia: "
                      "declárela más cerca de la fecha.",
                      f"Capacity would hold until {until:%d/%m/%Y}, before the ceremony: "
                      "declare it closer to the date.")
    booking.capacity_on, booking.capacity_until = on, until
    booking.updated_at = utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.capacity", target=f"booking:{booking.code}",
                 details={"until": booking.capacity_until.isoformat()})
    return booking


def start(*, db: Session, who: Who, booking: Booking) -> Booking:
    _programada(booking)
    _ready(booking, lima(utcnow()).date())
    booking.state, booking.updated_at = "en_curso", utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.start", target=f"booking:{booking.code}")
    return booking


def _ready(booking: Booking, on: date) -> None:
    if booking.capacity_until is None or on > booking.capacity_until:
        raise Problem(409, "capacity_missing",
                      "No hay declaración de capacidad vigente para este matrimonio.",
                      "There is no declaration of capacity in force for this marriage.")
    if lima(booking.starts_at).date() != on:
        raise Problem(409, "not_today", "Esta ceremonia no es hoy.",
                      "This ceremony is not today.")


def conclude(*, db: Session, who: Who, booking: Booking) -> Booking:
    """The ceremony held: the marriage acta registered in the civil registry (in this same
    transaction) with the spouses, witnesses and officiant; the couple's first copy free."""
    if booking.state == "programada":
        start(db=db, who=who, booking=booking)
    if booking.state != "en_curso":
        raise Problem(409, "booking_closed", f"La ceremonia {booking.code} no está en curso.",
                      f"Ceremony {booking.code} is not in progress.")
    officiant = who.staff.full_name if who.staff else "-"
    persons = files.persons_of(db, booking.id)
    place = db.get(Place, booking.place_id)

    def person(p) -> registry.PersonIn:
        return registry.PersonIn(role=p.role, given_names=p.given_names, surnames=p.surnames,
                                 dni=p.dni, birth_date=p.birth_date)

    acta = registry.register_marriage(
        db=db, by=who.by, ceremony=booking.code,
        spouses=[person(p) for p in persons if p.role == "contrayente"],
        witnesses=[person(p) for p in persons if p.role == "testigo"],
        officiant=officiant, celebrated_on=lima(booking.starts_at).date(),
        place=f"{place.name}, {place.address}")
    booking.state, booking.active = "concluida", True
    booking.officiant, booking.acta_ref = officiant, acta.ref
    booking.updated_at = utcnow()
    db.flush()
    audit.record(db=db, by=who.by, action="marriages.conclude", target=f"booking:{booking.code}",
                 details={"acta": acta.ref})
    return booking
