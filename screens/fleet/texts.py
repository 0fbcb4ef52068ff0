"""The fleet's words, shared by its screens (status and alert names from the server)."""

from kiosk.i18n import _

MARKS = {"ok": "●", "alert": "!", "silent": "✕"}


def status_word(status: str) -> str:
    return {"ok": _("bien"), "alert": _("ALERTA"), "silent": _("SIN SEÑAL")}.get(status, status)


def alert_word(kind: str) -> str:
    return {"silent": _("sin señal"), "paper_out": _("sin papel"),
            "outbox_growing": _("envíos pendientes crecen")}.get(kind, kind)


def command_word(kind: str) -> str:
    return {"refresh_config": _("actualizar configuración"),
            "print_test": _("imprimir recibo de prueba"),
            "restart": _("reiniciar la aplicación")}.get(kind, kind)


def field_label(name: str) -> str:
    return {"idle_seconds": _("Inactividad (s)"),
            "idle_warning_seconds": _("Aviso antes (s)"),
            "printer": _("Impresora"),
            "languages": _("Idiomas (es, en)"),
            "home_message_es": _("Mensaje (español)"),
            "home_message_en": _("Mensaje (inglés)"),
            "services": _("Servicios")}.get(name, name)


def field_rule(name: str) -> str:
    """What a field accepts, said with the server's refusal (server/fleet/schemas.py)."""
    return {"idle_seconds": _("De 20 a 3600 segundos."),
            "idle_warning_seconds": _("De 20 a 600 segundos."),
            "printer": _("none, file:RUTA, tcp:HOST[:PUERTO], usb:VID:PID o "
                         "serial:DISPOSITIVO[:BAUDIOS]."),
            "languages": _("es, en o ambos; el primero es el predeterminado."),
            "home_message_es": _("Hasta 300 caracteres."),
            "home_message_en": _("Hasta 300 caracteres.")}.get(name, "")


def field_value(name: str, value) -> str:
    """A value in force, in words (services None: all of them)."""
    if value is None:
        return _("todos")
    if isinstance(value, list):
        return ", ".join(value)
    if name in ("idle_seconds", "idle_warning_seconds"):
        return f"{value} s"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"
