"""Which election a kiosk screen is about: the one voting now, else the latest one."""

from kiosk.api.elections import Election
from kiosk.i18n import N_

ORDER = ("voting", "closed", "tallied", "ready", "challenges", "candidacies", "roll", "setup")


def pick(elections: list[Election]) -> Election | None:
    if not elections:
        return None
    return min(elections, key=lambda e: (ORDER.index(e.phase), -e.id))


PHASE_NAMES = {  # msgids, translated where shown
    "setup": N_("en preparación"), "roll": N_("padrón abierto"),
    "candidacies": N_("inscripción de candidatos"), "challenges": N_("periodo de tachas"),
    "ready": N_("lista final de candidatos"), "voting": N_("votación abierta"),
    "closed": N_("votación cerrada, escrutinio en curso"),
    "tallied": N_("resultados publicados"),
}
