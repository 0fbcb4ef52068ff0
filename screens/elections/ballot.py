"""The ballot (cédula) of the resident's zone: list number = key, Enter to review."""

from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.api.elections import BallotStyle
from kiosk.i18n import _
from screens.base import KioskScreen
from screens.widgets.numbered_menu import NumberedMenu, Option


class BallotScreen(KioskScreen):
    def __init__(self, style: BallotStyle) -> None:
        super().__init__()
        self.style = style
        self.chosen: list[int] = []  # candidate ids, in the order marked

    def heading(self) -> str:
        return _("Cédula de la zona {zone} ({name})").format(zone=self.style.zone,
                                                            name=self.style.zone_name)

    def body(self) -> ComposeResult:
        yield Static(self._lead(), classes="lead")
        yield NumberedMenu(self._options(), back=Option("review", _("Revisar mi voto")),
                           id="ballot")
        if self.style.already_voted:
            yield Static(_("Usted ya votó: si vota de nuevo, solo se cuenta su último voto."),
                         classes="hint")

    def _lead(self) -> str:
        if self.style.max_choices == 1:
            return _("Pulse el número del candidato que elige y luego 0 para revisar. "
                     "Sin marca, su voto es en blanco.")
        return _("Pulse el número de cada candidato que elige (hasta {n}) y luego 0 para "
                 "revisar. Sin marcas, su voto es en blanco.").format(n=self.style.max_choices)

    def _options(self) -> list[Option]:
        # The keys are the list numbers printed on the ballot; (X) marks without colour.
        return [Option(f"c{c.id}", f"{'(X)' if c.id in self.chosen else '( )'} {c.full_name}",
                       key=str(c.list_number)) for c in self.style.candidates]

    async def on_screen_resume(self, event: events.ScreenResume) -> None:
        await self._redraw()

    async def _redraw(self) -> None:
        await self.query_one("#ballot", NumberedMenu).show(self._options())

    @on(NumberedMenu.Chosen, "#ballot")
    async def chosen_option(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "review":
            from screens.elections.review import ReviewScreen

            self.app.push_screen(ReviewScreen(self.style, list(self.chosen)))
            return
        cid = int(event.option_id[1:])
        if cid in self.chosen:
            self.chosen.remove(cid)
        elif self.style.max_choices == 1:
            self.chosen = [cid]
        elif len(self.chosen) >= self.style.max_choices:
            self.status(_("Ya marcó {n}: desmarque uno antes de marcar otro.").format(
                n=self.style.max_choices))
            return
        else:
            self.chosen.append(cid)
        self.status("")
        await self._redraw()
