"""For anyone at a kiosk: the edictos in force (an identified resident may file an
objection, with their name, audited) and the day's ceremonies with their live status; a
ceremony's transmission as a QR code to open on a phone."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.marriages import Ceremony, Edicto
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.marriages.texts import couple, day, when
from screens.widgets.qr import qr_text


class EdictosScreen(ListScreen[Edicto]):
    def heading(self) -> str:
        return _("Edictos matrimoniales publicados")

    def fetch(self):
        return self.shell.client.marriages.edictos()

    def item_id(self, item: Edicto) -> str:
        return item.code

    def label(self, item: Edicto) -> str:
        return _("{names} · {when}, {place} · oposiciones hasta el {until}").format(
            names=couple(item.names), when=when(item.starts_at), place=item.place,
            until=day(item.objections_until))

    def loading_text(self) -> str:
        return _("Consultando los edictos…")

    def prompt_text(self) -> str:
        if self.shell.session.resident is None:
            return _("Para presentar una oposición, identifíquese primero con su DNI.")
        return _("Elija un edicto para presentar una oposición:")

    def empty_text(self) -> str:
        return _("No hay edictos publicados hoy.")

    def picked(self, item: Edicto) -> None:
        if self.shell.session.resident is None:
            self.status(_("Para presentar una oposición, identifíquese primero con su DNI."))
            return
        self.app.push_screen(ObjectionScreen(item))


class ObjectionScreen(KioskScreen):
    def __init__(self, edicto: Edicto) -> None:
        super().__init__()
        self.edicto = edicto
        self.filed = False

    def heading(self) -> str:
        return _("Oposición al matrimonio {code}").format(code=self.edicto.code)

    def body(self) -> ComposeResult:
        yield Static(_("{names}. Su oposición queda registrada con su nombre y DNI; el "
                       "registrador la resuelve.").format(names=couple(self.edicto.names)),
                     classes="lead", markup=False)
        yield Input(id="objection-grounds", max_length=1000,
                    placeholder=_("Motivo de la oposición (impedimento), y Enter"))

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#objection-grounds", Input).focus()

    @on(Input.Submitted, "#objection-grounds")
    def submitted(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) < 10:
            self.status(_("Explique el motivo en al menos 10 caracteres."))
            return
        if not self.filed:
            self.file(event.value.strip())

    @work(exit_on_error=False, exclusive=True, group="objection")
    async def file(self, grounds: str) -> None:
        self.status(_("Registrando su oposición…"))
        done = await call_server(self.app, self.shell.client.marriages.object_to(
            self.edicto.code, grounds=grounds), self.status)
        if done is not None:
            self.filed = True
            self.query_one("#objection-grounds", Input).disabled = True
            self.status(_("Oposición N.º {n} registrada a nombre de {name}.").format(
                n=done.seq, name=done.filer_name))


class TodayScreen(ListScreen[Ceremony]):
    def heading(self) -> str:
        return _("Ceremonias de hoy")

    def fetch(self):
        return self.shell.client.marriages.today()

    def item_id(self, item: Ceremony) -> str:
        return item.code

    def label(self, item: Ceremony) -> str:
        local = when(item.starts_at).rsplit(" ", 1)[-1]
        return f"{local} · {couple(item.names)} · {item.place} · " \
               f"{item.state_text(language()).upper()}"

    def loading_text(self) -> str:
        return _("Consultando las ceremonias de hoy…")

    def prompt_text(self) -> str:
        return _("Elija una ceremonia para verla en vivo en su teléfono:")

    def empty_text(self) -> str:
        return _("Hoy no hay ceremonias.")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(30, self.load)  # live status: programada, en curso, concluida

    def picked(self, item: Ceremony) -> None:
        if not item.stream_url:
            self.status(_("Esta ceremonia no se transmite."))
            return
        self.app.push_screen(StreamScreen(item))


class StreamScreen(KioskScreen):
    def __init__(self, ceremony: Ceremony) -> None:
        super().__init__()
        self.ceremony = ceremony

    def heading(self) -> str:
        return _("En vivo: {place}").format(place=self.ceremony.place)

    def body(self) -> ComposeResult:
        yield Static(qr_text(self.ceremony.stream_url or ""), id="stream-qr", markup=False)
        yield Static(self.ceremony.stream_url or "", classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.status(_("Escanee el código con la cámara de su teléfono."))
