"""The registrar's marriage files at the staff terminal: each file's documents (accept, or
observe with a reason), the edicto (newspaper or waiver), objections to resolve, the
declaration of capacity, and the ceremony (start, conclude: the acta goes to the registry)."""

from collections.abc import Awaitable, Callable
from datetime import timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.marriages import Booking
from kiosk.clock import today
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dates import parse_date
from screens.dialogs.text import TextDialog
from screens.list_screen import ListScreen
from screens.marriages.mine import booking_lines
from screens.marriages.texts import couple, when
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class FilesScreen(ListScreen[Booking]):
    def heading(self) -> str:
        return _("Matrimonios: expedientes en curso")

    def fetch(self):
        return self.shell.client.marriages.files()

    def item_id(self, item: Booking) -> str:
        return item.code

    def label(self, item: Booking) -> str:
        return f"{when(item.starts_at)} · {couple(item.names())} · {item.state_text(language())}"

    def loading_text(self) -> str:
        return _("Consultando los expedientes…")

    def prompt_text(self) -> str:
        return _("Elija un expediente:")

    def empty_text(self) -> str:
        return _("No hay matrimonios programados.")

    def picked(self, item: Booking) -> None:
        self.app.push_screen(FileScreen(item))


class FileScreen(KioskScreen):
    def __init__(self, booking: Booking) -> None:
        super().__init__()
        self.booking = booking

    def heading(self) -> str:
        return _("Expediente {code}").format(code=self.booking.code)

    def body(self) -> ComposeResult:
        yield Static("", id="file-card", classes="card")
        yield NumberedMenu([], back=back_option(), id="file-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.show)

    async def show(self) -> None:
        b = self.booking
        self.query_one("#file-card", Static).update("\n".join(booking_lines(b)))
        options = []
        if b.state == "programada":
            options += [Option(f"doc-{d.id}", _("Revisar: {kind} · {person}").format(
                kind=d.kind_text(language()), person=d.person or ""))
                for d in b.documents if d.state != "aceptado"]
            if b.missing == 0 and b.edicto_on is None:
                options += [Option("edicto", _("Publicar el edicto (diario)")),
                            Option("waiver", _("Publicar el edicto con dispensa del diario"))]
            for o in b.objections:
                if o.state == "pendiente":
                    options += [Option(f"reject-{o.seq}", _("Oposición {n}: declararla "
                                                            "infundada").format(n=o.seq)),
                                Option(f"uphold-{o.seq}", _("Oposición {n}: declararla "
                                                            "fundada").format(n=o.seq))]
            if b.edicto_until and b.capacity_on is None:
                options.append(Option("capacity", _("Declarar la capacidad")))
        if b.capacity_on and b.state in ("programada", "en_curso"):
            if b.state == "programada":
                options.append(Option("start", _("Iniciar la ceremonia")))
            options.append(Option("conclude", _("Concluir la ceremonia e inscribir el acta")))
        await self.query_one("#file-menu", NumberedMenu).show(options)
        self.refresh_hints()

    def _then(self, call: Callable[[str], Awaitable[Booking]]) -> Callable[[str | None], None]:
        def answered(text: str | None) -> None:
            if text:
                self.run(lambda: call(text))
        return answered

    @on(NumberedMenu.Chosen, "#file-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        m, code, choice = self.shell.client.marriages, self.booking.code, event.option_id
        if choice.startswith("doc-"):
            doc = next(d for d in self.booking.documents if d.id == int(choice[4:]))
            if doc.kind == "medical":
                title = _("Fecha del certificado médico DD/MM/AAAA para aceptarlo, o el motivo "
                          "para observarlo")
            else:
                title = _("Escriba «1» para aceptar, o el motivo para observarlo")
            self.app.push_screen(TextDialog(f"{doc.kind_text(language())}: {title}", ""),
                                 self._then(lambda text: self._check(doc.id, text)))
        elif choice == "edicto":
            self.app.push_screen(TextDialog(_("Diario donde se publica el edicto"), ""),
                                 self._then(lambda t: m.publish_edicto(code, newspaper=t)))
        elif choice == "waiver":
            self.app.push_screen(TextDialog(_("Motivo de la dispensa de publicación"), "",
                                            min_length=3),
                                 self._then(lambda t: m.publish_edicto(code, waiver_reason=t)))
        elif choice.startswith(("reject-", "uphold-")):
            seq = int(choice.split("-")[1])
            self.app.push_screen(TextDialog(_("Resolución de la oposición {n}").format(n=seq),
                                            "", min_length=5),
                                 self._then(lambda t: m.resolve(
                                     code, seq, upheld=choice.startswith("uphold"),
                                     resolution=t)))
        elif choice == "capacity":
            self.run(lambda: m.declare_capacity(code))
        elif choice == "start":
            self.run(lambda: m.start(code))
        elif choice == "conclude":
            self.run(lambda: m.conclude(code))

    def _check(self, document_id: int, text: str) -> Awaitable[Booking]:
        m, code = self.shell.client.marriages, self.booking.code
        issued = parse_date(text)
        if text == "1" or (issued is not None and today() - issued < timedelta(days=366)):
            return m.check_document(code, document_id, decision="accept", issued_on=issued)
        return m.check_document(code, document_id, decision="observe", reason=text)

    @work(exit_on_error=False, exclusive=True, group="file")
    async def run(self, call: Callable[[], Awaitable[Booking]]) -> None:
        self.status(_("Guardando…"))
        done = await call_server(self.app, call(), self.status)
        if done is None:
            return
        self.booking = done
        await self.show()
        self.status(_("Hecho."))
