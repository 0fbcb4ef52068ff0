"""Print a slip from a screen without losing the vote when the printer fails."""

import asyncio

from devices.printer.errors import PrinterError
from devices.printer.receipt import Receipt
from kiosk.i18n import _, language


async def print_slip(app, slip: Receipt) -> str:
    """'' when printed, else a sentence saying so (the vote itself is already safe)."""
    try:
        await asyncio.to_thread(app.printer.print_receipt, slip)
    except PrinterError as exc:
        app.last_error = f"{exc.code}: {exc}"
        return exc.text(language()) + " " + _("Anote el código que ve en pantalla.")
    return ""


def site(app) -> str:
    return app.site_name or "Municipalidad de Miraflores"
