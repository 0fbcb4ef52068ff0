"""The first screen of a staff terminal: user name and password."""

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.i18n import _
from screens.base import KioskScreen
from screens.calls import call_server


class StaffLoginScreen(KioskScreen):
    can_go_back = False

    def heading(self) -> str:
        return _("Terminal de atención — inicio de sesión del personal")

    def body(self) -> ComposeResult:
        yield Static(_("Usuario"))
        yield Input(id="username", max_length=64)
        yield Static(_("Contraseña"))
        yield Input(id="password", password=True, max_length=256)

    def on_mount(self) -> None:
        self.query_one("#username", Input).focus()

    def on_screen_resume(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.query_one("#username", Input).focus()


    @on(Input.Submitted, "#username")
    def to_password(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def submit(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if username and password:
            self.login(username, password)
        else:
            self.status(_("Escriba su usuario y su contraseña."))

    @work(exit_on_error=False, exclusive=True, group="login")
    async def login(self, username: str, password: str) -> None:
        from screens.staff.menu import StaffMenuScreen

        self.status(_("Verificando…"))
        info = await call_server(
            self.app, self.shell.client.auth.staff_login(username=username, password=password),
            self.status)
        if info is None:
            self.query_one("#password", Input).value = ""
            return
        self.status("")
        self.shell.session.begin(info)
        self.shell.touch()
        self.app.push_screen(StaffMenuScreen())
