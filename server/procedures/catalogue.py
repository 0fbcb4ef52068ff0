"""The TUPA catalogue: the version of each procedure in force on a date.

An administrator changes a procedure by publishing a new version from a date on; earlier
versions stay, so a file always shows the requirements and fee it was filed under.
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.accounts import service as accounts
from server.audit import service as audit
from server.errors import Problem
from server.kernel.text import Text
from server.money import q2
from server.offices import service as offices
from server.procedures.models import Procedure
from server.procedures.schemas import ProcedureIn, ProcedureOut, Requirement
from server.timeutil import today, utcnow

PROCEDURE_NOT_FOUND = Problem(
    404, "procedure_not_found",
    "Ese trámite no está en el TUPA vigente. Búsquelo en el catálogo o en Consultas.",
    "That procedure is not in the current TUPA. Look it up in the catalogue or in Consultas.")


def signature(*, db: Session) -> tuple:
    """Changes when a version is published (for caches of the catalogue)."""
    return tuple(db.execute(select(func.count(), func.max(Procedure.id))).one())


def _in_force(on: date):
    """The id of each code's newest version whose `valid_from` is on or before `on`."""
    newest = (select(Procedure.code, func.max(Procedure.valid_from).label("since"))
              .where(Procedure.valid_from <= on).group_by(Procedure.code).subquery())
    return select(Procedure).join(newest, (Procedure.code == newest.c.code)
                                  & (Procedure.valid_from == newest.c.since))


def in_force(*, db: Session, on: date | None = None) -> list[Procedure]:
    return list(db.execute(_in_force(on or today()).order_by(Procedure.code)).scalars())


def get(*, db: Session, code: str, on: date | None = None) -> Procedure:
    proc = db.execute(_in_force(on or today()).where(
        Procedure.code == code.strip().upper())).scalar()
    if proc is None:
        raise PROCEDURE_NOT_FOUND
    return proc


def fee(*, db: Session, proc: Procedure, year: int) -> Decimal:
    """The fee in soles: the procedure's share of the year's UIT, to the cent."""
    if proc.fee_uit == 0:
        return q2(Decimal(0))
    return q2(accounts.uit(db=db, year=year) * proc.fee_uit)


def needs_attachment(proc: Procedure) -> bool:
    return any(r.get("attachment") for r in proc.requirements)


def procedure_out(*, db: Session, proc: Procedure, year: int | None = None) -> ProcedureOut:
    return ProcedureOut(
        code=proc.code, version=proc.valid_from, name=Text(es=proc.name_es, en=proc.name_en),
        filer=proc.filer, requirements=[Requirement.model_validate(r) for r in proc.requirements],
        fields=proc.fields, fee_uit=proc.fee_uit,
        fee=fee(db=db, proc=proc, year=year or today().year),
        qualification=proc.qualification, deadline_days=proc.deadline_days,
        office=offices.office_out(offices.get_by_id(db=db, office_id=proc.office_id)),
        authority=proc.authority,
        reconsideration_days=proc.reconsideration_days, appeal_days=proc.appeal_days,
        legal_basis=proc.legal_basis, kiosk_complete=not needs_attachment(proc))


def catalogue(*, db: Session, on: date | None = None) -> list[ProcedureOut]:
    """Every procedure in force on `on` (today), with its fee of that year and its office."""
    on = on or today()
    return [procedure_out(db=db, proc=p, year=on.year) for p in in_force(db=db, on=on)]


def publish(*, db: Session, by: audit.Actor, body: ProcedureIn,
            allow_past: bool = False) -> Procedure:
    """A new version of a procedure from `body.valid_from` on (never rewriting the past)."""
    if body.valid_from < today() and not allow_past:
        raise Problem(422, "version_in_past",
                      "Una nueva versión rige desde hoy o una fecha futura: el pasado no se "
                      "reescribe.", "A new version applies from today or a later date: the "
                      "past is not rewritten.")
    clash = db.execute(select(Procedure.id).where(
        Procedure.code == body.code, Procedure.valid_from == body.valid_from)).first()
    if clash is not None:
        raise Problem(409, "version_exists",
                      f"Ya hay una versión de {body.code} que rige desde "
                      f"{body.valid_from:%d/%m/%Y}.",
                      f"A version of {body.code} already applies from "
                      f"{body.valid_from:%d/%m/%Y}.")
    office = offices.get(db=db, code=body.office_code)
    proc = Procedure(
        code=body.code, valid_from=body.valid_from, name_es=body.name_es, name_en=body.name_en,
        filer=body.filer, requirements=[r.model_dump() for r in body.requirements],
        fields=[f.model_dump() for f in body.fields], fee_uit=body.fee_uit,
        qualification=body.qualification, deadline_days=body.deadline_days, office_id=office.id,
        authority=body.authority, reconsideration_days=body.reconsideration_days,
        appeal_days=body.appeal_days, legal_basis=body.legal_basis, created_by=by.actor,
        created_at=utcnow())
    db.add(proc)
    db.flush()
    audit.record(db=db, by=by, action="procedures.publish", target=f"procedure:{body.code}",
                 details={"valid_from": body.valid_from.isoformat(), "fee_uit": str(body.fee_uit),
                          "deadline_days": body.deadline_days})
    return proc
