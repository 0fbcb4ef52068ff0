"""A resident's Wi-Fi voucher: the rules (allowance, how many a day), getting one (printed with
the QR that joins the network, shown on screen too), and "Mis fichas" with what is left."""

import asyncio
import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from devices.printer.errors import PrinterError
from kiosk.api.wifi import Voucher
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option
from screens.widgets.qr import qr_text
from screens.wifi import texts


class GetVoucherScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.key = str(uuid.uuid4())  # a retry of the same request is the same voucher

    def heading(self) -> str:
        return _("Obtener una ficha de Wi-Fi")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando…"), id="wifi-rules")
        yield NumberedMenu([Option("get", _("Sí, darme la ficha e imprimirla"))],
                           back=back_option(), id="wifi-get")

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="wifi-rules")
    async def load(self) -> None:
        rules = await call_server(self.app, self.shell.client.wifi.my_rules(), self.status)
        if rules is None:
            return
        self.query_one("#wifi-rules", Static).update("\n".join([
            _("Red: {ssid}").format(ssid=rules.ssid),
            _("Cada ficha: {time} y {data}, vence en {hours} horas.").format(
                time=texts.minutes(rules.minutes), data=texts.megabytes(rules.megabytes),
                hours=rules.valid_hours),
            _("Hoy recibió {n} de {limit} fichas.").format(n=rules.issued_today or 0,
                                                         limit=rules.vouchers_per_day)]))

    @on(NumberedMenu.Chosen, "#wifi-get")
    def chosen(self, _event: NumberedMenu.Chosen) -> None:
        self.get()

    @work(exit_on_error=False, exclusive=True, group="wifi-get")
    async def get(self) -> None:
        self.status(_("Preparando su ficha…"))
        voucher = await call_server(
            self.app, self.shell.client.wifi.get_voucher(idempotency_key=self.key), self.status)
        if voucher is not None:
            self.app.switch_screen(VoucherScreen(voucher, print_now=True))


class VoucherScreen(KioskScreen):
    def __init__(self, voucher: Voucher, print_now: bool = False) -> None:
        super().__init__()
        self.voucher, self.print_now = voucher, print_now

    def heading(self) -> str:
        return _("Ficha de Wi-Fi {code}").format(code=self.voucher.shown)

    def body(self) -> ComposeResult:
        with Horizontal(id="voucher-row"):
            yield Static("\n".join(texts.voucher_lines(self.voucher)), id="voucher-card",
                         classes="card")
            yield Static(qr_text(self.voucher.join), id="voucher-qr", markup=False)
        yield NumberedMenu([Option("print", _("Imprimir la ficha"))], back=back_option(),
                           id="voucher-menu")

    def on_mount(self) -> None:
        super().on_mount()
        if self.print_now:
            self.print_slip()
        else:
            self.status(_("Escanee el código para conectarse; use la ficha como usuario y "
                          "clave."))

    @on(NumberedMenu.Chosen, "#voucher-menu")
    def chosen(self, _event: NumberedMenu.Chosen) -> None:
        self.print_slip()

    @work(exit_on_error=False, exclusive=True, group="printer")
    async def print_slip(self) -> None:
        self.status(_("Imprimiendo su ficha…"))
        try:
            await asyncio.to_thread(self.shell.printer.print_receipt,
                                    texts.slip(self.voucher, self.shell.settings.device_name))
        except PrinterError as exc:
            self.status(_("{reason} Anote su ficha: {code}. También está en «Mis fichas».")
                        .format(reason=exc.text(language()), code=self.voucher.shown))
            return
        self.status(_("Listo. Retire su ficha {code}; escanee el código para conectarse.")
                    .format(code=self.voucher.shown))


class MyVouchersScreen(ListScreen[Voucher]):
    def heading(self) -> str:
        return _("Mis fichas de Wi-Fi")

    def fetch(self):
        return self.shell.client.wifi.mine()

    def item_id(self, item: Voucher) -> str:
        return item.code

    def label(self, item: Voucher) -> str:
        return f"{item.shown} · {item.state_text(language())} · {texts.left(item)}"

    def loading_text(self) -> str:
        return _("Consultando sus fichas…")

    def prompt_text(self) -> str:
        return _("Elija una ficha:")

    def empty_text(self) -> str:
        return _("No tiene fichas de Wi-Fi.")

    def picked(self, item: Voucher) -> None:
        self.app.push_screen(VoucherScreen(item))
