import html
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from server.audit.service import Actor
from server.deps import (
    CurrentActor,
    CurrentDevice,
    DbDep,
    IdempotencyKey,
    OptionalStaff,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.errors import problem_responses
from server.identity.service import Role, StaffRef
from server.marriages import booking as bookings
from server.marriages import registrar, slots, views
from server.marriages import rules as r
from server.marriages.booking import Who
from server.marriages.models import Booking, Person
from server.marriages.schemas import (
    BookingIn,
    BookingOut,
    CancelIn,
    CeremonyOut,
    DocumentCheckIn,
    EdictoIn,
    EdictoOut,
    ObjectionIn,
    ObjectionOut,
    PlaceOut,
    RescheduleIn,
    ResolutionIn,
    RulesOut,
    SlotOut,
)
from server.sites.service import DeviceRef
from server.timeutil import IsoDate, today

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 402, 403, 404, 409, 413, 415, 422, 423, 503)
router = APIRouter(prefix="/marriages", tags=["marriages"], responses=REFUSALS)
public_router = APIRouter(prefix="/marriages", tags=["marriages"], responses=REFUSALS)
root_router = APIRouter(tags=["marriages"], responses=REFUSALS)
Registrar = Annotated[StaffRef, require_roles(Role.REGISTRAR)]
MAX_DAYS = 62


def _who(actor: Actor, device: DeviceRef, staff: StaffRef | None) -> Who:
    return Who(by=actor, device=device, staff=staff)


def _out(db, booking: Booking, settings) -> BookingOut:
    return views.booking_out(db, booking, base_url=settings.public_base_url)


# -- anyone at a kiosk ----------------------------------------------------------------------
@router.get("/rules", response_model=RulesOut)
def rules_in_force(db: DbDep) -> RulesOut:
    on = today()
    row = r.in_force(db, on)
    return RulesOut(valid_from=row.valid_from, min_age=row.min_age,
                    file_working_days=row.file_working_days, edicto_days=row.edicto_days,
                    capacity_months=row.capacity_months, medical_days=row.medical_days,
                    dissolution_days=row.dissolution_days, witness_years=row.witness_years,
                    duration_minutes=row.duration_minutes, buffer_minutes=row.buffer_minutes,
                    earliest_day=r.earliest_day(row, on), tupa_code=row.tupa_code,
                    legal_basis=row.legal_basis)


@router.get("/places", response_model=list[PlaceOut])
def list_places(db: DbDep) -> list[PlaceOut]:
    return [views.place_out(p) for p in slots.places(db)]


@router.get("/slots", response_model=list[SlotOut])
def free_slots(db: DbDep, start: IsoDate, days: Annotated[int, Query(ge=1, le=MAX_DAYS)] = 31,
               place: str | None = None) -> list[SlotOut]:
    """The free slots of every place (or one) in `days` days from `start`."""
    found = slots.free_slots(db, start=start, end=start + timedelta(days=days), place=place)
    return [SlotOut(place=s.place.code, place_name=s.place.name, starts_at=s.starts_at,
                    ends_at=s.ends_at, fee=s.fee.amount, fee_kind=s.fee.kind) for s in found]


@router.get("/edictos", response_model=list[EdictoOut])
def edictos(db: DbDep) -> list[EdictoOut]:
    return views.edictos(db)


@router.get("/today", response_model=list[CeremonyOut])
def ceremonies_today(db: DbDep) -> list[CeremonyOut]:
    return views.of_the_day(db)


# -- one of the couple (or staff acting for them) -------------------------------------------
@router.post("/bookings", response_model=BookingOut)
def book(body: BookingIn, db: DbDep, device: CurrentDevice, staff: OptionalStaff,
         resident: SubjectResident, actor: CurrentActor, settings: SettingsDep,
         once: IdempotencyKey) -> BookingOut:
    """Book a ceremony; its fee charged by card exactly once per Idempotency-Key."""
    who = _who(actor, device, staff)
    return once.run(scope="marriages.book",
                    payload={"resident": resident.id, **body.model_dump(mode="json")},
                    model=BookingOut,
                    action=lambda: _out(db, bookings.book(db=db, who=who, resident=resident,
                                                          body=body), settings))


@router.get("/bookings/mine", response_model=list[BookingOut])
def my_bookings(db: DbDep, resident: SubjectResident, settings: SettingsDep
                ) -> list[BookingOut]:
    rows = db.execute(select(Booking).join(Person, Person.booking_id == Booking.id).where(
        Person.role == "contrayente", Person.dni == resident.dni)
        .order_by(Booking.starts_at.desc())).scalars()
    return [_out(db, b, settings) for b in rows]


@router.get("/bookings/{code}", response_model=BookingOut)
def get_booking(code: str, db: DbDep, resident: SubjectResident,
                settings: SettingsDep) -> BookingOut:
    return _out(db, bookings.owned(db, code, resident), settings)


@router.post("/bookings/{code}/reschedule", response_model=BookingOut)
def reschedule(code: str, body: RescheduleIn, db: DbDep, device: CurrentDevice,
               staff: OptionalStaff, resident: SubjectResident, actor: CurrentActor,
               settings: SettingsDep) -> BookingOut:
    booking = bookings.owned(db, code, resident, lock=True)
    bookings.reschedule(db=db, who=_who(actor, device, staff), resident=resident,
                        booking=booking, body=body)
    db.commit()
    return _out(db, booking, settings)


@router.post("/bookings/{code}/cancel", response_model=BookingOut)
def cancel(code: str, body: CancelIn, db: DbDep, device: CurrentDevice, staff: OptionalStaff,
           resident: SubjectResident, actor: CurrentActor, settings: SettingsDep
           ) -> BookingOut:
    booking = bookings.owned(db, code, resident, lock=True)
    bookings.cancel(db=db, who=_who(actor, device, staff), booking=booking, reason=body.reason)
    db.commit()
    return _out(db, booking, settings)


@router.post("/edictos/{code}/objections", response_model=ObjectionOut)
def object_to(code: str, body: ObjectionIn, db: DbDep, device: CurrentDevice,
              staff: OptionalStaff, resident: SubjectResident, actor: CurrentActor
              ) -> ObjectionOut:
    """An objection, by an identified resident, while the edicto is posted."""
    booking = bookings.get(db, code, lock=True)
    o = registrar.file_objection(db=db, who=_who(actor, device, staff), resident=resident,
                                 booking=booking, grounds=body.grounds)
    db.commit()
    return ObjectionOut(seq=o.seq, filer_name=o.filer_name, grounds=o.grounds,
                        filed_at=o.filed_at, state=o.state, resolution=o.resolution)


# -- the registrar at the terminal ----------------------------------------------------------
@router.get("/files", response_model=list[BookingOut])
def files_in_progress(db: DbDep, _: Registrar, settings: SettingsDep) -> list[BookingOut]:
    rows = db.execute(select(Booking).where(Booking.state.in_(bookings.ACTIVE))
                      .order_by(Booking.starts_at).limit(200)).scalars()
    return [_out(db, b, settings) for b in rows]


@router.get("/files/{code}", response_model=BookingOut)
def file_of(code: str, db: DbDep, _: Registrar, settings: SettingsDep) -> BookingOut:
    return _out(db, bookings.get(db, code), settings)


def _step(db, code, settings, action) -> BookingOut:
    booking = bookings.get(db, code, lock=True)
    action(booking)
    db.commit()
    return _out(db, booking, settings)


@router.post("/files/{code}/documents/{document_id}", response_model=BookingOut)
def check_document(code: str, document_id: int, body: DocumentCheckIn, db: DbDep,
                   device: CurrentDevice, staff: Registrar, actor: CurrentActor,
                   settings: SettingsDep) -> BookingOut:
    who = _who(actor, device, staff)
    return _step(db, code, settings, lambda b: registrar.check_document(
        db=db, who=who, booking=b, document_id=document_id, body=body))


@router.post("/files/{code}/edicto", response_model=BookingOut)
def publish_edicto(code: str, body: EdictoIn, db: DbDep, device: CurrentDevice,
                   staff: Registrar, actor: CurrentActor, settings: SettingsDep) -> BookingOut:
    who = _who(actor, device, staff)
    return _step(db, code, settings,
                 lambda b: registrar.publish_edicto(db=db, who=who, booking=b, body=body))


@router.post("/files/{code}/objections/{seq}", response_model=BookingOut)
def resolve(code: str, seq: int, body: ResolutionIn, db: DbDep, device: CurrentDevice,
            staff: Registrar, actor: CurrentActor, settings: SettingsDep) -> BookingOut:
    who = _who(actor, device, staff)
    return _step(db, code, settings, lambda b: registrar.resolve_objection(
        db=db, who=who, booking=b, seq=seq, body=body))


@router.post("/files/{code}/capacity", response_model=BookingOut)
def declare_capacity(code: str, db: DbDep, device: CurrentDevice, staff: Registrar,
                     actor: CurrentActor, settings: SettingsDep) -> BookingOut:
    who = _who(actor, device, staff)
    return _step(db, code, settings,
                 lambda b: registrar.declare_capacity(db=db, who=who, booking=b))


@router.post("/files/{code}/start", response_model=BookingOut)
def start(code: str, db: DbDep, device: CurrentDevice, staff: Registrar, actor: CurrentActor,
          settings: SettingsDep) -> BookingOut:
    who = _who(actor, device, staff)
    return _step(db, code, settings, lambda b: registrar.start(db=db, who=who, booking=b))


@router.post("/files/{code}/conclude", response_model=BookingOut)
def conclude(code: str, db: DbDep, device: CurrentDevice, staff: Registrar,
             actor: CurrentActor, settings: SettingsDep) -> BookingOut:
    """The ceremony held: its marriage acta registered in the civil registry."""
    who = _who(actor, device, staff)
    return _step(db, code, settings, lambda b: registrar.conclude(db=db, who=who, booking=b))


# -- anyone, no device: the calendar feed and the public page -------------------------------
@public_router.get("/calendar.ics", response_class=Response,
                   responses={200: {"content": {"text/calendar": {}}}})
def calendar(db: DbDep, settings: SettingsDep, start: IsoDate | None = None,
             days: Annotated[int, Query(ge=1, le=366)] = 92) -> Response:
    body = views.calendar_ics(db, start=start or today(), days=days,
                              base_url=settings.public_base_url)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'inline; filename="matrimonios.ics"'})


@root_router.get("/ceremonias", response_class=HTMLResponse)
def public_page(db: DbDep) -> HTMLResponse:
    """The day's ceremonies with their live status, for anyone (refreshes itself)."""
    rows = "".join(
        f"<tr><td>{c.starts_at.astimezone(views.LIMA):%H:%M}</td>"
        f"<td>{html.escape(' y '.join(c.names))}</td><td>{html.escape(c.place)}</td>"
        f"<td>{html.escape(c.state_text.es)} / {html.escape(c.state_text.en)}</td><td>"
        + (f'<a href="{html.escape(c.stream_url)}">en vivo / live</a>' if c.stream_url else "")
        + "</td></tr>" for c in views.of_the_day(db))
    if not rows:
        rows = '<tr><td colspan="5">Hoy no hay ceremonias / No ceremonies today</td></tr>'
    page = ("<!doctype html><html lang='es'><head><meta charset='utf-8'>"
            "<meta http-equiv='refresh' content='30'>"
            "<title>Matrimonios civiles de hoy / Today's civil marriages</title></head><body>"
            "<h1>Matrimonios civiles de hoy / Today's civil marriages</h1>"
            "<table><tr><th>Hora / Time</th><th>Contrayentes / Couple</th>"
            "<th>Lugar / Place</th><th>Estado / Status</th><th></th></tr>"
            f"{rows}</table></body></html>")
    return HTMLResponse(page)


