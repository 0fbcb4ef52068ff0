"""The procurement officers at the staff terminal: every request; one of them with what can
be done in its state: the opening (both officials, each with their key file and passphrase,
the second also with their password; the quotations are opened here, at the terminal), a
quotation marked non-compliant with a reason, the award, the order, void or cancelled with a
reason; the acta, award and order printed as verifiable documents."""

from collections.abc import Awaitable, Callable

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.procurement import QuoteRequest
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dialogs.text import TextDialog
from screens.list_screen import ListScreen
from screens.procurement.texts import request_lines, short
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option


class DeskScreen(ListScreen[QuoteRequest]):
    def heading(self) -> str:
        return _("Cotizaciones: solicitudes")

    def fetch(self):
        return self.shell.client.procurement.requests()

    def item_id(self, item: QuoteRequest) -> str:
        return item.code

    def label(self, item: QuoteRequest) -> str:
        return short(item)

    def loading_text(self) -> str:
        return _("Consultando las solicitudes…")

    def prompt_text(self) -> str:
        return _("Elija una solicitud:")

    def empty_text(self) -> str:
        return _("No hay solicitudes de cotización.")

    def picked(self, item: QuoteRequest) -> None:
        self.app.push_screen(RequestDeskScreen(item))


class RequestDeskScreen(KioskScreen):
    def __init__(self, request: QuoteRequest) -> None:
        super().__init__()
        self.request = request

    def heading(self) -> str:
        return _("Solicitud {code}").format(code=self.request.code)

    def body(self) -> ComposeResult:
        yield Static("", id="desk-card", classes="card", markup=False)
        yield NumberedMenu([], back=back_option(), id="desk-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.show)

    def options(self) -> list[Option]:
        r, options = self.request, []
        if r.state == "publicada":
            options.append(Option("open", _("Apertura de las cotizaciones (los dos "
                                            "funcionarios)")))
        if r.state == "abierta":
            options += [Option(f"nc-{b.ruc}", _("No cumple: {name}").format(name=b.name))
                        for b in r.bids if b.compliant]
            options += [Option("award", _("Otorgar la buena pro a la primera del orden")),
                        Option("void", _("Declarar desierta (con motivo)"))]
        if r.state == "adjudicada":
            options.append(Option("order", _("Emitir la orden de compra o de servicio")))
        if r.state in ("publicada", "abierta"):
            options.append(Option("cancel", _("Cancelar la solicitud (con motivo)")))
        for code, label in ((r.opening_code, _("Imprimir el acta de apertura")),
                            (r.award_code, _("Imprimir la buena pro")),
                            (r.order_code, _("Imprimir la orden"))):
            if code:
                options.append(Option(f"print-{code}", label))
        return options

    async def show(self) -> None:
        self.query_one("#desk-card", Static).update("\n".join(request_lines(self.request)))
        await self.query_one("#desk-menu", NumberedMenu).show(self.options())
        self.refresh_hints()

    def _then(self, call: Callable[[str], Awaitable[QuoteRequest]]
              ) -> Callable[[str | None], None]:
        def answered(text: str | None) -> None:
            if text:
                self.run(lambda: call(text))
        return answered

    @on(NumberedMenu.Chosen, "#desk-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        p, code, choice = self.shell.client.procurement, self.request.code, event.option_id
        if choice == "open":
            self.app.push_screen(OpeningScreen(self.request), self.opened)
        elif choice.startswith("nc-"):
            ruc = choice[3:]
            self.app.push_screen(TextDialog(_("Motivo por el que no cumple"), "", min_length=5),
                                 self._then(lambda t: p.non_compliant(code, ruc, reason=t)))
        elif choice == "award":
            self.run(lambda: p.award(code))
        elif choice == "order":
            self.run(lambda: p.order(code))
        elif choice in ("void", "cancel"):
            title = _("Motivo para declararla desierta") if choice == "void" else \
                _("Motivo de la cancelación")
            call = p.void if choice == "void" else p.cancel
            self.app.push_screen(TextDialog(title, "", min_length=5),
                                 self._then(lambda t: call(code, reason=t)))
        elif choice.startswith("print-"):
            self.print_document(choice[6:])

    def opened(self, request: QuoteRequest | None) -> None:
        if request is not None:
            self.request = request
            self.call_after_refresh(self.show)

    @work(exit_on_error=False, exclusive=True, group="desk")
    async def print_document(self, code: str) -> None:
        document = await call_server(self.app, self.shell.client.documents.get(code),
                                     self.status)
        if document is not None:
            from screens.documents.receipt import ReceiptScreen

            self.app.push_screen(ReceiptScreen(document))

    @work(exit_on_error=False, exclusive=True, group="desk")
    async def run(self, call: Callable[[], Awaitable[QuoteRequest]]) -> None:
        self.status(_("Guardando…"))
        done = await call_server(self.app, call(), self.status)
        if done is None:
            return
        self.request = done
        await self.show()
        self.status(_("Hecho: {state}.").format(state=done.state_text(language())))


OPENING_FIELDS = ("key-1", "pass-1", "key-2", "pass-2", "official-2", "password-2")


class OpeningScreen(KioskScreen):
    """Both officials at the terminal: each unlocks their key file with their passphrase;
    the second also confirms with their password. The keys never leave this terminal."""

    def __init__(self, request: QuoteRequest) -> None:
        super().__init__()
        self.request = request

    def heading(self) -> str:
        return _("Apertura de {code}").format(code=self.request.code)

    def body(self) -> ComposeResult:
        yield Static(_("Cada funcionario del comité trae su archivo de clave."),
                     classes="lead")
        yield Input(id="key-1", placeholder=_("Archivo de clave del primer funcionario"))
        yield Input(id="pass-1", password=True, placeholder=_("Su frase secreta"))
        yield Input(id="key-2", placeholder=_("Archivo de clave del segundo funcionario"))
        yield Input(id="pass-2", password=True, placeholder=_("Su frase secreta"))
        yield Input(id="official-2", placeholder=_("Usuario del segundo funcionario"))
        yield Input(id="password-2", password=True,
                    placeholder=_("Contraseña del segundo funcionario"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#key-1", Input).focus()

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id != OPENING_FIELDS[-1]:
            self.focus_next()
            return
        try:
            committee = unlock(self.request.committee_keys,
                               [(self.value("key-1"), self.value("pass-1")),
                                (self.value("key-2"), self.value("pass-2"))])
        except UnlockError as exc:
            self.status(str(exc))
            return
        self.open(committee)

    @work(exit_on_error=False, exclusive=True, group="opening")
    async def open(self, committee) -> None:
        self.status(_("Abriendo las cotizaciones en esta terminal…"))
        done = await call_server(self.app, self.shell.client.procurement.open(
            self.request.code, committee=committee, second_official=self.value("official-2"),
            second_password=self.value("password-2")), self.status)
        if done is not None:
            self.dismiss(done)


class UnlockError(ValueError):
    pass


def unlock(committee_keys: list[str], files: list[tuple[str, str]]):
    """Both key files opened with their passphrases, as the request's committee (in the
    order the kiosk sealed to, whichever official came first)."""
    import json
    from pathlib import Path

    import procurement_crypto as pc

    keys = {}
    for n, (path, passphrase) in enumerate(files, start=1):
        try:
            data = json.loads(Path(path).expanduser().read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UnlockError(_("No se puede leer el archivo de clave {n}.").format(n=n)) \
                from exc
        try:
            private = pc.open_key(data, passphrase)
        except pc.WrongPassphrase as exc:
            raise UnlockError(_("La frase secreta {n} no abre su archivo de clave.").format(
                n=n)) from exc
        public = pc.b64(bytes(private.public_key))
        if public not in committee_keys:
            raise UnlockError(_("La clave {n} no es del comité de esta solicitud.").format(n=n))
        keys[public] = private
    if len(keys) != 2:
        raise UnlockError(_("La apertura necesita las claves de los dos funcionarios."))
    return pc.Committee(first=keys[committee_keys[0]], second=keys[committee_keys[1]])
