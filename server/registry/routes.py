from typing import Annotated

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.responses import Response

from server.audit.service import Actor
from server.config import ServerSettings
from server.deps import (
    CurrentActor,
    CurrentDevice,
    CurrentSession,
    DbDep,
    IdempotencyKey,
    OptionalStaff,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.documents import service as documents
from server.errors import Problem, problem_responses
from server.identity import service as identity
from server.identity.service import Role, StaffRef
from server.registry import access, copies, keeping, register, reniec, signing
from server.registry.keeping import MAX_IMAGE
from server.registry.schemas import (
    ActaIn,
    ActaOut,
    ActaSummary,
    AnnotationIn,
    BatchOut,
    CopyFeeDebtIn,
    CopyFeeDebtOut,
    CopyIn,
    CopyOut,
    CopyQuote,
    CopyRequestOut,
    Kind,
    ReniecStatusOut,
    ReserveIn,
)
from server.registry.views import acta_out, image_of
from server.sites.service import DeviceRef
from server.timeutil import IsoDate

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 402, 403, 404, 409, 413, 415, 422, 423, 503)
router = APIRouter(prefix="/registry", tags=["registry"], responses=REFUSALS)
Registrar = Annotated[StaffRef, require_roles(Role.REGISTRAR)]


def _resident_if_any(db: DbDep, session: CurrentSession) -> identity.ResidentRef | None:
    rid = session.resident_id or session.acting_for_resident_id
    return identity.get_resident(db=db, resident_id=rid) if rid else None


MaybeResident = Annotated[identity.ResidentRef | None, Depends(_resident_if_any)]


def _viewer(staff: StaffRef | None, resident: identity.ResidentRef | None) -> bool:
    """Whether the registrar's rules apply; anyone else must be (or serve) a resident."""
    if access.is_registrar(staff):
        return True
    if resident is None:
        raise Problem(403, "not_acting_for_resident",
                      "Primero busque al vecino por su DNI para atenderlo.",
                      "First look the resident up by DNI to act on their behalf.")
    return False


def _ctx(actor: Actor, device: DeviceRef, staff: StaffRef | None,
         settings: ServerSettings) -> copies.Issuing:
    return copies.Issuing(by=actor, device=device, staff=staff,
                          signing=signing.paths(settings.data_dir),
                          base_url=settings.public_base_url)


# -- certified copies (a resident at a kiosk, or staff serving one) ---------------------------
@router.get("/actas/search", response_model=list[ActaSummary])
def search(db: DbDep, staff: OptionalStaff, resident: MaybeResident, kind: Kind,
           surnames: str = "", given_names: str = "", event_date: IsoDate | None = None,
           number: str = "") -> list[ActaSummary]:
    registrar = _viewer(staff, resident)
    return access.search(db=db, resident=resident, registrar=registrar, kind=kind,
                         surnames=surnames[:120], given_names=given_names[:120],
                         event_date=event_date, number=number[:20])


@router.get("/actas/mine", response_model=list[ActaSummary])
def mine(db: DbDep, resident: SubjectResident, staff: OptionalStaff) -> list[ActaSummary]:
    return access.mine(db=db, resident=resident, registrar=access.is_registrar(staff))


@router.get("/actas/{acta_id}", response_model=ActaOut)
def get_acta(acta_id: int, db: DbDep, staff: OptionalStaff, resident: MaybeResident
             ) -> ActaOut:
    """The acta as its copy would show it (for a requester the copy rules apply)."""
    registrar = _viewer(staff, resident)
    acta = access.get_acta(db, acta_id, registrar=registrar)
    if not registrar:
        access.check_copy(db, acta, resident=resident, registrar=False)
    return acta_out(db, acta, registrar=registrar)


@router.get("/actas/{acta_id}/quote", response_model=CopyQuote)
def quote(acta_id: int, db: DbDep, resident: SubjectResident, staff: OptionalStaff
          ) -> CopyQuote:
    return copies.quote(db=db, resident=resident, staff=staff, acta_id=acta_id)


@router.post("/copies", response_model=CopyOut)
def issue_copy(body: CopyIn, db: DbDep, device: CurrentDevice, staff: OptionalStaff,
               resident: SubjectResident, actor: CurrentActor, settings: SettingsDep,
               once: IdempotencyKey) -> CopyOut:
    """A certified copy, its fee taken exactly once per Idempotency-Key."""
    ctx = _ctx(actor, device, staff, settings)
    return once.run(scope="registry.copy",
                    payload={"resident": resident.id, **body.model_dump(mode="json")},
                    model=CopyOut,
                    action=lambda: copies.issue_copy(db=db, ctx=ctx, resident=resident,
                                                     body=body))


@router.post("/fees", response_model=CopyFeeDebtOut)
def fee_debt(body: CopyFeeDebtIn, db: DbDep, resident: SubjectResident, staff: OptionalStaff,
             actor: CurrentActor) -> CopyFeeDebtOut:
    """The fee as a pending debt, to pay at the cashier or a bank with a payment code."""
    debt = copies.fee_debt(db=db, by=actor, resident=resident, staff=staff,
                           acta_id=body.acta_id)
    db.commit()
    return CopyFeeDebtOut(debt_id=debt.debt_id, amount=debt.amount, label=debt.label)


@router.get("/requests/mine", response_model=list[CopyRequestOut])
def my_requests(db: DbDep, resident: SubjectResident) -> list[CopyRequestOut]:
    return [copies.request_out(db, r, staff=False)
            for r in copies.my_requests(db=db, resident=resident)]


@router.get("/requests/mine/{tracking}", response_model=CopyRequestOut)
def my_request(tracking: str, db: DbDep, resident: SubjectResident) -> CopyRequestOut:
    return copies.request_out(db, copies.own_request(db=db, resident=resident,
                                                     tracking=tracking), staff=False)


# -- the register (the registrar at the terminal) --------------------------------------------
@router.post("/actas", response_model=ActaOut)
def register_acta(body: ActaIn, db: DbDep, staff: Registrar, actor: CurrentActor) -> ActaOut:
    acta = register.register(db=db, by=actor, staff=staff, body=body)
    db.commit()
    return acta_out(db, acta, registrar=True)


@router.post("/actas/{acta_id}/annotations", response_model=ActaOut)
def annotate(acta_id: int, body: AnnotationIn, db: DbDep, staff: Registrar,
             actor: CurrentActor) -> ActaOut:
    acta = access.get_acta(db, acta_id, registrar=True, lock=True)
    keeping.annotate(db=db, by=actor, staff=staff, acta=acta, body=body)
    db.commit()
    return acta_out(db, acta, registrar=True)


@router.post("/actas/{acta_id}/reserve", response_model=ActaOut)
def reserve(acta_id: int, body: ReserveIn, db: DbDep, _: Registrar, actor: CurrentActor
            ) -> ActaOut:
    acta = access.get_acta(db, acta_id, registrar=True, lock=True)
    keeping.reserve(db=db, by=actor, acta=acta, reason=body.reason)
    db.commit()
    return acta_out(db, acta, registrar=True)


@router.post("/actas/{acta_id}/image", response_model=ActaOut)
def attach_image(acta_id: int, db: DbDep, _: Registrar, actor: CurrentActor,
                 upload: Annotated[UploadFile, File()]) -> ActaOut:
    """The scanned paper acta (PDF, PNG or JPEG by its content, up to 10 MB)."""
    acta = access.get_acta(db, acta_id, registrar=True, lock=True)
    content = upload.file.read(MAX_IMAGE + 1)
    keeping.attach_image(db=db, by=actor, acta=acta, filename=upload.filename or "acta",
                         content=content)
    db.commit()
    return acta_out(db, acta, registrar=True)


@router.get("/actas/{acta_id}/image", response_class=Response)
def image(acta_id: int, db: DbDep, _: Registrar) -> Response:
    acta = access.get_acta(db, acta_id, registrar=True)
    found = image_of(db, acta.id)
    if found is None:
        raise Problem(404, "image_missing", "El acta no tiene imagen escaneada.",
                      "The record has no scanned image.")
    return Response(found.content, media_type=found.media_type,
                    headers={"X-Content-SHA256": found.sha256})


@router.get("/requests", response_model=list[CopyRequestOut])
def pending_requests(db: DbDep, _: Registrar) -> list[CopyRequestOut]:
    return [copies.request_out(db, r, staff=True) for r in copies.pending(db=db)]


@router.post("/requests/{tracking}/fulfil", response_model=CopyOut)
def fulfil(tracking: str, db: DbDep, device: CurrentDevice, staff: Registrar,
           actor: CurrentActor, settings: SettingsDep) -> CopyOut:
    """The copy of a paper acta, prepared: issued to its requester (already paid)."""
    ctx = _ctx(actor, device, staff, settings)
    req = copies.fulfil(db=db, ctx=ctx, tracking=tracking)
    document = documents.document_out(db=db, code=req.copy_code,
                                             base_url=settings.public_base_url)
    out = CopyOut(document=document, amount=req.amount, free=req.amount == 0,
                  receipt=req.receipt, request=copies.request_out(db, req, staff=True),
                  pdf_url=f"{settings.public_base_url.rstrip('/')}/verify/{req.copy_code}/pdf")
    db.commit()
    return out


@router.get("/reniec", response_model=ReniecStatusOut)
def reniec_status(db: DbDep, _: Registrar) -> ReniecStatusOut:
    return reniec.status(db=db)


@router.post("/reniec/batches", response_model=BatchOut)
def reniec_export(db: DbDep, _: Registrar, actor: CurrentActor) -> BatchOut:
    batch = reniec.export(db=db, by=actor)
    db.commit()
    return reniec.batch_out(batch)


@router.get("/reniec/batches/{number}", response_class=Response)
def reniec_file(number: str, db: DbDep, _: Registrar) -> Response:
    batch = reniec.get_batch(db=db, number=number)
    return Response(batch.content, media_type="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{batch.filename}"',
                             "X-Content-SHA256": batch.sha256})

