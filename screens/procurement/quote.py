"""Quoting for a supplier: choose one of the RUCs registered to you, an open request, type a
unit price per item, the delivery term and how long the offer holds; review the total; the
quotation is sealed here, at the kiosk, to the opening committee's two keys and sent; the
receipt (request, time received, fingerprint of the sealed quotation) is printed. Quoting
again before the deadline replaces the earlier quotation."""

import uuid
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.procurement import QuoteRequest, QuoteSupplier, SealedBidIn, bid_total, seal
from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles, soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.procurement.texts import quantity, when
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class QuoteStartScreen(ListScreen[QuoteSupplier]):
    """The suppliers the identified person represents."""

    def heading(self) -> str:
        return _("Cotizar: ¿por qué proveedor?")

    async def _fetch(self) -> list[QuoteSupplier]:
        return (await self.shell.client.procurement.represented()).suppliers

    def fetch(self):
        return self._fetch()

    def item_id(self, item: QuoteSupplier) -> str:
        return item.ruc

    def label(self, item: QuoteSupplier) -> str:
        return f"RUC {item.ruc} · {item.name}"

    def loading_text(self) -> str:
        return _("Consultando sus RUC registrados…")

    def prompt_text(self) -> str:
        return _("Elija el proveedor por el que cotiza:")

    def empty_text(self) -> str:
        return _("Usted no representa a ningún proveedor. Regístrese en Mesa de Partes con "
                 "su RUC.")

    def picked(self, item: QuoteSupplier) -> None:
        self.app.push_screen(OpenForSupplierScreen(item))


class OpenForSupplierScreen(ListScreen[QuoteRequest]):
    def __init__(self, supplier: QuoteSupplier) -> None:
        super().__init__()
        self.supplier = supplier

    def heading(self) -> str:
        return _("Solicitudes para {name}").format(name=self.supplier.name)

    async def _fetch(self) -> list[QuoteRequest]:
        mine = await self.shell.client.procurement.mine()
        return [r for r in mine if r.state == "publicada" and (
            r.open_to_all or self.supplier.ruc in {s.ruc for s in r.invited})]

    def fetch(self):
        return self._fetch()

    def item_id(self, item: QuoteRequest) -> str:
        return item.code

    def label(self, item: QuoteRequest) -> str:
        return _("{code} · {title} · hasta el {when}").format(
            code=item.code, title=item.title, when=when(item.deadline))

    def loading_text(self) -> str:
        return _("Consultando las solicitudes…")

    def prompt_text(self) -> str:
        return _("Elija la solicitud que cotiza:")

    def empty_text(self) -> str:
        return _("No hay solicitudes abiertas para este proveedor.")

    def picked(self, item: QuoteRequest) -> None:
        self.app.push_screen(PricesScreen(item, self.supplier))


class PricesScreen(KioskScreen):
    """One question at a time: each item's unit price, then the terms."""

    def __init__(self, request: QuoteRequest, supplier: QuoteSupplier) -> None:
        super().__init__()
        self.request, self.supplier = request, supplier
        self.step = 0
        self.prices: dict[int, Decimal] = {}
        self.delivery_days = 0
        self.validity_days = 0

    def heading(self) -> str:
        return _("Cotizar {code}").format(code=self.request.code)

    def body(self) -> ComposeResult:
        yield Static("", id="price-question", classes="lead", markup=False)
        yield Input(id="price-input", max_length=14)

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.ask()

    @property
    def steps(self) -> int:
        return len(self.request.items) + 2

    def ask(self) -> None:
        items = self.request.items
        field = self.query_one("#price-input", Input)
        field.value = ""
        if self.step < len(items):
            item = items[self.step]
            text = _("Ítem {n} de {total}: {description}, {quantity} {unit}.\nPrecio "
                     "unitario en soles (por ejemplo 12.50):").format(
                n=self.step + 1, total=len(items), description=item.description,
                quantity=quantity(item.quantity), unit=item.unit)
        elif self.step == len(items):
            text = _("Plazo de entrega en días (se pide como máximo {days}):").format(
                days=self.request.delivery_days)
        else:
            text = _("Validez de su cotización en días:")
        self.query_one("#price-question", Static).update(text)
        field.focus()

    @on(Input.Submitted, "#price-input")
    def submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        items = self.request.items
        if self.step < len(items):
            try:
                price = parse_soles(typed)
            except AmountError as exc:
                self.status(exc.text())
                return
            if price <= 0:
                self.status(_("El precio debe ser mayor que cero."))
                return
            self.prices[items[self.step].seq] = price
        else:
            if not typed.isdigit() or not 1 <= int(typed) <= 365:
                self.status(_("Escriba un número de días entre 1 y 365."))
                return
            if self.step == len(items):
                self.delivery_days = int(typed)
            else:
                self.validity_days = int(typed)
        self.step += 1
        if self.step < self.steps:
            self.status("")
            self.ask()
        else:
            self.app.push_screen(ReviewBidScreen(self))


class ReviewBidScreen(KioskScreen):
    def __init__(self, prices: PricesScreen) -> None:
        super().__init__()
        self.form = prices
        self.key = str(uuid.uuid4())  # one quotation however often the kiosk retries
        self.sealed: SealedBidIn | None = None
        self.sent = False

    def heading(self) -> str:
        return _("Revise su cotización")

    def lines(self) -> list[str]:
        f = self.form
        out = [f"{f.request.code} · {f.request.title}",
               f"RUC {f.supplier.ruc} · {f.supplier.name}"]
        for item in f.request.items:
            price = f.prices[item.seq]
            line = (item.quantity * price).quantize(Decimal("0.01"))
            out.append(f"  {item.seq}. {item.description}: {quantity(item.quantity)} × "
                       f"{soles(price)} = {soles(line)}")
        out.append(_("Total: {total}").format(total=soles(bid_total(f.request, f.prices))))
        out.append(_("Entrega en {days} días; validez {valid} días.").format(
            days=f.delivery_days, valid=f.validity_days))
        return out

    def body(self) -> ComposeResult:
        yield Static("\n".join(self.lines()), id="bid-card", classes="card", markup=False)
        yield NumberedMenu([Option("send", _("Sellar y enviar la cotización"))],
                           back=back_option(), id="bid-menu")
        yield Static(_("Se sella aquí con las claves del comité: ni la municipalidad puede "
                       "leerla antes de la apertura. Puede reemplazarla hasta el plazo."),
                     classes="hint")

    @on(NumberedMenu.Chosen, "#bid-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "send" and not self.sent:
            self.send()

    @work(exit_on_error=False, exclusive=True, group="bid")
    async def send(self) -> None:
        f = self.form
        self.status(_("Sellando y enviando su cotización…"))
        if self.sealed is None:  # sealed once: a retry sends the same bytes, received once
            self.sealed = seal(f.request, ruc=f.supplier.ruc, prices=f.prices,
                               delivery_days=f.delivery_days, validity_days=f.validity_days)
        receipt = await call_server(self.app, self.shell.client.procurement.submit_sealed(
            f.request.code, self.sealed, idempotency_key=self.key), self.status)
        if receipt is None:
            return
        self.sent = True
        from screens.documents.receipt import ReceiptScreen
        from screens.procurement.home import QuotationsHomeScreen

        callout = (_("Cotización reemplazada: cuenta solo esta última.") if receipt.replaced
                   else _("Cotización recibida y sellada."))
        app = self.app
        home = next((s for s in reversed(app.screen_stack)
                     if isinstance(s, QuotationsHomeScreen)), None)
        if home is not None:  # back to the quotations menu, with the receipt printing
            while app.screen is not home:
                app.pop_screen()
        app.push_screen(ReceiptScreen(receipt.document, callout=callout))
