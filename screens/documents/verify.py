"""Verify a receipt or certificate by its code: is it genuine, is it still valid."""

from textual import work
from textual.widgets import Static

from kiosk.i18n import _, language
from screens.calls import call_server
from screens.documents.code_entry import CodeEntryScreen


class VerifyScreen(CodeEntryScreen):
    def heading(self) -> str:
        return _("Verificar un comprobante o certificado")

    @work(exit_on_error=False, exclusive=True, group="verify")
    async def act(self, code: str) -> None:
        self.status(_("Consultando…"))
        result = self.query_one("#code-result", Static)
        verification = await call_server(self.app, self.shell.client.documents.verify(code),
                                         self.status)
        if verification is None:
            return
        self.status("")
        lines = [("[b]" + (_("VÁLIDO") if verification.valid else _("NO VÁLIDO")) + "[/b]"),
                 verification.message(language())]
        if verification.number:
            lines += [f"{verification.title(language())} · N.º {verification.number}",
                      _("Titular: {initials}").format(initials=verification.holder_initials
                                                      or "-")]
        result.update("\n".join(lines))
