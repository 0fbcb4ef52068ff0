"""The council's rules with worked examples: the quorum and its rounding (with leaves and
suspensions), the three majorities, the extraordinary session's notice in working days
(Peru's holidays) and the postponement's window."""

from datetime import date

import pytest

from server.council import rules as r


@pytest.mark.parametrize(("able", "quorum"), [
    (12, 7),  # Miraflores: the mayor and 11 regidores, all able: half is 6, plus one
    (11, 6),  # one on leave: half is 5.5, the first whole number above it is 6
    (10, 6),  # two out (a leave and a suspension): half is 5, plus one
    (9, 5),   # half is 4.5 -> 5
    (6, 4), (5, 3), (1, 1),
])
def test_quorum_is_half_plus_one_of_the_able_rounded_as_the_law_reads(able, quorum):
    assert r.quorum(able) == quorum


def test_legal_number_is_the_mayor_and_the_regidores():
    assert r.legal_number(11) == 12
    assert r.legal_number(5) == 6


def _c(yes=0, no=0, abstain=0, absent=0) -> r.Count:
    return r.Count(yes, no, abstain, absent)


def test_simple_majority_more_for_than_against_and_the_mayor_breaks_a_tie():
    assert r.passes("simple", legal=12, count=_c(5, 4, 3))
    assert not r.passes("simple", legal=12, count=_c(4, 4, 4), mayor="en_contra")
    assert r.passes("simple", legal=12, count=_c(4, 4, 4), mayor="a_favor")
    assert not r.passes("simple", legal=12, count=_c(3, 4, 5))
    assert not r.passes("simple", legal=12, count=_c(0, 0, 12))  # all abstain: nothing adopted


def test_absolute_majority_is_half_plus_one_of_the_legal_number():
    # 12 members: 7 votes for, however many are present or abstain
    assert r.needed("absoluta", legal=12, count=_c()) == 7
    assert r.passes("absoluta", legal=12, count=_c(7, 0, 0, 5))
    assert not r.passes("absoluta", legal=12, count=_c(6, 0, 0, 6))  # 6 to 0 is not enough
    assert r.needed("absoluta", legal=9, count=_c()) == 5


def test_two_thirds_of_the_legal_number_rounded_up():
    assert r.two_thirds(12) == 8
    assert r.two_thirds(9) == 6
    assert r.two_thirds(11) == 8  # 7.33 -> 8
    assert r.two_thirds(10) == 7  # 6.67 -> 7
    assert r.passes("dos_tercios", legal=12, count=_c(8, 4))
    assert not r.passes("dos_tercios", legal=12, count=_c(7, 0, 5))


def test_extraordinary_notice_counts_five_working_days_skipping_holidays():
    # Convened Friday 2026-07-24: Tue 28 and Wed 29 July are Fiestas Patrias (holidays),
    # so the working days are Mon 27, Thu 30, Fri 31, Mon 3 Aug, Tue 4 Aug.
    assert r.earliest_extraordinary(date(2026, 7, 24)) == date(2026, 8, 4)
    assert r.extraordinary_notice_ok(date(2026, 7, 24), date(2026, 8, 4))
    assert not r.extraordinary_notice_ok(date(2026, 7, 24), date(2026, 8, 3))
    # An ordinary week: Monday 2026-11-02 -> Monday 2026-11-09
    assert r.earliest_extraordinary(date(2026, 11, 2)) == date(2026, 11, 9)


def test_postponement_window_is_three_to_five_working_days_and_needs_two_thirds():
    # Session on Thursday 2026-12-03: 3 working days -> Tue 8 Dec is a holiday
    # (Inmaculada Concepción), so Mon 7, Wed 9, Thu 10 -> from Thu 10 to Mon 14.
    assert r.postponement_window(date(2026, 12, 3)) == (date(2026, 12, 10), date(2026, 12, 14))
    assert r.postponement_votes(11) == 8
