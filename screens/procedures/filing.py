"""Filing at the kiosk: the details the procedure asks for, the requirements ticked one by
one, then the fee by card and the cargo printed; a free procedure is filed at once."""

import uuid

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Checkbox, Input, Static

from kiosk.api.procedures import Filing, Procedure
from kiosk.i18n import _, language
from kiosk.money import soles
from screens.base import KeypadScroll, KioskScreen
from screens.calls import call_server
from screens.payments.card import CardPaymentScreen, Charge
from screens.procedures.texts import requirement_label
from screens.widgets.tick_box import TickBox


def show_cargo(app, filing: Filing) -> None:
    """Back to the procedures' menu, with the cargo printing on top of it."""
    from screens.documents.receipt import ReceiptScreen
    from screens.procedures.home import ProceduresHomeScreen

    home = next((s for s in reversed(app.screen_stack)
                 if isinstance(s, ProceduresHomeScreen)), None)
    if home is not None:
        while app.screen is not home:
            app.pop_screen()
    app.push_screen(ReceiptScreen(filing.document))


class FilingScreen(KioskScreen):
    def __init__(self, procedure: Procedure) -> None:
        super().__init__()
        self.procedure = procedure
        self.key = str(uuid.uuid4())  # a free filing retried after a timeout is filed once

    def heading(self) -> str:
        return _("Presentar: {name}").format(name=self.procedure.name(language()))

    def body(self) -> ComposeResult:
        proc = self.procedure
        with KeypadScroll(id="filing-form"):
            for field in proc.fields:
                yield Input(id=f"field-{field.name}", max_length=300,
                            placeholder=field.es if language() == "es" else field.en)
            yield Static(_("Marque cada requisito que tiene (Enter o espacio):"),
                         classes="lead")
            for n, req in enumerate(proc.requirements):
                if req.attachment:
                    yield Static(f"  - {requirement_label(req)}", classes="hint")
                else:
                    yield TickBox(requirement_label(req), id=f"req-{n}")
            label = (_("Pagar {fee} con tarjeta y presentar").format(fee=soles(proc.fee))
                     if proc.fee > 0 else _("Presentar"))
            yield Button(label, id="file-submit", variant="primary")

    def hints(self) -> list[tuple[str, str]]:
        return [("↑/↓", _("Campo anterior / siguiente")), ("Enter", _("Marcar / Aceptar"))]

    def on_mount(self) -> None:
        first = self.query("Input, Checkbox").first()
        first.focus()


    def _collect(self) -> tuple[dict[str, str], list[int]] | None:
        data = {}
        for field in self.procedure.fields:
            value = self.query_one(f"#field-{field.name}", Input).value.strip()
            if not value:
                self.status(_("Falta un dato: {field}.").format(
                    field=field.es if language() == "es" else field.en))
                return None
            data[field.name] = value
        checked = [int(box.id.removeprefix("req-")) for box in self.query(Checkbox) if box.value]
        missing = [box for box in self.query(Checkbox) if not box.value]
        if missing:
            self.status(_("Falta marcar un requisito: {req}. Si no lo tiene, consígalo antes "
                          "de presentar.").format(req=missing[0].label))
            return None
        return data, checked

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#file-submit")
    def submit(self) -> None:
        collected = self._collect()
        if collected is None:
            return
        data, checked = collected
        if self.procedure.fee > 0:
            self.app.push_screen(CardPaymentScreen(self._fee_charge(data, checked)))
        else:
            self.file_free(data, checked)

    def _fee_charge(self, data: dict[str, str], checked: list[int]) -> Charge:
        """The fee by card; the server files and records the payment in one transaction."""
        proc, procedures = self.procedure, self.shell.client.procedures

        async def record(card: dict[str, str], key: str) -> Filing:
            return await procedures.file(code=proc.code, idempotency_key=key, data=data,
                                         checked=checked, amount=proc.fee, card=card)

        def check():
            return procedures.check(code=proc.code, data=data, checked=checked,
                                    amount=proc.fee)

        return Charge(what=_("Derecho de trámite: {name} ({code})").format(
                          name=proc.name(language()), code=proc.code),
                      amount=proc.fee, record=record, check=check,
                      finish=lambda filing: show_cargo(self.app, filing))

    @work(exit_on_error=False, exclusive=True, group="filing")
    async def file_free(self, data: dict[str, str], checked: list[int]) -> None:
        self.status(_("Presentando…"))
        filing = await call_server(self.app, self.shell.client.procedures.file(
            code=self.procedure.code, idempotency_key=self.key, data=data, checked=checked),
            self.status)
        if filing is not None:
            show_cargo(self.app, filing)
