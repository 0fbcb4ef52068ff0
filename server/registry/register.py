"""Registering actas: a new one takes the next number of its kind and year (a locked series,
never reused, never skipped); an old one held only on paper is entered with its book number;
a marriage arrives from the civil-marriage service when a ceremony is concluded."""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.errors import Problem
from server.identity import service as identity
from server.registry import texts
from server.registry.models import Acta, Person
from server.registry.schemas import ActaIn, PersonIn
from server.timeutil import today, utcnow

OFFICE = "Oficina de Registro Civil de Miraflores"


@dataclass(frozen=True)
class ActaRef:
    """An acta as other domains see it."""

    id: int
    ref: str  # e.g. MAT-2026-000012
    kind: str
    free_copy: bool


def name_key(surnames: str, given_names: str) -> str:
    """"SURNAMES GIVEN NAMES" in capitals, without accents or doubled spaces (ñ stays ñ's N:
    people type it either way)."""
    text = unicodedata.normalize("NFKD", f"{surnames} {given_names}")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.upper().split())


def format_ref(kind: str, year: int, number: int) -> str:
    return f"{texts.PREFIX[kind]}-{year}-{number:06d}"


def _check_persons(kind: str, persons: list[PersonIn]) -> None:
    roles = Counter(p.role for p in persons)
    wrong = sorted(set(roles) - set(texts.ROLES[kind]))
    if wrong:
        role = texts.ROLE_TEXT[wrong[0]]
        raise Problem(422, "role_not_in_kind",
                      f"{texts.KIND_TEXT[kind].es}: no lleva «{role.es}».",
                      f"{texts.KIND_TEXT[kind].en}: it has no «{role.en}».")
    principal, needed = texts.PRINCIPAL[kind], texts.PRINCIPALS_NEEDED[kind]
    if roles[principal] != needed:
        role = texts.ROLE_TEXT[principal]
        raise Problem(422, "principal_count",
                      f"{texts.KIND_TEXT[kind].es}: debe nombrar {needed} «{role.es}».",
                      f"{texts.KIND_TEXT[kind].en}: it must name {needed} «{role.en}».")
    if any(roles[r] > 1 for r in ("madre", "padre", "declarante", "celebrante")):
        raise Problem(422, "role_repeated", "Hay una persona repetida en un rol único.",
                      "A single role is given twice.")


def _add_persons(db: Session, acta: Acta, persons: list[PersonIn]) -> None:
    principal = texts.PRINCIPAL[acta.kind]
    for p in persons:
        born = acta.event_date if p.role == "inscrito" else p.birth_date
        db.add(Person(acta_id=acta.id, kind=acta.kind, role=p.role,
                      principal=p.role == principal, given_names=p.given_names.strip(),
                      surnames=p.surnames.strip(), name_key=name_key(p.surnames, p.given_names),
                      dni=p.dni, birth_date=born))


def register(*, db: Session, by: audit.Actor, staff: identity.StaffRef | None, body: ActaIn,
             ceremony: str | None = None, registrar_name: str | None = None) -> Acta:
    """Register an acta in the caller's transaction (the caller commits)."""
    _check_persons(body.kind, body.persons)
    if body.event_date > today():
        raise Problem(422, "event_in_future", "La fecha del hecho no puede ser futura.",
                      "The date of the event cannot be in the future.")
    paper = body.paper_number is not None or body.paper_year is not None
    if paper:
        year, number = _paper_number(db, body)
        registered_on = body.paper_registered_on or date(year, 12, 31)
    else:
        year = today().year
        series = f"ACTA-{texts.PREFIX[body.kind]}-{year}"
        number = int(documents.next_number(db=db, series=series, fmt="{n}"))
        registered_on = today()
    acta = Acta(kind=body.kind, year=year, number=number,
                ref=format_ref(body.kind, year, number), office=body.office.strip(),
                book=body.book.strip(), event_date=body.event_date,
                event_place=body.event_place.strip(), registered_on=registered_on,
                registrar_name=registrar_name or (staff.full_name if staff else "-"),
                registered_by=by.actor, digitised=not paper, reserved=False,
                free_copy=body.kind == "marriage" and not paper, ceremony=ceremony,
                # An old paper acta reached RENIEC in its day; new ones must be sent.
                sent_at=utcnow() if paper else None, created_at=utcnow())
    db.add(acta)
    try:
        with db.begin_nested():
            db.flush()
    except IntegrityError:
        raise Problem(409, "acta_number_taken",
                      f"Ya existe el acta {acta.ref} en el índice.",
                      f"Record {acta.ref} is already in the index.") from None
    _add_persons(db, acta, body.persons)
    db.flush()
    audit.record(db=db, by=by, action="registry.register", target=f"acta:{acta.ref}",
                 details={"kind": acta.kind, "paper": paper, "ceremony": ceremony})
    return acta


def _paper_number(db: Session, body: ActaIn) -> tuple[int, int]:
    if body.paper_year is None or body.paper_number is None:
        raise Problem(422, "paper_number_missing",
                      "Un acta en papel se indexa con su año y su número del libro.",
                      "A paper record is indexed with its year and its number in the book.")
    if body.paper_year >= today().year:
        raise Problem(422, "paper_year_current",
                      "Las actas de este año se inscriben con número nuevo, no en papel.",
                      "This year's records are registered with a new number, not on paper.")
    taken = db.execute(select(Acta.id).where(
        Acta.kind == body.kind, Acta.year == body.paper_year,
        Acta.number == body.paper_number)).first()
    if taken is not None:
        ref = format_ref(body.kind, body.paper_year, body.paper_number)
        raise Problem(409, "acta_number_taken", f"Ya existe el acta {ref} en el índice.",
                      f"Record {ref} is already in the index.")
    return body.paper_year, body.paper_number


def register_marriage(*, db: Session, by: audit.Actor, ceremony: str,
                      spouses: list[PersonIn], witnesses: list[PersonIn], officiant: str,
                      celebrated_on: date, place: str, book: str = "Matrimonios") -> ActaRef:
    """The marriage acta of a concluded ceremony (the civil-marriage service calls this in
    its own transaction). Two spouses and at least two witnesses; the officiant by name.
    The couple's first certified copy is free. Registering the same ceremony twice
    returns the acta of the first time."""
    existing = db.execute(select(Acta).where(Acta.ceremony == ceremony)).scalar()
    if existing is not None:
        return acta_ref(existing)
    if len(witnesses) < 2:
        raise Problem(422, "witnesses_missing", "Un matrimonio necesita dos testigos.",
                      "A marriage needs two witnesses.")
    names = officiant.strip().rsplit(" ", 1)
    people = ([p.model_copy(update={"role": "contrayente"}) for p in spouses]
              + [p.model_copy(update={"role": "testigo"}) for p in witnesses]
              + [PersonIn(role="celebrante", given_names=names[0],
                          surnames=names[-1] if len(names) > 1 else "-")])
    body = ActaIn(kind="marriage", book=book, event_date=celebrated_on, event_place=place,
                  persons=people)
    acta = register(db=db, by=by, staff=None, body=body, ceremony=ceremony,
                    registrar_name=officiant.strip())
    return acta_ref(acta)


def acta_ref(acta: Acta) -> ActaRef:
    return ActaRef(id=acta.id, ref=acta.ref, kind=acta.kind, free_copy=acta.free_copy)
