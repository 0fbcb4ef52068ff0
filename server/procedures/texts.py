"""What residents read about a file: states, steps and what is expected of them, in plain words
(Spanish first, English second)."""

from server.kernel.text import Text
from server.procedures.models import Expediente, ExpedienteEvent

STATES = {
    "iniciado": Text(es="Iniciado en quiosco: faltan documentos",
                     en="Started at a kiosk: documents missing"),
    "registrado": Text(es="Registrado", en="Registered"),
    "en_revision": Text(es="En revisión", en="Under review"),
    "derivado": Text(es="Derivado a otra oficina", en="Sent to another office"),
    "en_proceso": Text(es="En proceso", en="In process"),
    "observado": Text(es="Observado: debe subsanar", en="Observed: you must correct it"),
    "subsanado": Text(es="Subsanado", en="Corrected"),
    "resuelto": Text(es="Resuelto", en="Resolved"),
    "archivado": Text(es="Archivado", en="Archived"),
}

ACTIONS = {
    "start": Text(es="Se inició la solicitud en un quiosco.",
                  en="The request was started at a kiosk."),
    "file": Text(es="Se registró el expediente.", en="The file was registered."),
    "attach": Text(es="Se adjuntó un documento.", en="A document was attached."),
    "review": Text(es="La oficina empezó a revisarlo.", en="The office started reviewing it."),
    "route": Text(es="Se derivó a otra oficina.", en="It was sent to another office."),
    "accept": Text(es="La oficina lo recibió y lo está atendiendo.",
                   en="The office received it and is working on it."),
    "observe": Text(es="La oficina pidió una corrección.", en="The office asked for a correction."),
    "correct": Text(es="Se subsanó la observación.", en="The observation was corrected."),
    "resolve": Text(es="Se resolvió.", en="It was resolved."),
    "silence": Text(es="Aprobado por silencio administrativo positivo.",
                    en="Approved by positive administrative silence."),
    "archive": Text(es="Se archivó.", en="It was archived."),
}


def state_text(exp: Expediente) -> Text:
    if exp.state == "resuelto":
        if exp.by_silence:
            return ACTIONS["silence"]
        return (Text(es="Resuelto: APROBADO", en="Resolved: APPROVED")
                if exp.outcome == "aprobado" else Text(es="Resuelto: DENEGADO",
                                                       en="Resolved: DENIED"))
    return STATES[exp.state]


def event_text(event: ExpedienteEvent) -> Text:
    return ACTIONS.get(event.action, Text(es=event.action, en=event.action))


def expected(exp: Expediente) -> Text:
    """What the resident should do next, and by when."""
    proc = exp.procedure
    if exp.state == "iniciado":
        return Text(es=f"Lleve los documentos a mesa de partes y dé el código {exp.start_code}.",
                    en=f"Bring the documents to the front desk and give code {exp.start_code}.")
    if exp.state == "observado":
        return Text(es=f"Subsane hasta el {exp.correct_by:%d/%m/%Y}: {exp.observation}",
                    en=f"Correct it by {exp.correct_by:%d/%m/%Y}: {exp.observation}")
    if exp.state == "resuelto":
        if exp.outcome == "aprobado":
            return Text(es="Nada más: imprima la resolución en un quiosco.",
                        en="Nothing more: print the resolution at a kiosk.")
        return Text(es=f"Puede pedir reconsideración en {proc.reconsideration_days} días hábiles "
                       f"o apelar en {proc.appeal_days}.",
                    en=f"You may ask for reconsideration within {proc.reconsideration_days} "
                       f"working days or appeal within {proc.appeal_days}.")
    if exp.state == "archivado":
        return Text(es="Nada: el expediente está archivado.", en="Nothing: the file is archived.")
    due = f"{exp.due_on:%d/%m/%Y}"
    after = {"positive": Text(es=" Si no, se aprueba por silencio positivo.",
                              en=" If not, it is approved by positive silence."),
             "negative": Text(es=" Si no, puede darlo por denegado y apelar.",
                              en=" If not, you may take it as denied and appeal.")
             }.get(proc.qualification, Text(es="", en=""))
    return Text(es=f"Nada por ahora: la municipalidad responde hasta el {due}.{after.es}",
                en=f"Nothing for now: the municipality answers by {due}.{after.en}")
