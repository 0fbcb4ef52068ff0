"""What the kiosk says when the server is away (docs/offline.md): what is shown from its
cache and how old it is, and what is never done offline (card payments, votes, payment
codes) in words a resident understands. Translated when shown."""

from datetime import timedelta

from kiosk.i18n import _, ngettext


def age_text(age: timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return _("hace un momento")
    if minutes < 60:
        return ngettext("hace {n} minuto", "hace {n} minutos", minutes).format(n=minutes)
    hours = minutes // 60
    if hours < 48:
        return ngettext("hace {n} hora", "hace {n} horas", hours).format(n=hours)
    days = hours // 24
    return ngettext("hace {n} día", "hace {n} días", days).format(n=days)


def cached(age: timedelta) -> str:
    return _("Sin conexión con el servidor municipal: se muestran datos guardados {age}; "
             "pueden haber cambiado.").format(age=age_text(age))


def no_copy() -> str:
    """A public read with the server away and nothing kept yet: nothing was being recorded,
    and the screen fills in by itself."""
    return _("No hay conexión con el servidor municipal y este quiosco aún no tiene guardados "
             "estos datos. Aparecerán solos cuando vuelva la conexión.")


def card_payment() -> str:
    return _("Sin conexión con el servidor municipal no se puede pagar con tarjeta: nunca "
             "cobramos una tarjeta sin poder registrar el pago. No se cobró nada. Inténtelo "
             "en un momento o pague en efectivo en la caja municipal.")


def vote() -> str:
    return _("Sin conexión con el servidor municipal no se puede votar: su voto no se emitió. "
             "Inténtelo de nuevo cuando vuelva la conexión.")


def payment_code() -> str:
    return _("Sin conexión con el servidor municipal no se pueden generar códigos de pago. "
             "Inténtelo de nuevo en un momento.")
