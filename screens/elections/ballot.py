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
        yield NumberedMenu(self._options(), id="ballot")
        if self.style.already_voted:
            yield Static(_("Usted ya votó: si vota de nuevo, solo se cuenta su último voto."),
                         classes="hint")
        yield Static("", id="ballot-status", classes="status")

    def _lead(self) -> str:
        if self.style.max_choices == 1:
            return _("Pulse el número del candidato que elige y luego 0 para revisar. "
                     "Sin marca, su voto es en blanco.")
        return _("Pulse el número de cada candidato que elige (hasta {n}) y luego 0 para "
                 "revisar. Sin marcas, su voto es en blanco.").format(n=self.style.max_choices)

    def _options(self) -> list[Option]:
        rows = [Option(str(c.list_number), f"{'(X)' if c.id in self.chosen else '( )'} "
                                           f"{c.full_name}", f"c{c.id}")
                for c in self.style.candidates]
        return [*rows, Option("0", _("Revisar mi voto"), "review")]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self._redraw()

    def _redraw(self) -> None:
        for c in self.style.candidates:
            mark = "(X)" if c.id in self.chosen else "( )"
            self.query_one(f"#opt-c{c.id}").label = f"{c.list_number}  {mark} {c.full_name}"

    @on(NumberedMenu.Chosen, "#ballot")
    def chosen_option(self, event: NumberedMenu.Chosen) -> None:
        status = self.query_one("#ballot-status", Static)
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
            status.update(_("Ya marcó {n}: desmarque uno antes de marcar otro.").format(
                n=self.style.max_choices))
            return
        else:
            self.chosen.append(cid)
        status.update("")
        self._redraw()
