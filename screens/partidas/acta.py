"""One acta before its copy: what the copy will show (persons, annotations) and its price;
then the card payment, or nothing for the couple's free first copy, and the certificate
printed. An acta held on paper becomes a request with a tracking number."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api import ApiError
from kiosk.api.registry import Acta, ActaSummary, Copy, CopyQuote
from kiosk.api.text import Text
from kiosk.clock import LIMA
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.base import KioskScreen
from screens.calls import call_server
from screens.payments.card import CardPaymentScreen, Charge
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


def acta_lines(acta: Acta) -> list[str]:
    lang = language()
    lines = [f"[b]{acta.kind_text(lang)} {acta.ref}[/b]",
             _("Fecha: {date} · Lugar: {place}").format(date=f"{acta.event_date:%d/%m/%Y}",
                                                       place=acta.event_place)]
    lines += [f"{p.role_text(lang)}: {p.given_names} {p.surnames}"
              + (f" (DNI {p.dni})" if p.dni else "") for p in acta.persons]
    for note in acta.annotations:
        made = note.made_at.astimezone(LIMA)
        lines.append(_("Anotación {n}: {kind} ({date})").format(
            n=note.seq, kind=note.kind_text(lang), date=f"{made:%d/%m/%Y}"))
    return lines


def show_copy(app, copy: Copy) -> None:
    """Back to the Partidas menu, with the certificate (or the request's ticket) printing."""
    from screens.documents.receipt import ReceiptScreen
    from screens.partidas.home import PartidasHomeScreen

    home = next((s for s in reversed(app.screen_stack)
                 if isinstance(s, PartidasHomeScreen)), None)
    if home is not None:
        while app.screen is not home:
            app.pop_screen()
    app.push_screen(ReceiptScreen(copy.document))


class ActaScreen(KioskScreen):
    def __init__(self, summary: ActaSummary) -> None:
        super().__init__()
        self.summary = summary
        self.quote: CopyQuote | None = None
        self.key = str(uuid.uuid4())  # a free copy retried after a timeout is issued once

    def heading(self) -> str:
        return _("Copia certificada del acta {ref}").format(ref=self.summary.ref)

    def body(self) -> ComposeResult:
        yield Static("", id="acta-card", classes="card")
        yield Static("", id="acta-price", classes="callout")
        yield NumberedMenu([], back=back_option(), id="acta-menu")

    def on_mount(self) -> None:
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="acta")
    async def load(self) -> None:
        self.status(_("Consultando el acta…"))
        registry = self.shell.client.registry
        acta = await call_server(self.app, registry.acta(self.summary.id), self.status)
        quote = acta and await call_server(self.app, registry.quote(self.summary.id),
                                           self.status)
        if not quote:
            return
        self.quote = quote
        self.query_one("#acta-card", Static).update("\n".join(acta_lines(acta)))
        if quote.free:
            price, option = _("Su primera copia de esta acta de matrimonio es gratuita."), \
                _("Obtener la copia gratuita")
        elif quote.digitised:
            price = _("Costo: {fee} (TUPA {code})").format(fee=soles(quote.amount),
                                                           code=quote.tupa_code)
            option = _("Pagar {fee} con tarjeta e imprimir la copia").format(
                fee=soles(quote.amount))
        else:
            price = _("Esta acta está en papel: pague {fee} y el registro civil prepara la "
                      "copia; la imprime después en cualquier quiosco.").format(
                fee=soles(quote.amount))
            option = _("Pagar {fee} con tarjeta y solicitar la copia").format(
                fee=soles(quote.amount))
        self.query_one("#acta-price", Static).update(price)
        await self.query_one("#acta-menu", NumberedMenu).show([Option("copy", option)])
        self.status(_("La copia muestra el acta con todas sus anotaciones."))

    @on(NumberedMenu.Chosen, "#acta-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        quote = self.quote
        if quote is None:
            return
        if quote.amount == 0:
            self.free_copy()
            return
        registry, acta_id = self.shell.client.registry, self.summary.id

        async def record(card: dict[str, str], key: str) -> Copy:
            return await registry.copy(acta_id, idempotency_key=key, amount=quote.amount,
                                       card=card)

        async def check() -> None:
            """Before the card: may she still have this copy, at this price?"""
            now = await registry.quote(acta_id)
            if now.amount != quote.amount:
                raise ApiError(409, "fee_changed", Text(
                    es=f"El derecho es ahora {soles(now.amount)}.",
                    en=f"The fee is now {soles(now.amount)}."))

        self.app.push_screen(CardPaymentScreen(Charge(
            what=_("Copia certificada del acta {ref}").format(ref=self.summary.ref),
            amount=quote.amount, record=record, check=check,
            finish=lambda copy: show_copy(self.app, copy))))

    @work(exit_on_error=False, exclusive=True, group="acta")
    async def free_copy(self) -> None:
        self.status(_("Emitiendo su copia…"))
        copy = await call_server(self.app, self.shell.client.registry.copy(
            self.summary.id, idempotency_key=self.key), self.status)
        if copy is not None:
            show_copy(self.app, copy)
