"""Print a server document and show its plain-text preview; a failed print says how to reprint.

The document is already saved on the server when this screen opens, so a printer failure
never loses it: the resident gets its code to reprint at any kiosk or ask staff.
"""

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Digits, Static

from devices.printer import layout
from devices.printer.errors import PrinterError
from devices.printer.receipt import Receipt
from kiosk.api.documents import Document
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from kiosk.speech import spell
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


def receipt_from(document: Document) -> Receipt:
    issued = document.issued_at.astimezone(LIMA)
    return Receipt(
        title=f"{document.title.es.upper()} / {document.title.en}",
        number=document.number, issued_at=issued.strftime("%d/%m/%Y %H:%M"),
        site=document.site_name, holder=document.holder_name,
        lines=[(line.label.es if line.label.es == line.label.en
                else f"{line.label.es} / {line.label.en}", line.value)
               for line in document.lines],
        code=document.code, verify_url=document.verify_url, code_digits=document.code_digits,
        notes=["ANULADO / VOIDED"] if document.voided else [],
        # A payment code is paid at bank agents by scanning it: its first line is the code.
        barcode=document.lines[0].value if document.kind == "payment_code" else None,
    )


class ReceiptScreen(KioskScreen):
    def __init__(self, document: Document, callout: str | None = None) -> None:
        """`callout`: what the person must do now, larger than the preview (the change to
        give, that a receipt was voided)."""
        super().__init__()
        self.document, self.callout = document, callout
        self.receipt = receipt_from(document)

    def heading(self) -> str:
        return self.document.title(language())

    def body(self) -> ComposeResult:
        if self.callout:
            yield Static(self.callout, id="receipt-callout", classes="callout", markup=False)
        if self.document.kind == "payment_code":
            # The code the bank asks for is the largest thing on the screen.
            number = self.document.lines[0].value
            yield Static(_("Código de pago para el banco:"), classes="lead")
            grouped = " ".join(number[i:i + 3] for i in range(0, len(number), 3))
            yield Digits(grouped, id="payment-code-digits")
            yield Static(grouped, id="payment-code-plain", classes="console-only")
        with VerticalScroll(id="receipt-preview"):
            yield Static(layout.to_text(self.receipt), id="receipt-text")
        # With speech on, the document is read first and printed when the resident asks.
        self.read_first = self.shell.speech_on
        label = _("Imprimir") if self.read_first else _("Imprimir otra vez")
        yield NumberedMenu([Option("again", label)], back=back_option(_("Terminar")))

    def on_mount(self) -> None:
        if self.read_first:
            self.status(_("Escuche su comprobante; pulse 1 para imprimirlo."))
        else:
            self.print_receipt()

    def spoken_body(self) -> list[str]:
        """The whole document, as printed: title, number, date, holder, each line, notes,
        and the verification code spelled."""
        document, lang = self.document, language()
        lines = []
        if document.kind == "payment_code":
            lines.append(spell(document.lines[0].value, lang))
        lines += [_("Comprobante número {number}, del {date}, en {site}.").format(
            number=spell(document.number, lang), date=self.receipt.issued_at,
            site=document.site_name)]
        if document.holder_name:
            lines.append(_("A nombre de {name}.").format(name=document.holder_name))
        lines += [f"{line.label(lang)}: {line.value}" for line in document.lines]
        lines += list(self.receipt.notes)
        lines.append(_("Código de verificación: {code}.").format(
            code=spell(document.code, lang)))
        return lines

    @work(exit_on_error=False, exclusive=True, group="printer")
    async def print_receipt(self) -> None:
        self.status(_("Imprimiendo su comprobante…"))
        try:
            await asyncio.to_thread(self.shell.printer.print_receipt, self.receipt)
        except PrinterError as exc:
            reason = exc.text(language())
            self.shell.last_error = f"{exc.code}: {exc}"
            self.status(_("{reason} Su comprobante está guardado: pida ayuda al personal o "
                          "reimprímalo en cualquier quiosco con el código {code}.").format(
                reason=reason, code=self.document.code))
            self.add_class("-print-failed")
            return
        self.remove_class("-print-failed")
        done = (_("Listo. Retire el comprobante ANULADO. Código: {code}") if self.document.voided
                else _("Listo. Retire su comprobante. Código: {code}"))
        self.status(done.format(code=self.document.code))

    @on(NumberedMenu.Chosen)
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.print_receipt()
