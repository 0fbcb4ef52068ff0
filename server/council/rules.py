"""The council's rules (Ley Orgánica de Municipalidades, Ley 27972), each in one place:

- número legal: the mayor plus the term's regidores (art. 9.13, 10);
- quorum: half plus one of the members able to sit, i.e. the número legal minus those on leave
  or suspended (art. 16). Rounding: half of an odd number is not whole, so "half plus one" is
  the first whole number above half: `able // 2 + 1` (9 able -> 5, 10 able -> 6);
- majorities (art. 17): *simple* more votes for than against among those voting (the mayor
  breaks a tie); *absoluta* at least half plus one of the número legal; *dos tercios* at least
  two thirds of the número legal, rounded up (ceil(2n/3));
- an extraordinary session needs at least 5 working days between the notice (convocatoria)
  and the session (art. 13), and its agenda cannot change;
- a session may be postponed once, at the request of two thirds of the legal number of
  regidores, to no fewer than 3 and no more than 5 working days later (art. 14).
"""

from dataclasses import dataclass
from datetime import date

from server.kernel import working_days as calendar

SECTIONS = ("acta", "despacho", "informes", "pedidos", "orden_del_dia")
KINDS = ("ordinaria", "extraordinaria", "solemne")
MAJORITIES = ("simple", "absoluta", "dos_tercios")
OPTIONS = ("a_favor", "en_contra", "abstencion", "ausente")
EXTRAORDINARY_NOTICE_DAYS = 5
POSTPONE_MIN_DAYS, POSTPONE_MAX_DAYS = 3, 5


def legal_number(regidores: int) -> int:
    """The número legal: the mayor and the regidores."""
    return regidores + 1


def quorum(able: int) -> int:
    """Half plus one of the members able to sit, rounded as the law reads: the first whole
    number above half."""
    return able // 2 + 1


def two_thirds(n: int) -> int:
    """Two thirds of n, rounded up: the fewest votes that are at least two thirds."""
    return -(-2 * n // 3)


@dataclass(frozen=True)
class Count:
    a_favor: int
    en_contra: int
    abstencion: int
    ausente: int

    @classmethod
    def of(cls, options: list[str]) -> "Count":
        return cls(*(options.count(o) for o in OPTIONS))


def needed(majority: str, *, legal: int, count: Count) -> int:
    """The votes for that the item needs."""
    if majority == "absoluta":
        return legal // 2 + 1
    if majority == "dos_tercios":
        return two_thirds(legal)
    return count.en_contra + 1


def passes(majority: str, *, legal: int, count: Count, mayor: str | None = None) -> bool:
    """Whether the item is approved. A tie under simple majority goes the way the mayor
    voted (voto dirimente, art. 17)."""
    if majority == "simple" and count.a_favor == count.en_contra and count.a_favor:
        return mayor == "a_favor"
    return count.a_favor >= needed(majority, legal=legal, count=count)


def extraordinary_notice_ok(convened_on: date, session_day: date) -> bool:
    """At least 5 working days between the notice and the session."""
    return calendar.add_working_days(convened_on, EXTRAORDINARY_NOTICE_DAYS) <= session_day


def earliest_extraordinary(convened_on: date) -> date:
    return calendar.add_working_days(convened_on, EXTRAORDINARY_NOTICE_DAYS)


def postponement_window(day: date) -> tuple[date, date]:
    """The first and last day a session set for `day` may be postponed to."""
    return (calendar.add_working_days(day, POSTPONE_MIN_DAYS),
            calendar.add_working_days(day, POSTPONE_MAX_DAYS))


def postponement_votes(regidores: int) -> int:
    """Two thirds of the legal number of regidores."""
    return two_thirds(regidores)
