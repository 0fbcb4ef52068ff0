"""How the kiosk words a procedure's qualification and a requirement's checklist line."""

from kiosk.api.procedures import Procedure, Requirement
from kiosk.i18n import N_, _, language

QUALIFICATION = {
    "automatic": N_("Aprobación automática: se aprueba al presentarlo"),
    "positive": N_("Evaluación previa; si no responden a tiempo, se aprueba (silencio "
                   "positivo)"),
    "negative": N_("Evaluación previa; si no responden a tiempo, puede darlo por denegado y "
                   "apelar"),
}


def requirement_label(req: Requirement) -> str:
    text = req.es if language() == "es" else req.en
    return text + (_(" (documento: se entrega en mesa de partes)") if req.attachment else "")


def summary(proc: Procedure) -> list[str]:
    from kiosk.money import soles

    return [_("Costo: [b]{fee}[/b]  ·  Plazo: {days} días hábiles").format(
                fee=soles(proc.fee), days=proc.deadline_days),
            _(QUALIFICATION[proc.qualification]),
            _("Oficina: {office}").format(office=proc.office.name(language())),
            _("Base legal: {basis}").format(basis=proc.legal_basis)]
