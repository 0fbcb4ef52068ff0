"""Demo tax account: legal parameters, properties, the years' debts, fines, earlier payments.

Idempotent like the rest of the demo seed: what exists is left alone.
"""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import demo_data as t
from server.accounts.assess import add_fine, assess_year
from server.accounts.models import (
    ArbitrioRate,
    Benefit,
    Debt,
    DueDate,
    Ownership,
    PlanRule,
    PredialBracket,
    Property,
    TaxYear,
    TimRate,
    Valuation,
)
from server.accounts.statement import price
from server.audit.service import SYSTEM
from server.identity import service as identity
from server.money import q2
from server.payments import service as payments
from server.sites import service as sites

ORDER = 30


def _parameters(db: Session) -> None:
    if db.get(TaxYear, min(t.UIT)) is not None:
        return
    for year, (uit, source) in t.UIT.items():
        db.add(TaxYear(year=year, uit=uit, predial_minimum_uit=t.PREDIAL_MINIMUM_UIT,
                       source=source))
    db.flush()
    for year in t.UIT:
        for low, high, rate in t.BRACKETS:
            db.add(PredialBracket(year=year, from_uit=low, to_uit=high, rate=rate))
        for group in ("predial", "arbitrios"):
            for period, due in t.due_dates(year).items():
                db.add(DueDate(year=year, tribute_group=group, period=period, due_on=due,
                               source=f"Ordenanza demo de vencimientos {year}"))
        for service, use, zone, basis, amount in t.ARBITRIOS:
            db.add(ArbitrioRate(year=year, service=service, use=use, zone_id=zone, basis=basis,
                                amount=q2(amount * t.ARBITRIO_SCALE[year]),
                                source=t.ARBITRIO_SOURCE.format(year=year)))
    for valid_from, pct, source in t.TIM:
        db.add(TimRate(valid_from=valid_from, monthly_pct=pct, source=source))
    for kind, group, year, start, end, pct, es, en in t.BENEFITS:
        db.add(Benefit(kind=kind, tribute_group=group, debt_year=year, valid_from=start,
                       valid_to=end, percent=pct, label_es=es, label_en=en,
                       source=t.BENEFIT_SOURCE))
    start, pct, initial, most, source = t.PLAN_RULE
    db.add(PlanRule(valid_from=start, monthly_pct=pct, min_initial_pct=initial,
                    max_instalments=most, source=source))
    db.flush()


def _properties(db: Session) -> None:
    for code, address, zone, use, land, built, value, owners in t.PROPERTIES:
        if db.execute(select(Property).where(Property.code == code)).scalar() is not None:
            continue
        prop = Property(code=code, address=address, zone_id=zone, use=use, land_area=land,
                        built_area=built)
        db.add(prop)
        db.flush()
        for year, scale in t.VALUE_SCALE.items():
            db.add(Valuation(property_id=prop.id, year=year, value=q2(value * scale)))
        for dni, share in owners:
            resident = identity.get_resident_by_dni(db=db, dni=dni)
            db.add(Ownership(property_id=prop.id, resident_id=resident.id, share=share))
    db.flush()


def _history(db: Session) -> None:
    """Payments from before the kiosks, registered at the Palacio's cashier on their day."""
    device = _legacy_device(db)
    for dni, whole_years, partial in t.PAID:
        resident = identity.get_resident_by_dni(db=db, dni=dni)
        debts = db.execute(select(Debt).where(Debt.resident_id == resident.id,
                                              Debt.status == "pending")).scalars().all()
        for year in sorted(set(whole_years) | set(partial)):
            upto = 4 if year in whole_years else partial[year]
            chosen = [d for d in debts if d.year == year and d.period <= upto
                      and d.tribute != "multa"]
            if chosen:
                paid_on = max(d.due_on for d in chosen)
                payments.pay(db=db, by=SYSTEM, device=device, resident=resident,
                             debt_ids=[d.id for d in chosen], method="cash",
                             amount=_total(db, resident, chosen, paid_on), reference=None,
                             method_line="Caja municipal (sistema anterior) / Cashier (former "
                                         "system)", paid_on=paid_on)


def _total(db: Session, resident: identity.ResidentRef, debts: list[Debt], paid_on):
    return price(db=db, resident=resident, debt_ids=[d.id for d in debts],
                 as_of=paid_on).totals.total


def _legacy_device(db: Session) -> sites.DeviceRef:
    return sites.ensure_system_device(db=db, site_code="PM", name="Caja (sistema anterior)")


def seed(*, db: Session, data_dir: Path) -> list[str]:
    first_time = db.get(TaxYear, min(t.UIT)) is None
    _parameters(db)
    _properties(db)
    for year in sorted(t.UIT):
        assess_year(db=db, by=SYSTEM, year=year)
    if first_time:
        for dni, reason, on, amount, due in t.FINES:
            add_fine(db=db, by=SYSTEM, resident=identity.get_resident_by_dni(
                db=db, dni=dni), reason=reason, on=on, amount=amount, due_on=due)
        _history(db)
    db.flush()
    return []
