"""The front desk (or logistics) registers a supplier by RUC and the DNIs of the people who
may quote for it at a kiosk (audited on the server). A RUC 10 already holds its person."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server

FIELDS = ("supplier-ruc", "supplier-name", "supplier-reps")


class SupplierScreen(KioskScreen):
    def heading(self) -> str:
        return _("Registrar un proveedor y sus representantes")

    def body(self) -> ComposeResult:
        yield Static(_("Con su ficha RUC y el DNI de cada representante a la vista."),
                     classes="lead")
        yield Input(id="supplier-ruc", max_length=11, placeholder=_("RUC (11 dígitos)"))
        yield Input(id="supplier-name", max_length=200,
                    placeholder=_("Razón social o nombre"))
        yield Input(id="supplier-reps", max_length=200,
                    placeholder=_("DNI de los representantes, separados por comas"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#supplier-ruc", Input).focus()

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id != FIELDS[-1]:
            self.focus_next()
            return
        reps = [d for d in self.value("supplier-reps").replace(",", " ").split() if d]
        self.register(self.value("supplier-ruc"), self.value("supplier-name"), reps)

    @work(exit_on_error=False, exclusive=True, group="supplier")
    async def register(self, ruc: str, name: str, reps: list[str]) -> None:
        self.status(_("Registrando…"))
        done = await call_server(self.app, self.shell.client.procurement.register_supplier(
            ruc=ruc, name=name, representatives=reps), self.status)
        if done is not None:
            self.status(_("Proveedor RUC {ruc} registrado: {name}.").format(ruc=done.ruc,
                                                                           name=done.name))
