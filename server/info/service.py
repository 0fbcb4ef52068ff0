"""Consultas Miraflores: search everything a resident may ask about, and reports of problems
in public spaces routed to the office that fixes them (Open311 GeoReport v2 on top)."""

from datetime import datetime, timedelta
from threading import Lock

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.errors import Problem
from server.identity.service import Resident
from server.info.models import FaqEntry, NewsItem, ServiceRequest, ServiceType
from server.info.schemas import ReportIn, ReportOut, SearchHit, SearchOut
from server.info.search import Entry, Index
from server.kernel.text import Text
from server.money import fmt
from server.procedures import service as procedures
from server.timeutil import today, utcnow

__all__ = ["ServiceRequest", "ServiceType", "report", "report_out", "search", "set_status"]

_cache: dict[str, tuple[tuple, Index, dict]] = {}
_lock = Lock()


def _signature(db: Session) -> tuple:
    """Changes whenever a source of the index does (new versions, entries, offices)."""
    procs = procedures.catalogue.signature(db=db)
    faq = db.execute(select(func.count(), func.max(FaqEntry.id))).one()
    news = db.execute(select(func.count(), func.max(NewsItem.id))).one()
    return (str(db.get_bind().url), today(), procs, tuple(faq), tuple(news))


def _entries(db: Session) -> tuple[list[Entry], dict[str, Text]]:
    entries, english = [], {}

    def add(kind: str, ref: str, es: tuple[str, str], en: tuple[str, str]) -> None:
        # Both languages are indexed: a resident may type either.
        entries.append(Entry(kind, ref, es[0], f"{es[1]} {en[0]} {en[1]}"))
        english[f"{kind}:{ref}"] = Text(es=es[1], en=en[1])
        english[f"{kind}:{ref}:title"] = Text(es=es[0], en=en[0])

    kinds = {"automatic": ("Aprobación automática", "Automatic approval"),
             "positive": ("Evaluación previa con silencio positivo",
                          "Prior evaluation, positive silence"),
             "negative": ("Evaluación previa con silencio negativo",
                          "Prior evaluation, negative silence")}
    for proc in procedures.catalogue.in_force(db=db):
        kind_es, kind_en = kinds[proc.qualification]
        fee = procedures.catalogue.fee(db=db, proc=proc, year=today().year)
        reqs_es = "; ".join(r["es"] for r in proc.requirements)
        reqs_en = "; ".join(r["en"] for r in proc.requirements)
        add("procedure", proc.code, (f"{proc.name_es} ({proc.code})",
                                     f"Requisitos: {reqs_es}. Derecho: {fmt(fee)}. Plazo: "
                                     f"{proc.deadline_days} días hábiles. {kind_es}. "
                                     f"{proc.office.name_es}."),
            (proc.name_en, f"Requirements: {reqs_en}. Fee: {fmt(fee)}. Term: "
                           f"{proc.deadline_days} working days. {kind_en}. "
                           f"{proc.office.name_en}."))
    for office in procedures.catalogue.offices(db=db):
        add("office", office.code, (office.name_es, f"{office.address}. Horario: {office.hours}. "
                                                    f"Teléfono: {office.phone}. "
                                                    f"{office.handles_es}"),
            (office.name_en, f"{office.address}. Hours: {office.hours}. Phone: {office.phone}."))
    for faq in db.execute(select(FaqEntry).order_by(FaqEntry.id)).scalars():
        add("faq", str(faq.id), (faq.question_es, faq.answer_es),
            (faq.question_en, faq.answer_en))
    for news in db.execute(select(NewsItem).order_by(NewsItem.published_on.desc())).scalars():
        add("news", str(news.id), (news.title_es, f"{news.published_on:%d/%m/%Y}. {news.body_es}"),
            (news.title_en, f"{news.published_on:%d/%m/%Y}. {news.body_en}"))
    return entries, english


def index(*, db: Session) -> tuple[Index, dict[str, Text]]:
    signature = _signature(db)
    with _lock:
        cached = _cache.get("index")
        if cached is None or cached[0] != signature:
            entries, texts = _entries(db)
            cached = (signature, Index(entries), texts)
            _cache["index"] = cached
    return cached[1], cached[2]


def search(*, db: Session, query: str, limit: int = 10) -> SearchOut:
    query = query.strip()[:200]
    if len(query) < 2:
        raise Problem(422, "query_too_short", "Escriba al menos dos letras.",
                      "Type at least two letters.")
    idx, texts = index(db=db)
    hits = [SearchHit(kind=e.kind, ref=e.ref, title=texts[f"{e.kind}:{e.ref}:title"],
                      body=texts[f"{e.kind}:{e.ref}"], score=score)
            for e, score in idx.search(query, limit=limit)]
    hint = None
    if procedures.NUMBER.fullmatch(query):
        hint = Text(es="Parece un número de expediente: use «Seguir un trámite» con su DNI o RUC.",
                    en="That looks like a file number: use «Follow a file» with your DNI or RUC.")
    return SearchOut(query=query, hits=hits, hint=hint)


# -- reports (service requests) ------------------------------------------------------------
def service_types(*, db: Session) -> list[ServiceType]:
    return list(db.execute(select(ServiceType).order_by(ServiceType.code)).scalars())


def report(*, db: Session, by: audit.Actor, device_id: int, resident: Resident | None,
           body: ReportIn) -> ServiceRequest:
    kind = db.execute(select(ServiceType).where(ServiceType.code == body.service_code)).scalar()
    if kind is None:
        raise Problem(404, "service_code_unknown",
                      "No conocemos ese tipo de problema. Elija uno de la lista.",
                      "We do not know that kind of problem. Choose one from the list.")
    if not body.address and (body.lat is None or body.long is None):
        raise Problem(422, "location_missing",
                      "Diga dónde está el problema: una dirección o coordenadas.",
                      "Say where the problem is: an address or coordinates.")
    now = utcnow()
    row = ServiceRequest(service_type_id=kind.id, office_id=kind.office_id,
                         description=body.description.strip(), address=body.address,
                         lat=body.lat, long=body.long, resident_id=resident and resident.id,
                         device_id=device_id, status="open", requested_at=now, updated_at=now,
                         expected_at=now + timedelta(days=kind.expected_days))
    db.add(row)
    db.flush()
    audit.record(db=db, by=by, action="info.report", target=f"service_request:{row.id}",
                 details={"service_code": kind.code, "office": kind.office_id})
    return row


def set_status(*, db: Session, by: audit.Actor, row: ServiceRequest, status: str,
               notes: str) -> None:
    row.status, row.status_notes, row.updated_at = status, notes, utcnow()
    audit.record(db=db, by=by, action="info.report_status", target=f"service_request:{row.id}",
                 details={"status": status})


def report_out(*, db: Session, row: ServiceRequest) -> ReportOut:
    kind = db.get(ServiceType, row.service_type_id)
    office = procedures.catalogue.office_by_id(db=db, office_id=row.office_id)
    return ReportOut(id=str(row.id), service_code=kind.code,
                     service_name=Text(es=kind.name_es, en=kind.name_en),
                     description=row.description, address=row.address, status=row.status,
                     status_notes=row.status_notes, office=office.name_es,
                     requested_at=row.requested_at, updated_at=row.updated_at,
                     expected_at=row.expected_at)


def my_reports(*, db: Session, resident: Resident) -> list[ServiceRequest]:
    return list(db.execute(select(ServiceRequest).where(
        ServiceRequest.resident_id == resident.id).order_by(ServiceRequest.id.desc())).scalars())


def find_requests(*, db: Session, ids: list[int] | None, service_code: str | None,
                  start: datetime | None, end: datetime | None, status: str | None,
                  limit: int = 1000) -> list[ServiceRequest]:
    query = select(ServiceRequest)
    if ids:
        query = query.where(ServiceRequest.id.in_(ids))
    else:  # GeoReport v2: without ids, the last 90 days by default
        end = end or utcnow()
        start = start or end - timedelta(days=90)
        query = query.where(ServiceRequest.requested_at >= start,
                            ServiceRequest.requested_at <= end)
    if service_code:
        query = query.join(ServiceType).where(ServiceType.code == service_code)
    if status:
        query = query.where(ServiceRequest.status == status)
    return list(db.execute(query.order_by(ServiceRequest.id.desc()).limit(limit)).scalars())
