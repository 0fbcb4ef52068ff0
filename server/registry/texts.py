"""The register's words, in Spanish and English, defined once."""

from server.kernel.text import Text

KINDS = ("birth", "marriage", "death")
PREFIX = {"birth": "NAC", "marriage": "MAT", "death": "DEF"}
KIND_TEXT = {
    "birth": Text(es="Acta de nacimiento", en="Birth record"),
    "marriage": Text(es="Acta de matrimonio", en="Marriage record"),
    "death": Text(es="Acta de defunción", en="Death record"),
}
ROLE_TEXT = {
    "inscrito": Text(es="Inscrito", en="Registered person"),
    "madre": Text(es="Madre", en="Mother"),
    "padre": Text(es="Padre", en="Father"),
    "contrayente": Text(es="Contrayente", en="Spouse"),
    "testigo": Text(es="Testigo", en="Witness"),
    "fallecido": Text(es="Fallecido", en="Deceased"),
    "declarante": Text(es="Declarante", en="Declarant"),
    "celebrante": Text(es="Celebrante", en="Officiant"),
}
# The roles whom an acta is about, per kind, and how many of each it must name.
PRINCIPAL = {"birth": "inscrito", "marriage": "contrayente", "death": "fallecido"}
PRINCIPALS_NEEDED = {"birth": 1, "marriage": 2, "death": 1}
ROLES = {
    "birth": ("inscrito", "madre", "padre", "declarante"),
    "marriage": ("contrayente", "testigo", "celebrante"),
    "death": ("fallecido", "declarante"),
}
ANNOTATION_TEXT = {
    "rectificacion": Text(es="Rectificación", en="Rectification"),
    "reconocimiento": Text(es="Reconocimiento", en="Recognition"),
    "divorcio": Text(es="Divorcio", en="Divorce"),
    "defuncion_conyuge": Text(es="Defunción del cónyuge", en="Death of a spouse"),
    "adopcion": Text(es="Adopción (reserva el acta)", en="Adoption (reserves the record)"),
    "otra": Text(es="Otra anotación", en="Other annotation"),
}
COPY_TITLE = {
    kind: Text(es=f"Copia certificada: {text.es.lower()}",
               en=f"Certified copy: {text.en.lower()}") for kind, text in KIND_TEXT.items()}
REQUEST_TITLE = Text(es="Solicitud de copia certificada", en="Certified copy request")
NOT_FOUND = (
    "No encontramos esa acta. Revise los datos; si es reservada, acuda al registro civil.",
    "We found no such record. Check the details; if it is reserved, go to the civil "
    "registry.")
