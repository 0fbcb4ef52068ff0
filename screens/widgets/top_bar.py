"""The top bar: municipality and site, who is being served, and the server-connection banner.

While a clerk acts for a resident, a second line says for whom and why, on every screen, for
as long as it lasts. The municipality's name is never cut: the person's name gives way (it
wraps onto the second line at 80 columns). Meaning is always in words, never in colour alone
(the Linux console may show bright and normal colours alike).
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
            yield Static(self._who(), id="top-who", markup=False)
        yield Static(self._acting(), id="top-acting", markup=False,
                     classes="" if self._acting() else "hidden")
        yield Static(_("SIN CONEXIÓN con el servidor municipal. Reintentando… Nada se pierde."),
                     id="offline-banner")

    def on_mount(self) -> None:
        self.watch(self.app, "server_online", self._online_changed)
        # compose already wrote the current name; a change later rewrites it
        self.watch(self.app, "site_name", lambda _v: self._refresh_text(), init=False)

    def _title(self) -> str:
        site = getattr(self.app, "site_name", "")
        return f"MUNICIPALIDAD DE MIRAFLORES{' · ' + site if site else ''}"

    def _acting(self) -> str:
        info = self.shell.session.info
        if info is None or info.staff is None or info.acting_for is None:
            return ""
        person = info.acting_for
        text = _("Atendiendo a: {name} (DNI {dni})").format(name=person.full_name,
                                                            dni=person.dni)
        if info.acting_reason:
            text += " · " + _("Motivo: {reason}").format(reason=info.acting_reason)
        return text

    def _who(self) -> str:
        session = self.shell.session
        if session.staff:
            return _("Personal: {name}").format(name=session.staff.full_name)
        if session.resident:
            return _("Vecino/a: {name}").format(name=session.resident.full_name)
        return ""

    def _refresh_text(self) -> None:
        self.query_one("#top-title", Static).update(self._title())
        self.query_one("#top-who", Static).update(self._who())
        acting = self._acting()
        self.query_one("#top-acting", Static).update(acting)
        self.query_one("#top-acting", Static).set_class(not acting, "hidden")

    def _online_changed(self, online: bool) -> None:
        self.set_class(not online, "-offline")
