"""The tax arithmetic against examples worked by hand, and its invariants (hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from server.accounts import rules
from server.money import fmt

BRACKETS = [rules.Bracket(D("0"), D("15"), D("0.002")),
            rules.Bracket(D("15"), D("60"), D("0.006")),
            rules.Bracket(D("60"), None, D("0.010"))]
UIT_2026 = D("5500")
TIM_1 = [rules.TimPeriod(date(2021, 4, 1), D("1.00"))]


def predial(base: str) -> D:
    return rules.predial_tax(base=D(base), uit=UIT_2026, brackets=BRACKETS,
                             minimum_uit=D("0.006"))


def test_predial_is_progressive_by_bracket():
    # Ley de Tributación Municipal art. 13, UIT 2026 = 5,500: 15 UIT = 82,500.
    # Base 300,000: 82,500 × 0.2 % = 165.00; (300,000 − 82,500) × 0.6 % = 1,305.00.
    assert predial("300000") == D("1470.00")
    # Base 385,000 (above 60 UIT = 330,000): 165.00 + 247,500 × 0.6 % = 1,485.00,
    # + (385,000 − 330,000) × 1.0 % = 550.00 -> 2,200.00.
    assert predial("385000") == D("2200.00")


def test_predial_minimum_is_six_tenths_of_a_percent_of_one_uit():
    # art. 13, last paragraph: minimum 0.6 % of the UIT = 33.00 in 2026.
    assert predial("9000") == D("33.00")  # 9,000 × 0.2 % = 18.00 < 33.00
    assert predial("0") == D("33.00")


def test_cuotas_add_up_and_the_first_takes_the_remainder():
    assert rules.split(D("1000.01"), 4) == [D("250.01"), D("250.00"), D("250.00"),
                                            D("250.00")]
    assert rules.split(D("2200.00"), 4) == [D("550.00")] * 4


def test_interest_daily_rate_and_accumulated_rounding():
    # Código Tributario art. 33: TIM 1 % monthly -> daily 1/30 = 0.03333 % (5 decimals).
    assert rules.daily_pct(D("1.00")) == D("0.03333")
    # Due 28/02/2026, paid 31/05/2026: days 1 March .. 31 May = 31 + 30 + 31 = 92.
    # Accumulated 92 × 0.03333 = 3.06636 % -> 3.066 %; 367.50 × 3.066 % = 11.26755 -> 11.27.
    acc = rules.accumulated_pct(due_on=date(2026, 2, 28), paid_on=date(2026, 5, 31),
                                rates=TIM_1)
    assert acc == D("3.066")
    assert rules.interest(principal=D("367.50"), due_on=date(2026, 2, 28),
                          paid_on=date(2026, 5, 31), rates=TIM_1) == D("11.27")


def test_interest_respects_a_rate_change_mid_period():
    # TIM 1.00 % until 31/03/2025, 0.90 % from 01/04/2025 (daily 0.03 %).
    # Due 28/02/2025, paid 30/04/2025: March 31 d × 0.03333 = 1.03323; April 30 d × 0.03 = 0.9.
    # Sum 1.93323 % -> 1.933 %; 1,000.00 × 1.933 % = 19.33.
    rates = [*TIM_1, rules.TimPeriod(date(2025, 4, 1), D("0.90"))]
    assert rules.accumulated_pct(due_on=date(2025, 2, 28), paid_on=date(2025, 4, 30),
                                 rates=rates) == D("1.933")
    assert rules.interest(principal=D("1000"), due_on=date(2025, 2, 28),
                          paid_on=date(2025, 4, 30), rates=rates) == D("19.33")


def test_no_interest_on_or_before_the_due_date():
    due = date(2026, 5, 31)
    assert rules.interest(principal=D("500"), due_on=due, paid_on=due, rates=TIM_1) == 0
    # The day after the due date is the first day counted: 500 × 0.033 % = 0.165 -> 0.17.
    assert rules.interest(principal=D("500"), due_on=due, paid_on=due + timedelta(days=1),
                          rates=TIM_1) == D("0.17")


def test_arbitrio_by_area_or_flat():
    assert rules.annual_arbitrio(basis="built_area", amount=D("1.80"), land_area=D("180"),
                                 built_area=D("240")) == D("432.00")
    assert rules.annual_arbitrio(basis="flat", amount=D("180.00"), land_area=D("1"),
                                 built_area=D("1")) == D("180.00")


def test_plan_schedule_by_hand():
    # 1,000.00, first payment 200.00, 2 cuotas at 1 % monthly (French method):
    # payment = 800 × 0.01 / (1 − 1/1.0201) = 8 / 0.0197039 = 406.01; cuota 1: interest
    # 8.00, principal 398.01; cuota 2: interest 401.99 × 1 % = 4.02, principal 401.99.
    rows = rules.plan_schedule(total=D("1000.00"), initial=D("200.00"), instalments=2,
                               monthly_pct=D("1"))
    assert rows == [(D("200.00"), D("0.00")), (D("398.01"), D("8.00")),
                    (D("401.99"), D("4.02"))]


def test_amounts_are_written_like_people_read_them():
    assert fmt(D("1234.5")) == "S/ 1,234.50"


money = st.decimals(min_value=D("0.01"), max_value=D("999999.99"), places=2)


@given(total=money, parts=st.integers(1, 12))
def test_split_always_adds_up(total, parts):
    cuotas = rules.split(total, parts)
    assert sum(cuotas) == total and all(c >= 0 for c in cuotas)


@given(principal=money, days=st.integers(0, 3000), more=st.integers(1, 400))
def test_interest_never_negative_and_grows_with_time(principal, days, more):
    due = date(2022, 1, 31)
    early = rules.interest(principal=principal, due_on=due, paid_on=due + timedelta(days),
                           rates=TIM_1)
    later = rules.interest(principal=principal, due_on=due,
                           paid_on=due + timedelta(days + more), rates=TIM_1)
    assert D(0) <= early <= later


@given(total=st.decimals(min_value=D("100"), max_value=D("99999"), places=2),
       share=st.integers(0, 90), n=st.integers(2, 36), pct=st.sampled_from(["0", "0.8", "1.5"]))
def test_plan_principals_add_up_to_the_total(total, share, n, pct):
    initial = (total * share / 100).quantize(D("0.01"))
    rows = rules.plan_schedule(total=total, initial=initial, instalments=n, monthly_pct=D(pct))
    assert sum(p for p, _ in rows) == total
    assert all(p >= 0 and i >= 0 for p, i in rows)


@given(base=st.decimals(min_value=D("0"), max_value=D("9999999"), places=2),
       extra=st.decimals(min_value=D("0"), max_value=D("999999"), places=2))
def test_predial_grows_with_the_base(base, extra):
    low = rules.predial_tax(base=base, uit=UIT_2026, brackets=BRACKETS, minimum_uit=D("0.006"))
    high = rules.predial_tax(base=base + extra, uit=UIT_2026, brackets=BRACKETS,
                             minimum_uit=D("0.006"))
    assert D("33.00") <= low <= high
