"""One file at the office: its data and documents, and the steps this clerk may take now (the
server says which: its state, and whether the clerk's office holds it). Every step asks for a
note; the server checks the office's scope and the transition again."""

import asyncio
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.procedures import Expediente
from kiosk.i18n import N_, _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.procedures.status import history_lines
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

ACTIONS = [  # id, label, the server's action it stands for
    ("review", N_("Empezar la revisión"), "review"),
    ("route", N_("Derivar a otra oficina"), "route"),
    ("accept", N_("Recibir el expediente derivado"), "accept"),
    ("observe", N_("Observar (pedir corrección)"), "observe"),
    ("approve", N_("Resolver: APROBAR"), "resolve"),
    ("deny", N_("Resolver: DENEGAR"), "resolve"),
    ("archive", N_("Archivar"), "archive"),
    ("attach", N_("Adjuntar un documento escaneado (ruta del archivo)"), "attach"),
    ("register", N_("Registrar: dar número y emitir el cargo"), "register"),
]


class StaffFileScreen(KioskScreen):
    def __init__(self, exp: Expediente) -> None:
        super().__init__()
        self.exp = exp
        self.pending: str | None = None

    def heading(self) -> str:
        ref = self.exp.number or self.exp.start_code
        return f"{ref} · {self.exp.procedure_name(language())}"

    def body(self) -> ComposeResult:
        yield Static(id="staff-file-card", classes="card")
        yield NumberedMenu([], back=back_option(), id="staff-file-menu")
        yield Input(id="staff-file-extra", classes="hidden")
        yield Input(id="staff-file-note", classes="hidden", max_length=1000,
                    placeholder=_("Nota o fundamento, y Enter"))

    async def on_mount(self) -> None:
        await self.show()


    async def show(self) -> None:
        exp, lang = self.exp, language()
        due = f"{exp.due_on:%d/%m/%Y}" if exp.due_on else "-"
        lines = [_("Estado: [b]{state}[/b] · Oficina: {office} · Vence: {due}").format(
                     state=exp.state_text(lang), office=exp.office.code, due=due),
                 _("Administrado: {name} · Canal: {channel}").format(name=exp.filer_name,
                                                                     channel=exp.channel)]
        if exp.missing_attachments:
            lines.append(_("Falta adjuntar: {docs}").format(
                docs="; ".join(t(lang) for t in exp.missing_attachments)))
        lines += [f"{a.filename} ({a.size:,} B, SHA-256 {a.sha256[:12]}…)"
                  for a in exp.attachments[:3]]
        lines += history_lines(exp.events, 3)
        self.query_one("#staff-file-card", Static).update("\n".join(lines))
        menu = self.query_one("#staff-file-menu", NumberedMenu)
        allowed = set(exp.allowed_actions)
        await menu.show([Option(ident, _(label)) for ident, label, action in ACTIONS
                         if action in allowed])
        if not allowed:
            self.status(_("No puede mover este expediente: está en {office}, y solo su "
                          "personal lo mueve.").format(office=exp.office.name(lang)))
        menu.focus_first()  # digits pick options (they would type into a focused input)

    @on(NumberedMenu.Chosen, "#staff-file-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        self.pending = event.option_id
        if self.pending == "register":
            self.run_step("")
            return
        extra = self.query_one("#staff-file-extra", Input)
        note = self.query_one("#staff-file-note", Input)
        prompts = {"route": _("Código de la oficina de destino (por ejemplo SGLC)"),
                   "attach": _("Ruta del archivo escaneado (PDF, PNG o JPEG, hasta 10 MB)")}
        if self.pending in prompts:
            extra.placeholder, extra.value = prompts[self.pending], ""
            extra.remove_class("hidden")
            extra.focus()
        else:
            extra.add_class("hidden")
            note.focus()
        note.set_class(self.pending == "attach", "hidden")
        self.status(_("Complete y pulse Enter."))

    @on(Input.Submitted, "#staff-file-extra")
    def extra_entered(self) -> None:
        if self.pending == "attach":
            self.run_step("")
        else:
            self.query_one("#staff-file-note", Input).focus()

    @on(Input.Submitted, "#staff-file-note")
    def note_entered(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) < 3:
            self.status(_("Escriba una nota de al menos tres letras."))
            return
        self.run_step(event.value.strip())

    @work(exit_on_error=False, exclusive=True, group="staff-file")
    async def run_step(self, note: str) -> None:
        client, ref = self.shell.client, self.exp.number or self.exp.start_code
        extra = self.query_one("#staff-file-extra", Input).value.strip()
        if self.pending == "attach":
            scanned = await asyncio.to_thread(_read, extra)
            if scanned is None:
                self.status(_("No encuentro ese archivo en este equipo."))
                return
            name, content = scanned
            missing = [n for n, r in enumerate((await client.procedures.get(
                self.exp.procedure_code)).requirements) if r.attachment]
            done = {a.requirement for a in self.exp.attachments}
            requirement = next((n for n in missing if n not in done), missing[0])
            call = client.procedures.attach(ref, requirement=requirement, filename=name,
                                            content=content)
        elif self.pending == "register":
            call = client.procedures.register(ref)
        else:
            action = {"approve": "resolve", "deny": "resolve"}.get(self.pending, self.pending)
            outcome = {"approve": "aprobado", "deny": "denegado"}.get(self.pending)
            call = client.procedures.file_action(ref, action=action, note=note, outcome=outcome,
                                                 to_office=extra.upper() or None)
        result = await call_server(self.app, call, self.status)
        if result is None:
            return
        if self.pending == "register":
            from screens.documents.receipt import ReceiptScreen

            self.exp = result.expediente
            self.app.push_screen(ReceiptScreen(result.document))
        else:
            self.exp = await call_server(self.app, client.procedures.staff_file(
                self.exp.number or self.exp.start_code), self.status) or self.exp
        for ident in ("#staff-file-extra", "#staff-file-note"):
            self.query_one(ident, Input).add_class("hidden")
            self.query_one(ident, Input).value = ""
        self.status(_("Hecho."))
        await self.show()


def _read(raw: str) -> tuple[str, bytes] | None:
    """The scanner's file at the terminal (read in a thread: it may be on a slow share)."""
    path = Path(raw).expanduser()
    return (path.name, path.read_bytes()) if path.is_file() else None
