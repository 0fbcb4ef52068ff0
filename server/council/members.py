"""The council itself: its term, its members, their leaves and suspensions (licencias,
suspensiones), and how many may sit on a day (the legal number, those able, the quorum).
`Who` is the secretary (and device) acting in every council use case."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from server.audit import service as audit
from server.council import rules as r
from server.council.models import Absence, Member, Term
from server.council.schemas import CouncilAbsenceIn
from server.errors import Problem
from server.sites.service import DeviceRef
from server.timeutil import utcnow


@dataclass(frozen=True)
class Who:
    by: audit.Actor
    device: DeviceRef


def term_on(db: DbSession, on: date) -> Term:
    term = db.execute(select(Term).where(Term.starts_on <= on, Term.ends_on >= on)
                      .order_by(Term.starts_on.desc()).limit(1)).scalar()
    if term is None:
        raise Problem(503, "council_no_term",
                      "No hay un concejo registrado para esa fecha: avise a secretaría general.",
                      "No council term is registered for that date: tell the general secretary.")
    return term


def members(db: DbSession, term: Term) -> list[Member]:
    return list(db.execute(select(Member).where(Member.term_id == term.id)
                           .order_by(Member.seq)).scalars())


def member(db: DbSession, term: Term, code: str) -> Member:
    row = db.execute(select(Member).where(Member.term_id == term.id,
                                          Member.code == code)).scalar()
    if row is None:
        raise Problem(404, "council_member_not_found",
                      f"No hay un miembro del concejo con el código {code}.",
                      f"No council member has the code {code}.")
    return row


def absences_on(db: DbSession, term: Term, on: date) -> dict[int, str]:
    """member id -> licencia | suspension, for those out on `on` (a suspension wins)."""
    rows = db.execute(select(Absence.member_id, Absence.kind).join(
        Member, Member.id == Absence.member_id).where(
        Member.term_id == term.id, Absence.starts_on <= on, Absence.ends_on >= on)).all()
    out: dict[int, str] = {}
    for member_id, kind in rows:
        if out.get(member_id) != "suspension":
            out[member_id] = kind
    return out


def able_and_quorum(db: DbSession, term: Term, on: date) -> tuple[int, int, int]:
    """(legal number, members able to sit, quorum) on a day."""
    legal = r.legal_number(term.regidores)
    able = legal - len(absences_on(db, term, on))
    return legal, able, r.quorum(able)


def add_absence(*, db: DbSession, who: Who, code: str, body: CouncilAbsenceIn) -> Absence:
    if body.ends_on < body.starts_on:
        raise Problem(422, "council_absence_dates",
                      "La fecha final no puede ser anterior a la inicial.",
                      "The end date cannot be before the start date.")
    m = member(db, term_on(db, body.starts_on), code)
    row = Absence(member_id=m.id, kind=body.kind, starts_on=body.starts_on,
                  ends_on=body.ends_on, reason=body.reason.strip(), created_by=who.by.actor,
                  created_at=utcnow())
    db.add(row)
    db.flush()
    audit.record(db=db, by=who.by, action=f"council.{body.kind}", target=f"council_member:{code}",
                 details={"from": body.starts_on.isoformat(), "to": body.ends_on.isoformat()})
    return row
