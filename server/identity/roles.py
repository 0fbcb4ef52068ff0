"""Staff roles and what each may do at the terminal."""

from enum import StrEnum


class Role(StrEnum):
    CASHIER = "cashier"                       # cajero
    REGISTRAR = "registrar"                   # registrador civil
    FRONT_DESK = "front_desk"                 # mesa de partes
    COUNCIL_SECRETARY = "council_secretary"   # secretaría del concejo
    ELECTION_OFFICER = "election_officer"     # oficial electoral
    PROCUREMENT_OFFICER = "procurement_officer"  # logística
    CASE_OFFICER = "case_officer"             # especialista: processes an office's files
    WIFI_OPERATOR = "wifi_operator"           # Ciudad inalámbrica: vouchers, hotspots, usage
    ADMINISTRATOR = "administrator"


# Roles whose work is done for a resident at the counter.
ACTS_FOR_RESIDENTS = frozenset(
    {Role.CASHIER, Role.REGISTRAR, Role.FRONT_DESK, Role.ADMINISTRATOR}
)
