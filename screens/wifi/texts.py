"""How the Wi-Fi service words its figures, and the voucher's printed slip."""

from devices.printer.receipt import Receipt
from kiosk.api.wifi import Voucher
from kiosk.clock import LIMA
from kiosk.i18n import _, language


def minutes(n: int | None) -> str:
    if n is None:
        return _("sin límite")
    hours, mins = divmod(n, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def megabytes(n: int | None) -> str:
    if n is None:
        return _("sin límite")
    return f"{n / 1000:.1f} GB" if n >= 1000 else f"{n} MB"


def speed(kbps: int) -> str:
    return f"{kbps / 1000:g} Mb/s"


def expires(v: Voucher) -> str:
    return v.expires_at.astimezone(LIMA).strftime("%d/%m/%Y %H:%M")


def left(v: Voucher) -> str:
    """'1 h 20 min y 800 MB' left."""
    seconds = None if v.seconds_left is None else v.seconds_left // 60
    return _("Le quedan {time} y {data}").format(time=minutes(seconds),
                                                 data=megabytes(v.megabytes_left))


def voucher_lines(v: Voucher) -> list[str]:
    lang = language()
    return [f"[b]{v.shown}[/b] · {v.state_text(lang)}",
            _("Red: {ssid}").format(ssid=v.ssid),
            _("Tiempo: {time} · Datos: {data}").format(
                time=minutes(v.minutes or None), data=megabytes(v.megabytes or None)),
            _("Velocidad: {down} de bajada, {up} de subida").format(
                down=speed(v.down_kbps), up=speed(v.up_kbps)),
            _("Vence: {when}").format(when=expires(v)),
            left(v) + "."]


def slip(v: Voucher, site: str) -> Receipt:
    """The printed voucher: code, allowance, expiry, network, and the QR to join it."""
    from datetime import datetime

    return Receipt(
        title="FICHA DE WI-FI / Wi-Fi voucher", number=v.shown,
        issued_at=datetime.now(LIMA).strftime("%d/%m/%Y %H:%M"), site=site,
        lines=[("Red / Network", v.ssid), ("Usuario y clave / User and password", v.shown),
               ("Tiempo / Time", f"{v.minutes} min" if v.minutes else "-"),
               ("Datos / Data", f"{v.megabytes} MB" if v.megabytes else "-"),
               ("Velocidad / Speed", f"{speed(v.down_kbps)} / {speed(v.up_kbps)}"),
               ("Vence / Expires", expires(v))],
        code=v.shown, verify_url=v.join,
        qr_caption="Escanee para conectarse / scan to join the network",
        notes=[v.batch] if v.batch else [])
