"""The line a code-reading screen shows when a barcode scanner is attached."""

from textual.widgets import Static

from kiosk.i18n import _


def scanner_hint(scanner) -> Static | None:
    """None without a scanner; the demo's says it is SIMULATED and that F5 scans."""
    if scanner.backend == "none":
        return None
    if scanner.label:
        label = _("SIMULADO") if scanner.backend == "simulated" else scanner.label
        text = _("Lector de códigos {label}: F5 lee el último comprobante impreso.").format(
            label=label)
    else:
        text = _("O acerque el código QR del comprobante al lector.")
    return Static(text, id="scanner-hint", classes="lead")
