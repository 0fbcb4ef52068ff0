"""Expedientes as residents, staff and the public see them."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.kernel.text import Text
from server.offices import service as offices
from server.procedures import texts
from server.procedures.filing import missing_attachments
from server.procedures.models import Attachment, Expediente, ExpedienteEvent
from server.procedures.schemas import (
    AttachmentOut,
    EventOut,
    ExpedienteOut,
    PublicStatusOut,
)


def _events(db: Session, exp: Expediente, *, public: bool) -> list[EventOut]:
    rows = db.execute(select(ExpedienteEvent).where(ExpedienteEvent.expediente_id == exp.id)
                      .order_by(ExpedienteEvent.id)).scalars()
    names: dict[int, str] = {}

    def office(office_id: int) -> str:
        if office_id not in names:
            names[office_id] = offices.get_by_id(db=db, office_id=office_id).name_es
        return names[office_id]

    # The public sees the steps, not the notes (they may name people or details of the case).
    return [EventOut(at=e.at, action=e.action, state=e.state, office=office(e.office_id),
                     note="" if public else e.note, text=texts.event_text(e))
            for e in rows]


def expediente_out(db: Session, exp: Expediente) -> ExpedienteOut:
    proc = exp.procedure
    attachments = db.execute(select(Attachment).where(Attachment.expediente_id == exp.id)
                             .order_by(Attachment.id)).scalars()
    return ExpedienteOut(
        number=exp.number, start_code=exp.start_code, procedure_code=proc.code,
        procedure_name=Text(es=proc.name_es, en=proc.name_en), filer_name=exp.filer_name,
        channel=exp.channel, state=exp.state, state_text=texts.state_text(exp),
        outcome=exp.outcome, by_silence=exp.by_silence,
        office=offices.office_out(offices.get_by_id(db=db, office_id=exp.office_id)),
        received_on=exp.received_on, due_on=exp.due_on, correct_by=exp.correct_by,
        observation=exp.observation, expected=texts.expected(exp), fee=exp.fee,
        fee_receipt=exp.fee_receipt, cargo_code=exp.cargo_code,
        resolution_code=exp.resolution_code,
        missing_attachments=[Text(es=proc.requirements[i]["es"], en=proc.requirements[i]["en"])
                             for i in missing_attachments(db, exp)],
        events=_events(db, exp, public=False),
        attachments=[AttachmentOut.model_validate(a) for a in attachments])


def public_out(db: Session, exp: Expediente) -> PublicStatusOut:
    proc = exp.procedure
    return PublicStatusOut(
        number=exp.number, procedure_name=Text(es=proc.name_es, en=proc.name_en),
        state=exp.state, state_text=texts.state_text(exp),
        office=offices.get_by_id(db=db, office_id=exp.office_id).name,
        received_on=exp.received_on,
        due_on=exp.due_on, expected=texts.expected(exp), events=_events(db, exp, public=True))
