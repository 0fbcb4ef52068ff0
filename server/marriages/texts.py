"""What people read about a marriage file, Spanish first."""

from server.kernel.text import Text

DOCUMENT_KIND = {
    "birth_acta": Text(es="Acta de nacimiento", en="Birth record"),
    "dni": Text(es="DNI vigente", en="Valid ID card (DNI)"),
    "medical": Text(es="Certificado médico prenupcial (máx. 30 días)",
                    en="Premarital medical certificate (at most 30 days old)"),
    "domicile": Text(es="Declaración jurada de domicilio", en="Sworn statement of domicile"),
    "single": Text(es="Declaración jurada de soltería", en="Sworn statement of single status"),
    "annotated_acta": Text(es="Acta de matrimonio anterior anotada (divorcio o defunción)",
                           en="Earlier marriage record, annotated (divorce or death)"),
    "pregnancy": Text(es="Certificado negativo de embarazo (regla de 300 días)",
                      en="Negative pregnancy certificate (300-day rule)"),
    "witness_dni": Text(es="DNI del testigo", en="Witness's ID card (DNI)"),
}

DOCUMENT_STATE = {
    "pendiente": Text(es="falta presentar", en="not yet filed"),
    "aceptado": Text(es="aceptado", en="accepted"),
    "observado": Text(es="observado", en="returned with remarks"),
}

STATE = {
    "programada": Text(es="programada", en="scheduled"),
    "en_curso": Text(es="en curso", en="in progress"),
    "concluida": Text(es="concluida", en="concluded"),
    "cancelada": Text(es="cancelada", en="cancelled"),
}

BOOKING_TITLE = Text(es="Reserva de matrimonio civil", en="Civil marriage booking")
FEE_LABEL = Text(es="Derecho de matrimonio civil {code}", en="Civil marriage fee {code}")
