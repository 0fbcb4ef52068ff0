"""Review the choices, then encrypt them here at the kiosk (a thread: it is CPU work)."""

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api import voting
from kiosk.api.elections import BallotStyle
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option


class ReviewScreen(KioskScreen):
    def __init__(self, style: BallotStyle, chosen: list[int]) -> None:
        super().__init__()
        self.style, self.chosen = style, chosen

    def heading(self) -> str:
        return _("Revise su voto")

    def body(self) -> ComposeResult:
        names = [f"{c.list_number}. {c.full_name}" for c in self.style.candidates
                 if c.id in self.chosen]
        yield Static("\n".join(names) if names else _("VOTO EN BLANCO"), id="review-choices",
                     classes="callout")
        yield Static(_("Al confirmar, el quiosco cifra su voto: nadie, ni la municipalidad, "
                       "podrá saber por quién votó."), classes="lead")
        yield NumberedMenu([Option("confirm", _("Confirmar")),
                            Option("change", _("Cambiar mi elección"))], back=None,
                           id="review-menu")

    @on(NumberedMenu.Chosen, "#review-menu")
    def chosen_option(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "change":
            self.action_back()
        else:
            self.encrypt()

    @work(exit_on_error=False, exclusive=True, group="encrypt")
    async def encrypt(self) -> None:
        self.status(_("Cifrando su voto…"))
        encrypted = await asyncio.to_thread(voting.encrypt, self.style, set(self.chosen))
        from screens.elections.tracker import TrackerScreen

        self.app.push_screen(TrackerScreen(self.style, self.chosen, encrypted))
