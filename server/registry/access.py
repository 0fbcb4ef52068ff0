"""Who may see and copy which acta, and finding actas by their data or by one's DNI.

The rules (docs/registry.md): the requester is an adult identified by card or municipal PIN
(or served by staff); a minor's birth acta goes only to its parents; a reserved acta never
leaves through a kiosk (for everyone but the registrar it does not exist); a death acta goes
to anyone who gives its data; an acta held only on paper becomes a request staff fulfil.
"""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import Problem
from server.identity import service as identity
from server.registry import texts
from server.registry.models import Acta, Person
from server.registry.register import name_key
from server.registry.schemas import ActaSummary
from server.registry.views import persons_of, summary
from server.timeutil import today

ADULT = 18
SEARCH_LIMIT = 20
NUMBER = re.compile(r"^(?:[A-Z]{3}-)?(\d{4})-(\d{1,6})$")


def is_registrar(staff: identity.StaffRef | None) -> bool:
    return staff is not None and staff.role in (identity.Role.REGISTRAR,
                                                identity.Role.ADMINISTRATOR)


def age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def not_found() -> Problem:
    return Problem(404, "acta_not_found", *texts.NOT_FOUND)


def get_acta(db: Session, acta_id: int, *, registrar: bool, lock: bool = False) -> Acta:
    """The acta, or 404; a reserved acta is 404 to everyone but the registrar, exactly as
    one that does not exist (nothing tells a kiosk it is there)."""
    query = select(Acta).where(Acta.id == acta_id)
    acta = db.execute(query.with_for_update() if lock else query).scalar()
    if acta is None or (acta.reserved and not registrar):
        raise not_found()
    return acta


def check_requester(resident: identity.ResidentRef) -> None:
    if age(resident.birth_date, today()) < ADULT:
        raise Problem(403, "requester_minor",
                      "Las copias certificadas las pide una persona mayor de edad.",
                      "Certified copies are requested by an adult.")


def minor_barred(acta: Acta, persons: list[Person], resident: identity.ResidentRef) -> bool:
    """A minor's birth acta, and the requester is not one of its parents."""
    if acta.kind != "birth" or age(acta.event_date, today()) >= ADULT:
        return False
    parents = {p.dni for p in persons if p.role in ("madre", "padre") and p.dni}
    return resident.dni not in parents


def check_copy(db: Session, acta: Acta, *, resident: identity.ResidentRef,
               registrar: bool) -> None:
    """May this requester have a copy of this acta here? (The registrar, at the counter,
    checks a guardian's or a court's papers in person: the minors' rule is theirs to apply.)"""
    if acta.reserved and not registrar:
        raise not_found()
    check_requester(resident)
    if not registrar and minor_barred(acta, persons_of(db, acta.id), resident):
        raise Problem(403, "minor_parents_only",
                      "El acta de nacimiento de un menor de edad solo se entrega a su madre o "
                      "a su padre.",
                      "A minor's birth record is given only to their mother or father.")


def search(db: Session, *, resident: identity.ResidentRef | None, registrar: bool,
           kind: str, surnames: str = "", given_names: str = "",
           event_date: date | None = None, number: str = "") -> list[ActaSummary]:
    """Actas of `kind` by their number, or by the names of whom they are about (prefix, no
    accents) and the date. Outside the registry office the whole name is needed, and what the
    requester may not have is not listed."""
    if kind not in texts.KINDS:
        raise Problem(422, "kind_unknown", "Elija nacimiento, matrimonio o defunción.",
                      "Choose birth, marriage or death.")
    number = number.strip().upper()
    if number:
        match = NUMBER.match(number)
        if match is None:
            raise Problem(422, "number_format",
                          "El número del acta tiene la forma AAAA-NNNNNN, como 2026-000123.",
                          "The record number looks like YYYY-NNNNNN, such as 2026-000123.")
        query = select(Acta).where(Acta.kind == kind, Acta.year == int(match[1]),
                                   Acta.number == int(match[2]))
    else:
        key = name_key(surnames, given_names).replace("%", "").replace("_", "")
        if len(surnames.strip()) < 2 or (not registrar and not given_names.strip()):
            raise Problem(422, "search_data_missing",
                          "Escriba los apellidos y los nombres completos, o el número del acta.",
                          "Type the full surnames and given names, or the record number.")
        ids = (select(Person.acta_id).where(Person.kind == kind, Person.principal,
                                            Person.name_key.like(key + "%"))
               .limit(SEARCH_LIMIT * 5))
        query = select(Acta).where(Acta.id.in_(ids))
        if event_date is not None:
            query = query.where(Acta.event_date == event_date)
    if not registrar:
        query = query.where(Acta.reserved.is_(False))
    found = []
    for acta in db.execute(query.order_by(Acta.event_date, Acta.id).limit(SEARCH_LIMIT))\
            .scalars():
        persons = persons_of(db, acta.id)
        if resident is not None and not registrar and minor_barred(acta, persons, resident):
            continue
        found.append(summary(db, acta, persons=persons))
    return found


def mine(db: Session, *, resident: identity.ResidentRef, registrar: bool
         ) -> list[ActaSummary]:
    """The actas that name the resident's DNI, with their role on each."""
    rows = db.execute(select(Acta, Person.role).join(Person, Person.acta_id == Acta.id)
                      .where(Person.dni == resident.dni)
                      .order_by(Acta.event_date, Acta.id)).all()
    return [summary(db, acta, role=role) for acta, role in rows
            if registrar or not acta.reserved]
