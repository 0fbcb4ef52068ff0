"""Open Contracting Data Standard 1.1: every stage of a request is published at once as a
release (planning and tender at publication, tenderUpdate at the opening or when void,
tenderCancellation, award, contract for the order); records are compiled from them with
ocdskit. Releases are stored as published and never changed.

OCID: `ocds-mflr26-<code>`. The prefix `ocds-mflr26` is this deployment's own until the
municipality registers one with the Open Contracting Partnership (then change `PREFIX`)."""

import json
from decimal import Decimal
from functools import cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.money import q2
from server.procurement.models import Bid, Invitation, Item, Release, Request, Supplier
from server.timeutil import utcnow

PREFIX = "ocds-mflr26"
BUYER_RUC = "20131377224"  # Municipalidad Distrital de Miraflores
BUYER = {"id": f"PE-RUC-{BUYER_RUC}", "name": "Municipalidad Distrital de Miraflores"}
PUBLISHER = {"name": "Municipalidad Distrital de Miraflores", "scheme": "PE-RUC",
             "uid": BUYER_RUC}
VERSION = "1.1"
TENDER_STATUS = {"publicada": "active", "abierta": "active", "adjudicada": "complete",
                 "con_orden": "complete", "desierta": "unsuccessful", "cancelada": "cancelled"}
METHOD_DETAILS = "Contratación menor (hasta 8 UIT), Ley 32069: cotización directa"


def ocid(code: str) -> str:
    return f"{PREFIX}-{code}"


def _iso(dt) -> str:
    return dt.isoformat().replace("+00:00", "Z")


def _money(amount: Decimal) -> dict:
    return {"amount": float(q2(amount)), "currency": "PEN"}


def _party(s: Supplier, roles: list[str]) -> dict:
    return {"id": f"PE-RUC-{s.ruc}", "name": s.name,
            "identifier": {"scheme": "PE-RUC", "id": s.ruc, "legalName": s.name},
            "roles": roles}


def build(db: Session, req: Request, stage: str) -> dict:
    """The release of `stage` from the request as it stands now."""
    now = utcnow()
    items = list(db.execute(select(Item).where(Item.request_id == req.id)
                            .order_by(Item.seq)).scalars())
    invited = list(db.execute(select(Supplier).join(Invitation,
                                                    Invitation.supplier_id == Supplier.id)
                              .where(Invitation.request_id == req.id)
                              .order_by(Supplier.ruc)).scalars())
    ocds_items = [{"id": str(i.seq), "description": i.description,
                   "quantity": float(i.quantity), "unit": {"name": i.unit}} for i in items]
    tender = {
        "id": req.code, "title": req.title, "description": req.description or req.title,
        "status": "planned" if stage == "planning" else TENDER_STATUS[req.state],
        "items": ocds_items, "value": _money(req.estimated_value),
        "procurementMethod": "direct" if len(invited) == 1 and not req.open_to_all
        else "limited",
        "procurementMethodDetails": METHOD_DETAILS,
        "mainProcurementCategory": req.category,
        "tenderPeriod": {"startDate": _iso(req.published_at), "endDate": _iso(req.deadline)},
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": "Cotización sellada en un quiosco municipal",
        "procuringEntity": BUYER,
    }
    parties = {BUYER["id"]: {**BUYER, "identifier": {"scheme": "PE-RUC", "id": BUYER_RUC},
                             "roles": ["buyer", "procuringEntity"]}}
    for s in invited:
        parties[f"PE-RUC-{s.ruc}"] = _party(s, ["tenderer"])
    release = {"ocid": req.ocid, "id": "", "date": _iso(now), "tag": [stage],
               "initiationType": "tender", "language": "es", "buyer": BUYER,
               "planning": {"budget": {"description": "Valor estimado del requerimiento",
                                       "amount": _money(req.estimated_value)},
                            "rationale": f"Tope: S/ {q2(req.cap)} (8 UIT del año)"},
               "tender": tender}
    if req.reason:
        tender["statusDetails"] = req.reason
    if req.opened_at is not None:
        bids = list(db.execute(select(Bid, Supplier).join(Supplier, Supplier.id == Bid.supplier_id)
                               .where(Bid.request_id == req.id, Bid.current)))
        tender["numberOfTenderers"] = len(bids)
        tender["tenderers"] = [{"id": f"PE-RUC-{s.ruc}", "name": s.name} for _, s in bids]
        for _, s in bids:
            parties.setdefault(f"PE-RUC-{s.ruc}", _party(s, ["tenderer"]))
    if req.awarded_bid_id is not None:
        bid = db.get(Bid, req.awarded_bid_id)
        s = db.get(Supplier, bid.supplier_id)
        parties[f"PE-RUC-{s.ruc}"] = _party(s, ["tenderer", "supplier"])
        release["awards"] = [{"id": f"{req.code}-A1", "title": f"Buena pro {req.code}",
                              "status": "active", "date": _iso(req.awarded_at),
                              "value": _money(bid.total),
                              "suppliers": [{"id": f"PE-RUC-{s.ruc}", "name": s.name}],
                              "items": ocds_items}]
        if req.order_number:
            release["contracts"] = [{"id": req.order_number, "awardID": f"{req.code}-A1",
                                     "title": req.order_number, "status": "active",
                                     "value": _money(bid.total),
                                     "dateSigned": _iso(req.ordered_at),
                                     "items": ocds_items}]
    release["parties"] = list(parties.values())
    return release


def publish(*, db: Session, req: Request, stage: str) -> Release:
    seq = 1 + len(list(db.execute(select(Release.id).where(Release.ocid == req.ocid))))
    body = build(db, req, stage)
    body["id"] = f"{req.ocid}-{seq:02d}-{stage}"
    row = Release(ocid=req.ocid, release_id=body["id"], date=utcnow(), body=body)
    db.add(row)
    db.flush()
    return row


def releases(db: Session, ocid_: str | None = None) -> list[dict]:
    query = select(Release).order_by(Release.id)
    if ocid_ is not None:
        query = query.where(Release.ocid == ocid_)
    return [r.body for r in db.execute(query).scalars()]


def release_package(bodies: list[dict], *, uri: str) -> dict:
    return {"uri": uri, "version": VERSION, "publishedDate": _iso(utcnow()),
            "publisher": PUBLISHER, "releases": bodies}


@cache
def release_schema() -> dict:
    text = resources.files("server.procurement").joinpath("ocds_data/release-schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


def record_package(bodies: list[dict], *, uri: str) -> dict:
    """Records compiled from the releases by ocdskit (offline: the schema is ours)."""
    from ocdskit.combine import merge

    packages = [release_package(bodies, uri=uri)]
    return next(merge(packages, uri=uri, publisher=PUBLISHER,
                      published_date=_iso(utcnow()), schema=release_schema(),
                      return_package=True))
