"""One acta at the registrar's terminal: all of it (reserved or not, its scan, its RENIEC
state); append an annotation, reserve it, or attach its scanned page."""

import asyncio
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.registry import Acta
from kiosk.i18n import N_, _
from screens.base import KioskScreen
from screens.calls import call_server
from screens.partidas.acta import acta_lines
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

ANNOTATIONS = [("rectificacion", N_("Rectificación")), ("reconocimiento", N_("Reconocimiento")),
               ("divorcio", N_("Divorcio")), ("defuncion_conyuge", N_("Defunción del cónyuge")),
               ("adopcion", N_("Adopción (reserva el acta)")), ("otra", N_("Otra anotación"))]


def _read(path: str) -> bytes | None:
    found = Path(path).expanduser()
    return found.read_bytes() if found.is_file() else None


class StaffActaScreen(KioskScreen):
    def __init__(self, acta: Acta) -> None:
        super().__init__()
        self.acta = acta
        self.pending: str | None = None  # the action waiting for its text

    def heading(self) -> str:
        return _("Acta {ref}").format(ref=self.acta.ref)

    def body(self) -> ComposeResult:
        yield Static("", id="staff-acta-card", classes="card")
        yield NumberedMenu([], back=back_option(), id="staff-acta-menu")
        yield Input(id="staff-acta-text", max_length=1000, classes="hidden")
        yield Input(id="staff-acta-ref", max_length=120, classes="hidden",
                    placeholder=_("Resolución o documento que la sustenta, y Enter"))

    async def on_mount(self) -> None:
        await self.show()

    async def show(self) -> None:
        acta = self.acta
        lines = acta_lines(acta)
        if acta.reserved:
            lines.append(_("RESERVADA: {reason}").format(reason=acta.reserved_reason or "-"))
        lines.append(_("Escaneada: {file} (SHA-256 {sha}…)").format(
            file=acta.image.filename, sha=acta.image.sha256[:12]) if acta.image else
            _("Sin imagen escaneada") + ("" if acta.digitised else _(" (solo en papel)")))
        lines.append(_("RENIEC: enviada en {batch}").format(batch=acta.batch or "-")
                     if acta.sent_at else _("RENIEC: pendiente de envío"))
        self.query_one("#staff-acta-card", Static).update("\n".join(lines))
        options = [Option("annotate", _("Agregar una anotación marginal"))]
        if not acta.reserved:
            options.append(Option("reserve", _("Reservar el acta")))
        options.append(Option("scan", _("Adjuntar el acta escaneada (ruta del archivo)")))
        menu = self.query_one("#staff-acta-menu", NumberedMenu)
        await menu.show(options)
        menu.focus_first()
        for ident in ("#staff-acta-text", "#staff-acta-ref"):
            self.query_one(ident, Input).add_class("hidden")

    @on(NumberedMenu.Chosen, "#staff-acta-menu")
    async def chosen(self, event: NumberedMenu.Chosen) -> None:
        choice = event.option_id
        menu = self.query_one("#staff-acta-menu", NumberedMenu)
        if choice == "annotate":
            await menu.show([Option(f"note-{k}", _(label)) for k, label in ANNOTATIONS])
            self.status(_("Elija el tipo de anotación."))
            return
        self.pending = choice
        prompts = {"reserve": _("Motivo de la reserva, y Enter"),
                   "scan": _("Ruta del archivo escaneado (PDF, PNG o JPEG), y Enter")}
        text = self.query_one("#staff-acta-text", Input)
        text.placeholder = prompts.get(choice, _("Texto de la anotación, y Enter"))
        text.value = ""
        text.remove_class("hidden")
        text.focus()

    @on(Input.Submitted, "#staff-acta-text")
    def text_entered(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if len(value) < 3:
            self.status(_("Escriba al menos unas palabras."))
            return
        if self.pending and self.pending.startswith("note-"):
            reference = self.query_one("#staff-acta-ref", Input)
            reference.remove_class("hidden")
            reference.focus()
            return
        self.act(self.pending or "", value, "")

    @on(Input.Submitted, "#staff-acta-ref")
    def reference_entered(self, event: Input.Submitted) -> None:
        text = self.query_one("#staff-acta-text", Input).value.strip()
        self.act(self.pending or "", text, event.value.strip())

    @work(exit_on_error=False, exclusive=True, group="staff-acta")
    async def act(self, action: str, text: str, reference: str) -> None:
        registry, acta_id = self.shell.client.registry, self.acta.id
        if action == "reserve":
            call = registry.reserve(acta_id, reason=text)
        elif action == "scan":
            content = await asyncio.to_thread(_read, text)
            if content is None:
                self.status(_("No existe el archivo {path}.").format(path=text))
                return
            call = registry.attach_image(acta_id, filename=Path(text).name, content=content)
        else:
            call = registry.annotate(acta_id, kind=action.removeprefix("note-"), text=text,
                                     reference=reference)
        acta = await call_server(self.app, call, self.status)
        if acta is not None:
            self.acta = acta
            await self.show()
            self.status(_("Guardado y registrado en la auditoría."))
