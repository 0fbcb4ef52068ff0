"""A file's state in plain words: where it is, until when, what the resident must do."""

from kiosk.i18n import _, language


def file_lines(exp, office: str) -> list[str]:
    """The card of a file for its owner or the public (`exp` is either; both carry the state,
    dates and what is expected)."""
    lang = language()
    lines = [_("Estado: [b]{state}[/b]").format(state=exp.state_text(lang)),
             _("Oficina: {office}").format(office=office)]
    if exp.received_on:
        lines.append(_("Recibido el {date}").format(date=f"{exp.received_on:%d/%m/%Y}"))
    lines.append(_("Qué debe hacer: {expected}").format(expected=exp.expected(lang)))
    return lines


def history_lines(events, limit: int = 6) -> list[str]:
    shown = events[-limit:]
    return [f"{e.at:%d/%m/%Y}  {e.text(language())}" for e in shown]
