from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import Response

from server.deps import (
    CurrentActor,
    CurrentDevice,
    CurrentStaff,
    DbDep,
    IdempotencyKey,
    OptionalStaff,
    SettingsDep,
    SubjectResident,
    limited,
    require_roles,
)
from server.errors import Problem, problem_responses
from server.identity.service import Role, StaffRef
from server.offices import service as offices
from server.procedures import catalogue, files, filing, inbox, views, workflow
from server.procedures.filing import MAX_ATTACHMENT
from server.procedures.models import Attachment
from server.procedures.schemas import (
    ActionIn,
    AttachmentOut,
    CorrectIn,
    DashboardOut,
    ExpedienteOut,
    FeeIn,
    FeeOut,
    FilingCheckOut,
    FilingIn,
    FilingOut,
    InboxOut,
    ProcedureIn,
    ProcedureOut,
    PublicLookupIn,
    PublicStatusOut,
)
from server.timeutil import today

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 402, 403, 404, 409, 413, 415, 422, 423, 503)
router = APIRouter(prefix="/procedures", tags=["procedures"], responses=REFUSALS)
public_router = APIRouter(prefix="/procedures", tags=["procedures"], responses=REFUSALS)
Admin = Annotated[StaffRef, require_roles()]
FrontDesk = Annotated[StaffRef, require_roles(Role.FRONT_DESK)]


@router.get("/catalogue", response_model=list[ProcedureOut])
def list_catalogue(db: DbDep) -> list[ProcedureOut]:
    """The TUPA in force today, for anyone at a kiosk."""
    return [catalogue.procedure_out(db=db, proc=p) for p in catalogue.in_force(db=db)]


@router.get("/catalogue/{code}", response_model=ProcedureOut)
def get_procedure(code: str, db: DbDep) -> ProcedureOut:
    return catalogue.procedure_out(db=db, proc=catalogue.get(db=db, code=code))


@router.post("/catalogue", response_model=ProcedureOut)
def publish_procedure(body: ProcedureIn, db: DbDep, _: Admin, actor: CurrentActor
                      ) -> ProcedureOut:
    """An administrator publishes a new version of a procedure from a date on."""
    proc = catalogue.publish(db=db, by=actor, body=body)
    db.commit()
    return catalogue.procedure_out(db=db, proc=proc, year=body.valid_from.year)


@router.get("/offices", response_model=list[offices.OfficeOut])
def list_offices(db: DbDep) -> list[offices.OfficeOut]:
    return [offices.office_out(o) for o in offices.list_all(db=db)]


@router.post("/expedientes", response_model=FilingOut)
def file_procedure(body: FilingIn, db: DbDep, device: CurrentDevice, staff: OptionalStaff,
                   resident: SubjectResident, actor: CurrentActor, settings: SettingsDep,
                   once: IdempotencyKey) -> FilingOut:
    """A resident files at a kiosk, or the front desk (or a cashier) files for them."""
    if staff is not None and staff.role not in (Role.FRONT_DESK, Role.CASHIER,
                                                Role.ADMINISTRATOR):
        raise Problem(403, "role_forbidden", "Su rol no permite recibir expedientes.",
                      "Your role does not allow receiving files.")
    channel = "kiosk" if staff is None else "front_desk"
    return once.run(
        scope="procedures.file",
        payload={"resident": resident.id, **body.model_dump(mode="json")}, model=FilingOut,
        action=lambda: files.file(db=db, by=actor, device=device, staff=staff,
                                  resident=resident, channel=channel, body=body,
                                  base_url=settings.public_base_url))


@router.post("/expedientes/check", response_model=FilingCheckOut)
def check_filing(body: FilingIn, db: DbDep, resident: SubjectResident) -> FilingCheckOut:
    """Asked before the fee is charged by card: would this filing be accepted? Writes
    nothing; the refusals are those of filing it."""
    fee = filing.check(db=db, resident=resident, body=body)
    db.rollback()
    return FilingCheckOut(fee=fee)


@router.post("/fees", response_model=FeeOut)
def fee_debt(body: FeeIn, db: DbDep, resident: SubjectResident, actor: CurrentActor
             ) -> FeeOut:
    """The fee as a pending debt of the resident, to pay at the cashier or a bank; the
    receipt is then given when filing at the front desk."""
    debt = filing.fee_debt(db=db, by=actor, resident=resident, code=body.procedure_code)
    db.commit()
    return FeeOut(debt_id=debt.debt_id, amount=debt.amount, label=debt.label)


@router.get("/expedientes/mine", response_model=list[ExpedienteOut])
def my_files(db: DbDep, resident: SubjectResident) -> list[ExpedienteOut]:
    found = files.my_files(db=db, resident=resident)
    db.commit()  # approvals by silence found on the way
    return [views.expediente_out(db, e) for e in found]


@router.get("/expedientes/mine/{ref}", response_model=ExpedienteOut)
def my_file(ref: str, db: DbDep, resident: SubjectResident) -> ExpedienteOut:
    exp = files.own_file(db=db, resident=resident, ref=ref)
    db.commit()
    return views.expediente_out(db, exp)


@router.post("/expedientes/mine/{ref}/correct", response_model=ExpedienteOut)
def correct(ref: str, body: CorrectIn, db: DbDep, resident: SubjectResident,
            actor: CurrentActor) -> ExpedienteOut:
    """Subsanar: the resident (or the front desk for them) answers the observation."""
    exp = files.own_file(db=db, resident=resident, ref=ref)
    workflow.correct(db=db, by=actor, exp=exp, note=body.note)
    db.commit()
    return views.expediente_out(db, exp)


@public_router.post("/follow", response_model=PublicStatusOut,
                    dependencies=[limited("procedures.follow")])
def follow(body: PublicLookupIn, db: DbDep) -> PublicStatusOut:
    """Anyone follows a file with its number and the filer's DNI or RUC (POST: no DNI in
    URLs or access logs)."""
    exp = files.public_lookup(db=db, number=body.number, document=body.document)
    db.commit()
    return views.public_out(db, exp)


@router.get("/expedientes/{ref}", response_model=ExpedienteOut)
def staff_file(ref: str, db: DbDep, staff: CurrentStaff) -> ExpedienteOut:
    exp = files.staff_file(db=db, ref=ref)
    if staff.role != Role.FRONT_DESK:
        workflow.check_scope(db, staff=staff, exp=exp)
    out = views.expediente_out(db, exp)
    out.allowed_actions = workflow.allowed_actions(db=db, staff=staff, exp=exp)
    return out


@router.post("/expedientes/{ref}/actions", response_model=ExpedienteOut)
def act(ref: str, body: ActionIn, db: DbDep, device: CurrentDevice, staff: CurrentStaff,
        actor: CurrentActor) -> ExpedienteOut:
    exp = files.staff_file(db=db, ref=ref, lock=True)
    workflow.act(db=db, by=actor, device=device, staff=staff, exp=exp, body=body)
    db.commit()
    return views.expediente_out(db, exp)


@router.post("/expedientes/{ref}/attachments", response_model=AttachmentOut)
def attach(ref: str, db: DbDep, staff: CurrentStaff, actor: CurrentActor,
           requirement: Annotated[int, Form()], upload: Annotated[UploadFile, File()]
           ) -> AttachmentOut:
    """A clerk attaches a scanned document (PDF, PNG or JPEG, up to 10 MB)."""
    exp = files.staff_file(db=db, ref=ref, lock=True)
    if staff.role not in (Role.FRONT_DESK, Role.ADMINISTRATOR):
        workflow.check_scope(db, staff=staff, exp=exp)
    content = upload.file.read(MAX_ATTACHMENT + 1)
    att = filing.attach(db=db, by=actor, exp=exp, requirement=requirement,
                                filename=upload.filename or "documento", content=content)
    db.commit()
    return AttachmentOut.model_validate(att)


@router.get("/expedientes/{ref}/attachments/{attachment_id}")
def attachment(ref: str, attachment_id: int, db: DbDep, staff: CurrentStaff) -> Response:
    exp = files.staff_file(db=db, ref=ref)
    if staff.role != Role.FRONT_DESK:
        workflow.check_scope(db, staff=staff, exp=exp)
    att = db.get(Attachment, attachment_id)
    if att is None or att.expediente_id != exp.id:
        raise Problem(404, "attachment_not_found", "No existe ese documento adjunto.",
                      "There is no such attachment.")
    return Response(att.content, media_type=att.media_type,
                    headers={"X-Content-SHA256": att.sha256})


@router.post("/expedientes/{ref}/register", response_model=FilingOut)
def register(ref: str, db: DbDep, device: CurrentDevice, _: FrontDesk, actor: CurrentActor,
             settings: SettingsDep) -> FilingOut:
    """The front desk registers a filing started at a kiosk, once its documents are in."""
    out = files.complete(db=db, by=actor, device=device, start_code=ref,
                           base_url=settings.public_base_url)
    db.commit()
    return out


@router.get("/inbox/{office_code}", response_model=InboxOut)
def office_inbox(office_code: str, db: DbDep, staff: CurrentStaff) -> InboxOut:
    office = offices.get(db=db, code=office_code)
    if not offices.in_scope(db=db, staff=staff, office_id=office.id):
        raise Problem(403, "office_scope", "Esa bandeja es de otra oficina.",
                      "That inbox belongs to another office.")
    workflow.sweep_silence(db=db, office_id=office.id)
    db.commit()
    return inbox.inbox(db=db, office=office, on=today())


@router.get("/my-offices", response_model=list[offices.OfficeOut])
def my_offices(db: DbDep, staff: CurrentStaff) -> list[offices.OfficeOut]:
    ids = offices.offices_of_staff(db=db, staff_id=staff.id)
    return [offices.office_out(o) for o in offices.list_all(db=db)
            if o.id in ids or staff.role == Role.ADMINISTRATOR]


@router.get("/dashboard", response_model=DashboardOut)
def dashboard(db: DbDep, _: CurrentStaff) -> DashboardOut:
    """Aggregates only (no names): for any staff member, as the programme reports them."""
    return inbox.dashboard(db=db)
