"""Suppliers by RUC and their representatives (registered by the front desk, audited).

RUC (Registro Único de Contribuyentes): 11 digits with a check digit; 10… is a natural person
and digits 3-10 are their DNI, 20… a company (python-stdnum validates both)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.exceptions import ValidationError
from stdnum.pe import ruc as ruc_number

from server.audit import service as audit
from server.errors import Problem
from server.procurement.models import Representative, Supplier
from server.timeutil import utcnow


def valid_ruc(value: str) -> str:
    try:
        ruc = ruc_number.validate(value)
    except ValidationError as exc:
        raise Problem(422, "invalid_ruc",
                      f"El RUC {value} no es válido: revise sus 11 dígitos.",
                      f"RUC {value} is not valid: check its 11 digits.") from exc
    if not ruc.startswith(("10", "15", "17", "20")):
        raise Problem(422, "invalid_ruc",
                      f"El RUC {value} no es de una persona ni de una empresa.",
                      f"RUC {value} is neither a person's nor a company's.")
    return ruc


def person_dni(ruc: str) -> str | None:
    return ruc_number.to_dni(ruc) if ruc.startswith("10") else None


def by_ruc(db: Session, ruc: str, *, required: bool = True) -> Supplier | None:
    row = db.execute(select(Supplier).where(Supplier.ruc == ruc)).scalar()
    if row is None and required:
        raise Problem(404, "supplier_not_found",
                      f"No hay ningún proveedor registrado con RUC {ruc}.",
                      f"No supplier is registered with RUC {ruc}.")
    return row


def register(*, db: Session, by: audit.Actor, ruc: str, name: str,
             representatives: list[str]) -> Supplier:
    """A supplier (or the same one again, with more representatives)."""
    ruc = valid_ruc(ruc)
    name = name.strip()
    if not name:
        raise Problem(422, "supplier_name_missing", "Escriba la razón social o el nombre.",
                      "Write the supplier's name.")
    supplier = by_ruc(db, ruc, required=False)
    if supplier is None:
        supplier = Supplier(ruc=ruc, name=name, person_dni=person_dni(ruc),
                            registered_by=by.actor, registered_at=utcnow())
        db.add(supplier)
        db.flush()
        audit.record(db=db, by=by, action="procurement.supplier.register",
                     target=f"ruc:{ruc}", details={"name": name})
    dnis = list(representatives)
    if supplier.person_dni and supplier.person_dni not in dnis:
        dnis.insert(0, supplier.person_dni)  # a person acts for their own RUC 10
    for dni in dnis:
        if not (len(dni) == 8 and dni.isdigit()):
            raise Problem(422, "invalid_dni", f"El DNI {dni} debe tener 8 dígitos.",
                          f"DNI {dni} must have 8 digits.")
        known = db.execute(select(Representative).where(
            Representative.supplier_id == supplier.id, Representative.dni == dni)).scalar()
        if known is None:
            db.add(Representative(supplier_id=supplier.id, dni=dni, active=True,
                                  registered_by=by.actor, registered_at=utcnow()))
            audit.record(db=db, by=by, action="procurement.representative.register",
                         target=f"ruc:{ruc}", details={"dni": dni})
    db.flush()
    return supplier


@dataclass(frozen=True)
class Acting:
    """A representative at a kiosk and the suppliers they act for."""

    dni: str
    suppliers: tuple[Supplier, ...]

    def supplier(self, ruc: str) -> Supplier:
        for s in self.suppliers:
            if s.ruc == ruc:
                return s
        raise Problem(403, "not_a_representative",
                      f"Usted no está registrado como representante del RUC {ruc}. "
                      "Acérquese a Mesa de Partes.",
                      f"You are not registered as a representative of RUC {ruc}. "
                      "Please go to the front desk.")


def acting(db: Session, dni: str) -> Acting:
    rows = db.execute(select(Supplier).join(Representative,
                                            Representative.supplier_id == Supplier.id)
                      .where(Representative.dni == dni, Representative.active)
                      .order_by(Supplier.ruc)).scalars()
    return Acting(dni=dni, suppliers=tuple(rows))
