"""What a certified copy says, line by line: the printed certificate, the PDF and the public
verification all show exactly these lines."""

from sqlalchemy.orm import Session

from server.documents.service import DocumentLine
from server.kernel.text import Text
from server.registry import texts
from server.registry.models import Acta
from server.registry.views import annotations_of, persons_of
from server.timeutil import lima


def _line(es: str, en: str, value: str) -> DocumentLine:
    return DocumentLine(label=Text(es=es, en=en), value=value)


def copy_lines(db: Session, acta: Acta, *, certifier: str) -> list[DocumentLine]:
    kind = texts.KIND_TEXT[acta.kind]
    lines = [_line(kind.es, kind.en, acta.ref),
             _line("Oficina y libro", "Office and book", f"{acta.office}, libro {acta.book}"),
             _line("Fecha del hecho", "Date of the event", f"{acta.event_date:%d/%m/%Y}"),
             _line("Lugar", "Place", acta.event_place)]
    for p in persons_of(db, acta.id):
        role = texts.ROLE_TEXT[p.role]
        dni = f" (DNI {p.dni})" if p.dni else ""
        lines.append(_line(role.es, role.en, f"{p.given_names} {p.surnames}{dni}"))
    lines += [_line("Inscrita el", "Registered on", f"{acta.registered_on:%d/%m/%Y}"),
              _line("Registrador", "Registrar", acta.registrar_name)]
    notes = annotations_of(db, acta.id)
    if not notes:
        lines.append(_line("Anotaciones", "Annotations", "Ninguna / none"))
    for a in notes:
        kind_text = texts.ANNOTATION_TEXT[a.kind]
        made = lima(a.made_at)
        lines.append(_line(f"Anotación {a.seq} ({made:%d/%m/%Y})",
                           f"Annotation {a.seq} ({made:%d/%m/%Y})",
                           f"{kind_text.es}: {a.text} [{a.reference}]"))
    lines.append(_line("Certifica", "Certified by", certifier))
    return lines
