"""Consultas: one search over everything a resident may ask about (procedures, offices, FAQ,
news, the council's agreements and ordinances), from an index rebuilt when one of its sources
changes."""

from threading import Lock

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.council import service as council
from server.info.models import FaqEntry, NewsItem
from server.info.schemas import SearchHit, SearchOut
from server.info.search import Entry, Index
from server.kernel.text import Text
from server.money import fmt
from server.offices import service as offices
from server.procedures import service as procedures
from server.timeutil import today

_cache: dict[str, tuple[tuple, Index, dict]] = {}
_lock = Lock()
KINDS = {"automatic": ("Aprobación automática", "Automatic approval"),
         "positive": ("Evaluación previa con silencio positivo",
                      "Prior evaluation, positive silence"),
         "negative": ("Evaluación previa con silencio negativo",
                      "Prior evaluation, negative silence")}


def _signature(db: Session) -> tuple:
    """Changes whenever a source of the index does (new versions, entries, offices)."""
    procs = (*procedures.catalogue_signature(db=db), *offices.signature(db=db))
    faq = db.execute(select(func.count(), func.max(FaqEntry.id))).one()
    news = db.execute(select(func.count(), func.max(NewsItem.id))).one()
    return (str(db.get_bind().url), today(), procs, tuple(faq), tuple(news),
            council.agreements_signature(db=db))


def _entries(db: Session) -> tuple[list[Entry], dict[str, Text]]:
    entries, english = [], {}

    def add(kind: str, ref: str, es: tuple[str, str], en: tuple[str, str]) -> None:
        # Both languages are indexed: a resident may type either.
        entries.append(Entry(kind, ref, es[0], f"{es[1]} {en[0]} {en[1]}"))
        english[f"{kind}:{ref}"] = Text(es=es[1], en=en[1])
        english[f"{kind}:{ref}:title"] = Text(es=es[0], en=en[0])

    for proc in procedures.catalogue(db=db, on=today()):
        kind_es, kind_en = KINDS[proc.qualification]
        reqs_es = "; ".join(r.es for r in proc.requirements)
        reqs_en = "; ".join(r.en for r in proc.requirements)
        add("procedure", proc.code, (f"{proc.name.es} ({proc.code})",
                                     f"Requisitos: {reqs_es}. Derecho: {fmt(proc.fee)}. Plazo: "
                                     f"{proc.deadline_days} días hábiles. {kind_es}. "
                                     f"{proc.office.name.es}."),
            (proc.name.en, f"Requirements: {reqs_en}. Fee: {fmt(proc.fee)}. Term: "
                           f"{proc.deadline_days} working days. {kind_en}. "
                           f"{proc.office.name.en}."))
    for office in offices.list_all(db=db):
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
    for a in council.agreements(db=db):
        add("agreement", a.document_code,
            (f"{a.number}: {a.title}", f"{a.kind.es} aprobado el {a.adopted_on:%d/%m/%Y} "
                                       f"(sesión {a.session}). Código de verificación: "
                                       f"{a.document_code}."),
            (f"{a.number}: {a.title}", f"{a.kind.en} adopted on {a.adopted_on:%d/%m/%Y} "
                                       f"(session {a.session}). Verification code: "
                                       f"{a.document_code}."))
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
    if len(query) < 2:  # any text is a valid query (the document says so): no hits, a hint
        return SearchOut(query=query, hits=[], hint=Text(es="Escriba al menos dos letras.",
                                                         en="Type at least two letters."))
    idx, texts = index(db=db)
    hits = [SearchHit(kind=e.kind, ref=e.ref, title=texts[f"{e.kind}:{e.ref}:title"],
                      body=texts[f"{e.kind}:{e.ref}"], score=score)
            for e, score in idx.search(query, limit=limit)]
    hint = None
    if procedures.NUMBER.fullmatch(query):
        hint = Text(es="Parece un número de expediente: use «Seguir un trámite» con su DNI o RUC.",
                    en="That looks like a file number: use «Follow a file» with your DNI or RUC.")
    return SearchOut(query=query, hits=hits, hint=hint)
