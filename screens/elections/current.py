"""Which election a kiosk screen is about: the one voting now, else the latest one."""

from kiosk.election_schemas import Election

ORDER = ("voting", "closed", "tallied", "ready", "challenges", "candidacies", "roll", "setup")


def pick(elections: list[Election]) -> Election | None:
    if not elections:
        return None
    return min(elections, key=lambda e: (ORDER.index(e.phase), -e.id))


PHASE_NAMES = {
    "setup": "en preparación", "roll": "padrón abierto", "candidacies": "inscripción de "
    "candidatos", "challenges": "periodo de tachas", "ready": "lista final de candidatos",
    "voting": "votación abierta", "closed": "votación cerrada, escrutinio en curso",
    "tallied": "resultados publicados",
}
