"""The file's workflow at the offices: who may move it, from which state to which.

registrado -> en_revision -> derivado -> en_proceso -> observado -> subsanado -> resuelto
(aprobado | denegado) or archivado. Only staff of the office that holds the file (or an
administrator) move it; a resident (or the front desk for them) corrects an observation.
While observado the municipality's clock is paused: the working days left are kept and
given back from the day of the correction.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import service as audit
from server.documents import service as documents
from server.documents.service import DocumentLine
from server.errors import Problem
from server.identity import service as identity
from server.kernel.text import Text
from server.offices import service as offices
from server.procedures import calendar
from server.procedures.history import add_event
from server.procedures.models import Expediente, Procedure
from server.procedures.schemas import ActionIn
from server.sites import service as sites
from server.timeutil import today, utcnow

OPEN = ("registrado", "en_revision", "derivado", "en_proceso", "subsanado")
TRANSITIONS = {  # action -> (states it may start from, state it leads to)
    "review": (("registrado",), "en_revision"),
    "route": (OPEN, "derivado"),
    "accept": (("derivado",), "en_proceso"),
    "observe": (("en_revision", "derivado", "en_proceso", "subsanado"), "observado"),
    "correct": (("observado",), "subsanado"),
    "resolve": (("en_revision", "derivado", "en_proceso", "subsanado"), "resuelto"),
    "archive": ((*OPEN, "observado"), "archivado"),
}
FILE_NOT_FOUND = Problem(404, "expediente_not_found",
                         "No encontramos ese expediente entre los suyos. Revise el número.",
                         "We did not find that file among yours. Check the number.")


def check_scope(db: Session, *, staff: identity.StaffRef, exp: Expediente) -> None:
    if offices.in_scope(db=db, staff=staff, office_id=exp.office_id):
        return
    office = offices.get_by_id(db=db, office_id=exp.office_id)
    raise Problem(403, "office_scope",
                  f"El expediente está en {office.name_es}: solo su personal puede moverlo.",
                  f"The file is at {office.name_en}: only its staff may move it.")


def allowed_actions(*, db: Session, staff: identity.StaffRef, exp: Expediente) -> list[str]:
    """What this clerk may do with this file now, so that a terminal offers nothing else:
    the office's steps for its state (only to staff of the office holding it), and for a
    filing started at a kiosk, attaching its documents and registering it (front desk)."""
    if exp.state == "iniciado":
        front = staff.role in (identity.Role.FRONT_DESK, identity.Role.ADMINISTRATOR)
        return ["attach", "register"] if front else []
    if not offices.in_scope(db=db, staff=staff, office_id=exp.office_id):
        return []
    return [action for action, (sources, _target) in TRANSITIONS.items()
            if action != "correct" and exp.state in sources]


def _check_transition(exp: Expediente, action: str) -> str:
    sources, target = TRANSITIONS[action]
    if exp.state not in sources:
        raise Problem(409, "transition_not_allowed",
                      f"No se puede hacer eso con un expediente en estado «{exp.state}».",
                      f"That cannot be done with a file in state «{exp.state}».",
                      state=exp.state, action=action)
    return target


def act(*, db: Session, by: audit.Actor, device: sites.DeviceRef, staff: identity.StaffRef,
        exp: Expediente, body: ActionIn) -> None:
    """One step by office staff; a correction is `correct` (see `correct`)."""
    check_scope(db, staff=staff, exp=exp)
    target = _check_transition(exp, body.action)
    details: dict = {"from": exp.state, "to": target}
    if body.action == "route":
        if not body.to_office:
            raise Problem(422, "route_needs_office", "Indique a qué oficina deriva el expediente.",
                          "Say which office the file goes to.")
        office = offices.get(db=db, code=body.to_office)
        if office.id == exp.office_id:
            raise Problem(422, "route_same_office", "El expediente ya está en esa oficina.",
                          "The file is already at that office.")
        details["office"] = office.code
        exp.office_id = office.id
    elif body.action == "observe":
        exp.remaining_days = max(0, calendar.working_days_between(today(), exp.due_on))
        exp.correct_by = calendar.add_working_days(today(), body.correct_days)
        exp.observation = body.note
        details["correct_by"] = exp.correct_by.isoformat()
    elif body.action == "correct":
        _resume(exp, today())
    elif body.action == "resolve":
        if body.outcome is None:
            raise Problem(422, "resolve_needs_outcome", "Indique si aprueba o deniega.",
                          "Say whether it is approved or denied.")
        details["outcome"] = body.outcome
        _resolve(db, by=by, device=device, exp=exp, outcome=body.outcome, reason=body.note)
    exp.state = target
    add_event(db, exp, by=by.actor, action=body.action, note=body.note)
    audit.record(db=db, by=by, action=f"procedures.{body.action}",
                 target=f"expediente:{exp.number}", details=details)


def _resume(exp: Expediente, on: date) -> None:
    exp.due_on = calendar.add_working_days(on, exp.remaining_days or 0)
    exp.remaining_days = None
    exp.correct_by = None


def correct(*, db: Session, by: audit.Actor, exp: Expediente, note: str) -> None:
    """The resident (or the front desk for them) answers an observation; the clock restarts."""
    _check_transition(exp, "correct")
    _resume(exp, today())
    exp.state = "subsanado"
    add_event(db, exp, by=by.actor, action="correct", note=note)
    audit.record(db=db, by=by, action="procedures.correct", target=f"expediente:{exp.number}",
                 details={"due_on": exp.due_on.isoformat()})


def _resolve(db: Session, *, by: audit.Actor, device: sites.DeviceRef, exp: Expediente,
             outcome: str, reason: str, silence: bool = False) -> None:
    proc = exp.procedure
    exp.outcome, exp.by_silence, exp.resolved_at = outcome, silence, utcnow()
    decision = "APROBADO" if outcome == "aprobado" else "DENEGADO"
    lines = [DocumentLine(label=Text(es="Expediente", en="File"), value=exp.number),
             DocumentLine(label=Text(es="Trámite", en="Procedure"),
                          value=f"{proc.code} {proc.name_es}"),
             DocumentLine(label=Text(es="Administrado", en="Applicant"), value=exp.filer_name),
             DocumentLine(label=Text(es="Recibido", en="Received"),
                          value=f"{exp.received_on:%d/%m/%Y}"),
             DocumentLine(label=Text(es="Decisión", en="Decision"), value=decision),
             DocumentLine(label=Text(es="Fundamento", en="Grounds"), value=reason),
             DocumentLine(label=Text(es="Autoridad", en="Authority"), value=proc.authority)]
    if outcome == "denegado":
        lines.append(DocumentLine(
            label=Text(es="Recursos", en="Appeals"),
            value=(f"Reconsideración {proc.reconsideration_days} d.h.; "
                   f"apelación {proc.appeal_days} d.h.")))
    title = (Text(es="Constancia de aprobación por silencio administrativo positivo",
                  en="Proof of approval by positive administrative silence") if silence else
             Text(es=f"Resolución: {proc.name_es}"[:120], en=f"Resolution: {proc.name_en}"[:120]))
    doc = documents.issue(db=db, by=by, device=device, kind="resolucion", prefix="RES",
                          title=title, lines=lines,
                          resident=identity.get_resident(db=db, resident_id=exp.resident_id))
    exp.resolution_code = doc.code


def approve_automatic(*, db: Session, by: audit.Actor, device: sites.DeviceRef,
                      exp: Expediente) -> None:
    """An automatic-approval procedure is approved on filing (Ley 27444, art. 36)."""
    exp.state = "resuelto"
    _resolve(db, by=by, device=device, exp=exp, outcome="aprobado",
             reason="Aprobación automática con la presentación de los requisitos del TUPA.")
    add_event(db, exp, by=by.actor, action="resolve", note="Aprobación automática")


def sweep_silence(*, db: Session, on: date | None = None, ids: list[int] | None = None,
                  office_id: int | None = None) -> int:
    """Approve by positive silence every open file whose term ended before `on` unresolved
    (Ley 27444, art. 199): paused (observed) files are not open. Returns how many."""
    on = on or today()
    query = (select(Expediente).join(Procedure, Procedure.id == Expediente.procedure_id)
             .where(Expediente.state.in_(OPEN), Expediente.due_on < on,
                    Procedure.qualification == "positive"))
    if ids is not None:
        query = query.where(Expediente.id.in_(ids))
    if office_id is not None:
        query = query.where(Expediente.office_id == office_id)
    files = list(db.execute(query.with_for_update(of=Expediente)).scalars())
    for exp in files:
        device = sites.get_device(db=db, device_id=exp.device_id)
        exp.state = "resuelto"
        _resolve(db, by=audit.SYSTEM, device=device, exp=exp, outcome="aprobado", silence=True,
                 reason=f"Vencido el plazo el {exp.due_on:%d/%m/%Y} sin pronunciamiento.")
        add_event(db, exp, by=audit.SYSTEM.actor, action="silence")
        audit.record(db=db, by=audit.SYSTEM, action="procedures.silence",
                     target=f"expediente:{exp.number}", details={"due_on": exp.due_on.isoformat()})
    return len(files)
