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
