"""The top bar: municipality and site, who is being served, and the server-connection banner.

Meaning is always in words, never in colour alone (the Linux console may show bright and
normal colours alike).
"""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.i18n import _
from screens.shell import UsesShell


class TopBar(UsesShell, Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(id="top-line"):
            yield Static(self._title(), id="top-title")
            yield Static(self._who(), id="top-who")
        yield Static(_("SIN CONEXIÓN con el servidor municipal. Reintentando… Nada se pierde."),
                     id="offline-banner")

    def on_mount(self) -> None:
        self.watch(self.app, "server_online", self._online_changed)
        # compose already wrote the current name; a change later rewrites it
        self.watch(self.app, "site_name", lambda _v: self._refresh_text(), init=False)

    def _title(self) -> str:
        site = getattr(self.app, "site_name", "")
        return f"MUNICIPALIDAD DE MIRAFLORES{' · ' + site if site else ''}"

    def _who(self) -> str:
        session = self.shell.session
        if session.staff and session.info.acting_for:
            person = session.info.acting_for
            return _("{staff} · Atendiendo a: {name} (DNI {dni})").format(
                staff=session.staff.full_name, name=person.full_name, dni=person.dni)
        if session.staff:
            return _("Personal: {name}").format(name=session.staff.full_name)
        if session.resident:
            return _("Vecino/a: {name}").format(name=session.resident.full_name)
        return ""

    def _refresh_text(self) -> None:
        self.query_one("#top-title", Static).update(self._title())
        self.query_one("#top-who", Static).update(self._who())

    def _online_changed(self, online: bool) -> None:
        self.set_class(not online, "-offline")
