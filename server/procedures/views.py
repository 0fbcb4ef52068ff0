"""Expedientes as residents, staff and the public see them."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.kernel.text import Text
from server.procedures import catalogue, texts
from server.procedures.filing import missing_attachments
from server.procedures.models import Attachment, Expediente, ExpedienteEvent, Office
from server.procedures.schemas import (
    AttachmentOut,
    EventOut,
    ExpedienteOut,
    PublicStatusOut,
)


def _events(db: Session, exp: Expediente, *, public: bool) -> list[EventOut]:
    rows = db.execute(select(ExpedienteEvent, Office.name_es)
                      .join(Office, Office.id == ExpedienteEvent.office_id)
                      .where(ExpedienteEvent.expediente_id == exp.id)
                      .order_by(ExpedienteEvent.id)).all()
    # The public sees the steps, not the notes (they may name people or details of the case).
    return [EventOut(at=e.at, action=e.action, state=e.state, office=office,
                     note="" if public else e.note, text=texts.event_text(e))
            for e, office in rows]


def expediente_out(db: Session, exp: Expediente) -> ExpedienteOut:
    proc = exp.procedure
    attachments = db.execute(select(Attachment).where(Attachment.expediente_id == exp.id)
                             .order_by(Attachment.id)).scalars()
    return ExpedienteOut(
        number=exp.number, start_code=exp.start_code, procedure_code=proc.code,
        procedure_name=Text(es=proc.name_es, en=proc.name_en), filer_name=exp.filer_name,
        channel=exp.channel, state=exp.state, state_text=texts.state_text(exp),
        outcome=exp.outcome, by_silence=exp.by_silence, office=catalogue.office_out(exp.office),
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
        office=Text(es=exp.office.name_es, en=exp.office.name_en), received_on=exp.received_on,
        due_on=exp.due_on, expected=texts.expected(exp), events=_events(db, exp, public=True))
