"""Cuenta corriente as other domains see it: the resident's statement and quotes, the debts a
payment locks, prices and settles, fees and fines, the UIT.

Definitions used across the domain: *predial* is the yearly property tax of an owner;
*arbitrios* are the fees for municipal services to a property (limpieza pública, parques y
jardines, serenazgo); a *cuota* is one instalment of either; a *multa* is an administrative
fine; *TIM* is the monthly late-interest rate; the *UIT* is the yearly tax unit in soles.
"""

from server.accounts.assess import add_fee, add_fine, assess_year, uit
from server.accounts.debts import DebtRef, reduce_balance, restore_balance
from server.accounts.plans import decide_plan, list_plans, request_plan, simulate_plan
from server.accounts.schemas import Quote, Statement, StatementLine, Totals
from server.accounts.statement import (
    issue_no_debt_certificate,
    lock_and_price,
    lock_debts,
    price,
    properties_of,
    quote,
    statement,
)

__all__ = [
    "DebtRef", "Quote", "Statement", "StatementLine", "Totals", "add_fee", "add_fine",
    "assess_year", "decide_plan", "issue_no_debt_certificate", "list_plans", "lock_and_price",
    "lock_debts", "price", "properties_of", "quote", "reduce_balance", "request_plan",
    "restore_balance", "simulate_plan", "statement", "uit",
]
