"""Staff roles as the terminal shows them (the server enforces them)."""

from kiosk.i18n import N_

ROLE_NAMES = {
    "cashier": N_("Caja"),
    "registrar": N_("Registro civil"),
    "front_desk": N_("Mesa de partes"),
    "council_secretary": N_("Secretaría del concejo"),
    "election_officer": N_("Oficial electoral"),
    "procurement_officer": N_("Logística"),
    "case_officer": N_("Especialista de oficina"),
    "wifi_operator": N_("Ciudad inalámbrica"),
    "administrator": N_("Administración"),
}
