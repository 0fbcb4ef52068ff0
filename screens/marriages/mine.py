"""Mis reservas: the couple's bookings; one of them with its checklist (what is missing), the
edicto, objections and capacity; reprint the booking, change the date or cancel it (the slot
is released at once; the fee paid is not refunded)."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.marriages import Booking, Slot
from kiosk.i18n import _, language, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.marriages.texts import couple, day, when
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class MyBookingsScreen(ListScreen[Booking]):
    def heading(self) -> str:
        return _("Mis reservas de matrimonio")

    def fetch(self):
        return self.shell.client.marriages.mine()

    def item_id(self, item: Booking) -> str:
        return item.code

    def label(self, item: Booking) -> str:
        return f"{item.code} · {when(item.starts_at)} · {item.state_text(language())}"

    def loading_text(self) -> str:
        return _("Consultando sus reservas…")

    def prompt_text(self) -> str:
        return _("Elija una reserva:")

    def empty_text(self) -> str:
        return _("No tiene reservas de matrimonio.")

    def picked(self, item: Booking) -> None:
        self.app.push_screen(BookingScreen(item))


def booking_lines(b: Booking) -> list[str]:
    lang = language()
    lines = [f"[b]{b.code}[/b] · {b.state_text(lang)}", couple(b.names()),
             f"{b.place.name} · {when(b.starts_at)}"]
    if b.missing:
        lines.append(ngettext("Falta {n} documento; el expediente debe estar completo hasta "
                              "el {date}:", "Faltan {n} documentos; el expediente debe estar "
                              "completo hasta el {date}:", b.missing).format(
            n=b.missing, date=day(b.file_deadline)))
    else:
        lines.append(_("Expediente completo el {date}.").format(date=day(b.file_complete_on)))
    for d in b.documents:
        if d.state != "aceptado":
            mark = "[!]" if d.state == "observado" else "[ ]"
            reason = f": {d.reason}" if d.reason else ""
            lines.append(f"{mark} {d.kind_text(lang)} · {d.person or ''}{reason}")
    if b.edicto_on:
        lines.append(_("Edicto publicado el {on}; oposiciones hasta el {until}.").format(
            on=day(b.edicto_on), until=day(b.edicto_until)))
    if b.capacity_until:
        lines.append(_("Capacidad declarada, vigente hasta el {date}.").format(
            date=day(b.capacity_until)))
    if b.acta_ref:
        lines.append(_("Acta de matrimonio {ref}: su primera copia certificada es gratuita "
                       "(Partidas).").format(ref=b.acta_ref))
    return lines


class BookingScreen(KioskScreen):
    def __init__(self, booking: Booking) -> None:
        super().__init__()
        self.booking = booking

    def heading(self) -> str:
        return _("Reserva {code}").format(code=self.booking.code)

    def body(self) -> ComposeResult:
        yield Static("\n".join(booking_lines(self.booking)), id="booking-card", classes="card")
        yield NumberedMenu(self.options(), back=back_option(), id="booking-menu")

    def options(self) -> list[Option]:
        options = []
        if self.booking.document is not None and self.booking.state == "programada":
            options.append(Option("print", _("Imprimir de nuevo la reserva")))
        if self.booking.state == "programada":
            options += [Option("move", _("Cambiar la fecha o el lugar")),
                        Option("cancel", _("Cancelar la reserva"))]
        return options

    async def show(self, booking: Booking) -> None:
        self.booking = booking
        self.query_one("#booking-card", Static).update("\n".join(booking_lines(booking)))
        await self.query_one("#booking-menu", NumberedMenu).show(self.options())
        self.refresh_hints()

    @on(NumberedMenu.Chosen, "#booking-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.documents.receipt import ReceiptScreen
        from screens.marriages.slots import PlacesScreen

        if event.option_id == "print" and self.booking.document is not None:
            self.app.push_screen(ReceiptScreen(self.booking.document))
        elif event.option_id == "move":
            self.app.push_screen(PlacesScreen(then=self.move))
        elif event.option_id == "cancel":
            self.ask_cancel()

    def ask_cancel(self) -> None:
        from screens.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.cancel()

        self.app.push_screen(ConfirmDialog(
            _("Cancelar la reserva {code}").format(code=self.booking.code),
            _("El horario queda libre para otros. El derecho pagado no se devuelve."),
            _("Sí, cancelar la reserva")), answered)

    @work(exit_on_error=False, exclusive=True, group="booking")
    async def cancel(self) -> None:
        self.status(_("Cancelando…"))
        done = await call_server(self.app, self.shell.client.marriages.cancel(
            self.booking.code, reason=_("Cancelada por el contrayente en el quiosco")),
            self.status)
        if done is not None:
            await self.show(done)
            self.status(_("Reserva cancelada; el horario quedó libre."))

    def move(self, slot: Slot) -> None:
        self.reschedule(slot)

    @work(exit_on_error=False, exclusive=True, group="booking")
    async def reschedule(self, slot: Slot) -> None:
        moved = await call_server(self.app, self.shell.client.marriages.reschedule(
            self.booking.code, place=slot.place, starts_at=slot.starts_at),
            self.app.screen.status)
        if moved is None:
            return
        from screens.marriages.review import show_booking

        show_booking(self.app, moved)
