from typing import Annotated

from fastapi import APIRouter

from server.deps import (
    CurrentActor,
    CurrentDevice,
    DbDep,
    IdempotencyKey,
    OptionalStaff,
    PublicReadDbDep,
    SettingsDep,
    SubjectResident,
    require_roles,
)
from server.documents import service as documents
from server.errors import Problem, problem_responses
from server.identity.service import Role, StaffRef
from server.procurement import bidding, ocds, opening, suppliers, tendering, views
from server.procurement.schemas import (
    BidOpeningIn,
    BidReceiptOut,
    CommitteeKeyIn,
    CommitteeKeyOut,
    QuoteReasonIn,
    QuoteRequestIn,
    QuoteRequestOut,
    QuoteSupplierOut,
    RepresentedSuppliersOut,
    SealedBidIn,
    SealedBidOut,
    SupplierRegistrationIn,
)
from server.procurement.tendering import Who
from server.procurement.views import request_out, supplier_out

# The refusals this domain's services, and those of the domains it reaches, may answer.
REFUSALS = problem_responses(401, 403, 404, 409, 422, 503)
router = APIRouter(prefix="/procurement", tags=["procurement"], responses=REFUSALS)
public_router = APIRouter(prefix="/ocds", tags=["procurement"], responses=REFUSALS)
Officer = Annotated[StaffRef, require_roles(Role.PROCUREMENT_OFFICER)]
Registrar = Annotated[StaffRef, require_roles(Role.FRONT_DESK, Role.PROCUREMENT_OFFICER)]
RESULTS = ("publicada", "abierta", "adjudicada", "con_orden", "desierta", "cancelada")


# -- anyone at a kiosk ----------------------------------------------------------------------
@router.get("/requests", response_model=list[QuoteRequestOut])
def list_requests(db: DbDep, _: CurrentDevice, state: str | None = None) -> list[QuoteRequestOut]:
    """Open requests and results, newest first (`state=publicada` for the open ones)."""
    states = (state,) if state in RESULTS else RESULTS
    return [request_out(db, r) for r in views.listed(db, states=states)]


@router.get("/requests/{code}", response_model=QuoteRequestOut)
def get_request(code: str, db: DbDep, _: CurrentDevice) -> QuoteRequestOut:
    return request_out(db, tendering.get(db, code))


# -- a supplier's representative (identified by DNI card) -----------------------------------
@router.get("/represented", response_model=RepresentedSuppliersOut)
def represented(db: DbDep, resident: SubjectResident) -> RepresentedSuppliersOut:
    found = suppliers.acting(db, resident.dni)
    return RepresentedSuppliersOut(dni=found.dni,
                                   suppliers=[supplier_out(s) for s in found.suppliers])


@router.get("/mine", response_model=list[QuoteRequestOut])
def mine(db: DbDep, resident: SubjectResident) -> list[QuoteRequestOut]:
    found = suppliers.acting(db, resident.dni)
    rows = views.for_suppliers(db, [s.id for s in found.suppliers]) if found.suppliers else []
    return [request_out(db, r) for r in rows]


@router.post("/requests/{code}/bids", response_model=BidReceiptOut)
def submit_bid(code: str, body: SealedBidIn, db: DbDep, device: CurrentDevice,
               staff: OptionalStaff, resident: SubjectResident, actor: CurrentActor,
               settings: SettingsDep, once: IdempotencyKey) -> BidReceiptOut:
    """A sealed quotation; a retry with the same Idempotency-Key is received once."""
    who = Who(by=actor, device=device, staff=staff)

    def action() -> BidReceiptOut:
        req = tendering.get(db, code, lock=True)
        bid, replaced, doc = bidding.submit(db=db, who=who, resident=resident, req=req,
                                            body=body)
        supplier = suppliers.by_ruc(db, body.ruc)
        return BidReceiptOut(request=req.code, ruc=supplier.ruc, name=supplier.name,
                             seq=bid.seq, replaced=replaced, received_at=bid.received_at,
                             fingerprint=bid.fingerprint,
                             document=documents.document_out(
                                 db=db, code=doc.code, base_url=settings.public_base_url))

    return once.run(scope="procurement.bid", payload={"resident": resident.id, "code": code,
                                                      **body.model_dump(mode="json")},
                    model=BidReceiptOut, action=action)


# -- the front desk: suppliers and their representatives -------------------------------------
@router.post("/suppliers", response_model=QuoteSupplierOut)
def register_supplier(body: SupplierRegistrationIn, db: DbDep, _: Registrar, actor: CurrentActor
                      ) -> QuoteSupplierOut:
    s = suppliers.register(db=db, by=actor, ruc=body.ruc, name=body.name,
                           representatives=body.representatives)
    db.commit()
    return supplier_out(s)


# -- the procurement officers at the terminal ------------------------------------------------
@router.post("/keys", response_model=CommitteeKeyOut)
def register_key(body: CommitteeKeyIn, db: DbDep, device: CurrentDevice, staff: Officer,
                 actor: CurrentActor) -> CommitteeKeyOut:
    """An official's public opening key (made at this terminal; the private half never
    leaves their sealed file)."""
    if staff.username != body.holder and staff.role != Role.ADMINISTRATOR:
        raise Problem(403, "own_key_only", "Cada funcionario registra solo su propia clave.",
                      "Each official registers only their own key.")
    key = tendering.register_key(db=db, who=Who(by=actor, device=device, staff=staff),
                                 body=body)
    db.commit()
    return CommitteeKeyOut(id=key.id, holder=key.holder, public_key=key.public_key,
                  registered_at=key.registered_at)


@router.post("/requests", response_model=QuoteRequestOut)
def publish(body: QuoteRequestIn, db: DbDep, device: CurrentDevice, staff: Officer,
            actor: CurrentActor) -> QuoteRequestOut:
    req = tendering.publish(db=db, who=Who(by=actor, device=device, staff=staff), body=body)
    db.commit()
    return request_out(db, req)


@router.get("/requests/{code}/sealed", response_model=list[SealedBidOut])
def sealed_bids(code: str, db: DbDep, _: Officer) -> list[SealedBidOut]:
    """The current sealed bids, for the committee to open at the terminal."""
    from procurement_crypto import b64

    req = tendering.get(db, code)
    return [SealedBidOut(ruc=s.ruc, name=s.name, seq=b.seq, fingerprint=b.fingerprint,
                      sealed=b64(b.sealed)) for b, s in opening.current_bids(db, req)]


def _step(db, code: str, action) -> QuoteRequestOut:
    req = tendering.get(db, code, lock=True)
    action(req)
    db.commit()
    return request_out(db, req)


@router.post("/requests/{code}/opening", response_model=QuoteRequestOut)
def open_bids(code: str, body: BidOpeningIn, db: DbDep, device: CurrentDevice, staff: Officer,
              actor: CurrentActor) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: opening.open_bids(db=db, who=who, req=r, body=body))


@router.post("/requests/{code}/bids/{ruc}/non-compliant", response_model=QuoteRequestOut)
def non_compliant(code: str, ruc: str, body: QuoteReasonIn, db: DbDep, device: CurrentDevice,
                  staff: Officer, actor: CurrentActor) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: opening.non_compliant(db=db, who=who, req=r, ruc=ruc,
                                                           reason=body.reason))


@router.post("/requests/{code}/award", response_model=QuoteRequestOut)
def award(code: str, db: DbDep, device: CurrentDevice, staff: Officer, actor: CurrentActor
          ) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: opening.award(db=db, who=who, req=r))


@router.post("/requests/{code}/order", response_model=QuoteRequestOut)
def order(code: str, db: DbDep, device: CurrentDevice, staff: Officer, actor: CurrentActor
          ) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: opening.order(db=db, who=who, req=r))


@router.post("/requests/{code}/void", response_model=QuoteRequestOut)
def declare_void(code: str, body: QuoteReasonIn, db: DbDep, device: CurrentDevice, staff: Officer,
                 actor: CurrentActor) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: tendering.end(db=db, who=who, req=r, state="desierta",
                                                   reason=body.reason))


@router.post("/requests/{code}/cancel", response_model=QuoteRequestOut)
def cancel(code: str, body: QuoteReasonIn, db: DbDep, device: CurrentDevice, staff: Officer,
           actor: CurrentActor) -> QuoteRequestOut:
    who = Who(by=actor, device=device, staff=staff)
    return _step(db, code, lambda r: tendering.end(db=db, who=who, req=r, state="cancelada",
                                                   reason=body.reason))


# -- anyone, no device: open contracting data -------------------------------------------------
def _uri(settings, path: str) -> str:
    return f"{settings.public_base_url.rstrip('/')}/api/v1/ocds/{path}"


@public_router.get("/releases")
def all_releases(db: PublicReadDbDep, settings: SettingsDep) -> dict:
    """Every release published, as one release package."""
    bodies = ocds.releases(db)
    return ocds.release_package(bodies, uri=_uri(settings, "releases"))


def _of(db, ocid: str) -> list[dict]:
    bodies = ocds.releases(db, ocid)
    if not bodies:
        raise Problem(404, "ocid_not_found", f"No hay datos de contratación para {ocid}.",
                      f"There is no contracting data for {ocid}.")
    return bodies


@public_router.get("/releases/{ocid}")
def releases_of(ocid: str, db: PublicReadDbDep, settings: SettingsDep) -> dict:
    return ocds.release_package(_of(db, ocid), uri=_uri(settings, f"releases/{ocid}"))


@public_router.get("/records/{ocid}")
def record_of(ocid: str, db: PublicReadDbDep, settings: SettingsDep) -> dict:
    return ocds.record_package(_of(db, ocid), uri=_uri(settings, f"records/{ocid}"))
