"""Fraccionamiento: simulate a plan, request it, and let staff approve or reject it.

An approved plan replaces the debts it covers (status `refinanced`, balance 0, kept forever)
with its own cuotas: the first payment, then monthly cuotas with the plan's interest.
"""

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.accounts import pricing, rules
from server.accounts.debts import lock_debts
from server.accounts.models import Debt, Plan, PlanRule
from server.accounts.schemas import PlanCuota, PlanOut
from server.audit import service as audit
from server.errors import Problem
from server.identity import service as identity
from server.money import fmt, q2
from server.timeutil import utcnow


def _rule(db: Session, as_of: date) -> PlanRule:
    rule = db.execute(select(PlanRule).where(PlanRule.valid_from <= as_of)
                      .order_by(PlanRule.valid_from.desc()).limit(1)).scalar()
    if rule is None:
        raise Problem(409, "plan_rule_missing", "No hay una ordenanza de fraccionamiento vigente.",
                      "No instalment-plan ordinance is in force.")
    return rule


def _month_end(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _schedule(total: Decimal, initial: Decimal, instalments: int, monthly_pct: Decimal,
              start: date) -> list[PlanCuota]:
    rows = rules.plan_schedule(total=total, initial=initial, instalments=instalments,
                               monthly_pct=monthly_pct)
    return [PlanCuota(number=n, due_on=start + timedelta(days=7) if n == 0 else
                      _month_end(start, n), principal=p, interest=i, total=p + i)
            for n, (p, i) in enumerate(rows)]


def _terms(db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int], instalments: int,
           initial: Decimal, as_of: date) -> tuple[PlanRule, Decimal, list[Debt]]:
    rule = _rule(db, as_of)
    debts = lock_debts(db=db, resident=resident, debt_ids=debt_ids)
    if any(d.tribute == "fraccionamiento" for d in debts):
        raise Problem(422, "plan_of_plan", "Las cuotas de un fraccionamiento no se fraccionan.",
                      "The cuotas of a plan cannot be put in another plan.")
    lines = pricing.price(db=db, resident_id=resident.id, debts=debts, as_of=as_of,
                          whole_selection=False)
    total = pricing.totals(lines).total
    minimum = q2(total * rule.min_initial_pct / 100)
    if instalments > rule.max_instalments:
        raise Problem(422, "plan_too_long",
                      f"El máximo es {rule.max_instalments} cuotas.",
                      f"At most {rule.max_instalments} instalments are allowed.")
    if initial < minimum or initial >= total:
        raise Problem(422, "plan_initial_invalid",
                      f"La cuota inicial debe ser de al menos {fmt(minimum)} y menor que "
                      f"{fmt(total)}.",
                      f"The first payment must be at least {fmt(minimum)} and less than "
                      f"{fmt(total)}.", minimum=str(minimum))
    return rule, total, debts


def simulate_plan(*, db: Session, resident: identity.ResidentRef, debt_ids: Sequence[int],
                  instalments: int, initial: Decimal, as_of: date) -> PlanOut:
    rule, total, _ = _terms(db, resident, debt_ids, instalments, initial, as_of)
    db.rollback()  # the simulation only read: release the locks
    return PlanOut(id=None, status="simulation", debt_ids=sorted(debt_ids), total=total,
                   initial=initial, instalments=instalments, monthly_pct=rule.monthly_pct,
                   cuotas=_schedule(total, initial, instalments, rule.monthly_pct, as_of))


def _out(plan: Plan, start: date) -> PlanOut:
    return PlanOut(id=plan.id, status=plan.status, debt_ids=plan.debt_ids, total=plan.total,
                   initial=plan.initial, instalments=plan.instalments,
                   monthly_pct=plan.monthly_pct, note=plan.note,
                   cuotas=_schedule(plan.total, plan.initial, plan.instalments,
                                    plan.monthly_pct, start))


def request_plan(*, db: Session, by: audit.Actor, resident: identity.ResidentRef,
                 debt_ids: Sequence[int], instalments: int, initial: Decimal, as_of: date
                 ) -> PlanOut:
    rule, total, debts = _terms(db, resident, debt_ids, instalments, initial, as_of)
    waiting = db.execute(select(Plan).where(Plan.resident_id == resident.id,
                                            Plan.status == "requested")).scalars()
    if any(set(p.debt_ids) & {d.id for d in debts} for p in waiting):
        raise Problem(409, "plan_already_requested",
                      "Ya hay una solicitud de fraccionamiento en trámite para esas deudas.",
                      "An instalment plan for those debts is already awaiting approval.")
    plan = Plan(resident_id=resident.id, status="requested", debt_ids=sorted(debt_ids),
                total=total, initial=initial, instalments=instalments,
                monthly_pct=rule.monthly_pct, requested_at=utcnow())
    db.add(plan)
    db.flush()
    audit.record(db=db, by=by, action="accounts.plan.request", target=f"plan:{plan.id}",
                 details={"total": str(total), "instalments": instalments})
    return _out(plan, as_of)


def decide_plan(*, db: Session, by: audit.Actor, plan_id: int, approve: bool, note: str,
                as_of: date) -> PlanOut:
    plan = db.execute(select(Plan).where(Plan.id == plan_id).with_for_update()).scalar()
    if plan is None or plan.status != "requested":
        raise Problem(409, "plan_not_pending", "Esa solicitud no está pendiente de decisión.",
                      "That request is not awaiting a decision.")
    plan.decided_by, plan.decided_at, plan.note = by.actor, utcnow(), note
    if not approve:
        plan.status = "rejected"
    else:
        resident = identity.get_resident(db=db, resident_id=plan.resident_id)
        _, total, debts = _terms(db, resident, plan.debt_ids, plan.instalments, plan.initial,
                                 as_of)
        plan.total, plan.status = total, "approved"  # recomputed on the day it takes effect
        for debt in debts:
            debt.balance, debt.status, debt.plan_id = Decimal("0.00"), "refinanced", plan.id
        for cuota in _schedule(total, plan.initial, plan.instalments, plan.monthly_pct, as_of):
            db.add(Debt(resident_id=plan.resident_id, property_id=None,
                        tribute="fraccionamiento", year=as_of.year, period=cuota.number,
                        due_on=cuota.due_on, principal=cuota.total, balance=cuota.total,
                        status="pending", detail=f"Plan {plan.id}", plan_id=plan.id,
                        created_at=utcnow()))
    db.flush()
    audit.record(db=db, by=by, action=f"accounts.plan.{plan.status}", target=f"plan:{plan.id}",
                 details={"note": note, "total": str(plan.total)})
    return _out(plan, as_of)


def list_plans(*, db: Session, resident: identity.ResidentRef | None, status: str | None
               ) -> list[PlanOut]:
    query = select(Plan).order_by(Plan.id)
    if resident is not None:
        query = query.where(Plan.resident_id == resident.id)
    if status:
        query = query.where(Plan.status == status)
    return [_out(p, (p.decided_at or p.requested_at).date())
            for p in db.execute(query).scalars()]
