"""The council secretary convenes a session at the terminal, one field at a time (the keypad
has no Tab): the kind, the title, the day and hour, the place, the stream link (optional),
then the agenda point by point under its section. The server puts the agenda in the usual
order (acta, despacho, informes, pedidos, orden del día) and applies the law's rules (an
extraordinary session needs 5 working days' notice and its agenda); its refusals are shown
as they come, and "Corregir los datos" goes through the fields again, keeping what was
written."""

from datetime import date, datetime, time

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.api.council import ItemIn, SessionIn
from kiosk.clock import LIMA
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.dates import parse_date
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option

PLACE = "Salón de Sesiones, Palacio Municipal"
SECTIONS = ("acta", "despacho", "informes", "pedidos", "orden_del_dia")
# menu id -> (section, kind, majority): what an agenda point is and the majority its vote
# needs (Ley Orgánica de Municipalidades), picked with one key
POINTS = {"acta": ("acta", "none", "simple"), "despacho": ("despacho", "none", "simple"),
          "informes": ("informes", "none", "simple"), "pedidos": ("pedidos", "none", "simple"),
          "acuerdo": ("orden_del_dia", "acuerdo", "simple"),
          "acuerdo_absoluta": ("orden_del_dia", "acuerdo", "absoluta"),
          "acuerdo_dos_tercios": ("orden_del_dia", "acuerdo", "dos_tercios"),
          "ordenanza": ("orden_del_dia", "ordenanza", "simple"),
          "ordenanza_absoluta": ("orden_del_dia", "ordenanza", "absoluta")}
FIELDS = ("title", "date", "time", "place", "stream")


def kind_text(kind: str) -> str:
    return {"ordinaria": _("Sesión ordinaria"), "extraordinaria": _("Sesión extraordinaria"),
            "solemne": _("Sesión solemne")}.get(kind, kind)


def point_text(point: str) -> str:
    return {"acta": _("Aprobación del acta"), "despacho": _("Despacho"),
            "informes": _("Informes"), "pedidos": _("Pedidos"),
            "acuerdo": _("Orden del día: acuerdo"),
            "acuerdo_absoluta": _("Orden del día: acuerdo (mayoría absoluta)"),
            "acuerdo_dos_tercios": _("Orden del día: acuerdo (dos tercios)"),
            "ordenanza": _("Orden del día: ordenanza"),
            "ordenanza_absoluta": _("Orden del día: ordenanza (mayoría absoluta)"),
            }.get(point, point)


def parse_time(text: str) -> time | None:
    """HH:MM as people write it (18:00, 18.00, 1800, 9:30); None when it is not an hour."""
    digits = text.strip().replace(":", "").replace(".", "").replace("h", "")
    if not digits.isdigit() or len(digits) not in (3, 4):
        return None
    hour, minute = int(digits[:-2]), int(digits[-2:])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


class ConveneScreen(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.values: dict[str, str] = {"place": PLACE}
        self.field: str | None = None  # the field being written, or "item" (a point's title)
        self.point: str | None = None
        self.items: list[tuple[str, str]] = []  # (point, title)
        self.convened: str | None = None  # the new session's code

    def heading(self) -> str:
        return _("Convocar una sesión del concejo")

    def body(self) -> ComposeResult:
        yield Static("", id="convene-card", classes="card", markup=False)
        box = Input(id="convene-input", max_length=300)
        box.display = False  # shown for a field; hidden, the keys go to the menu
        yield box
        yield NumberedMenu([], back=back_option(), id="convene-menu")

    def on_mount(self) -> None:
        super().on_mount()
        self.ask_kind()

    # -- what the screen shows ----------------------------------------------------------------
    def card(self) -> str:
        v = self.values
        lines = [kind_text(self.kind) if self.kind else _("Tipo de sesión: por elegir")]
        if v.get("title"):
            lines.append(v["title"])
        if v.get("date"):
            lines.append(_("{date} a las {time}").format(date=v["date"],
                                                         time=v.get("time") or "-"))
        if v.get("title"):
            lines.append(v.get("place", ""))
        if v.get("stream"):
            lines.append(_("Transmisión: {url}").format(url=v["stream"]))
        ordered = sorted(self.items, key=lambda i: SECTIONS.index(POINTS[i[0]][0]))
        lines += [f"{n}. {point_text(p)}: {title}" for n, (p, title) in enumerate(ordered, 1)]
        return "\n".join(line for line in lines if line)

    async def menu(self, options: list[Option]) -> None:
        self.query_one("#convene-card", Static).update(self.card())
        menu = self.query_one("#convene-menu", NumberedMenu)
        menu.display = bool(options)
        await menu.show(options)
        if options and self.field is None:
            menu.focus_first()  # the keys go to the menu, not to the hidden field
        self.refresh_hints()

    def prompt(self, field: str) -> str:
        return {"title": _("Escriba el título de la sesión y pulse Enter."),
                "date": _("Escriba la fecha (DD/MM/AAAA) y pulse Enter."),
                "time": _("Escriba la hora (HH:MM) y pulse Enter."),
                "place": _("Escriba el lugar (o Enter para dejarlo) y pulse Enter."),
                "stream": _("Enlace de la transmisión (opcional): escríbalo o pulse Enter."),
                "item": _("Escriba el asunto del punto y pulse Enter.")}[field]

    def ask_kind(self) -> None:
        self.field = None
        self.query_one("#convene-input", Input).display = False
        self.set_focus(None)
        self.run_worker(self.menu([Option(k, kind_text(k)) for k in
                                   ("ordinaria", "extraordinaria", "solemne")]),
                        exit_on_error=False)
        self.status(_("Elija el tipo de sesión."))

    def ask(self, field: str) -> None:
        self.field = field
        box = self.query_one("#convene-input", Input)
        box.display = True
        box.value = "" if field == "item" else self.values.get(field, "")
        self.query_one("#convene-card", Static).update(self.card())
        self.query_one("#convene-menu", NumberedMenu).display = False  # Esc leaves
        self.refresh_hints()
        box.focus()
        self.status(self.prompt(field))

    def ask_agenda(self) -> None:
        self.field = None
        self.query_one("#convene-input", Input).display = False
        self.set_focus(None)
        n = len(self.items)
        options = [Option("convene", ngettext("Convocar la sesión ({n} punto)",
                                              "Convocar la sesión ({n} puntos)", n).format(n=n)),
                   Option("edit", _("Corregir los datos"))]
        options += [Option(p, _("Añadir: {point}").format(point=point_text(p))) for p in POINTS]
        self.run_worker(self.menu(options), exit_on_error=False)

    # -- the keys -------------------------------------------------------------------------------
    @on(NumberedMenu.Chosen, "#convene-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        what = event.option_id
        if what in ("ordinaria", "extraordinaria", "solemne"):
            self.kind = what
            self.ask("title")
        elif what == "edit":
            self.ask_kind()
        elif what == "convene":
            if self.convened is None:
                self.save()
        elif what in POINTS:
            self.point = what
            self.ask("item")

    @on(Input.Submitted, "#convene-input")
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        field = self.field
        if field == "item":
            if len(value) < 3:
                self.status(_("Escriba el asunto del punto (al menos 3 letras)."))
                return
            self.items.append((self.point or "acta", value))
            self.ask_agenda()
            self.status(_("Punto añadido. Añada otro o convoque la sesión."))
            return
        if field is None:
            return
        problem = self.check(field, value)
        if problem:
            self.status(problem)
            return
        if field == "time":
            value = f"{parse_time(value):%H:%M}"
        self.values[field] = value
        following = FIELDS.index(field) + 1
        if following < len(FIELDS):
            self.ask(FIELDS[following])
        else:
            self.ask_agenda()
            self.status(_("Añada los puntos de la agenda; el orden lo pone la ley."))

    def check(self, field: str, value: str) -> str | None:
        if field in ("title", "place") and len(value) < 3:
            return _("Escriba al menos 3 letras.")
        if field == "date" and parse_date(value) is None:
            return _("Escriba la fecha como DD/MM/AAAA.")
        if field == "time" and parse_time(value) is None:
            return _("Escriba la hora como HH:MM (por ejemplo 18:00).")
        if field == "stream" and value and not value.startswith(("http://", "https://")):
            return _("El enlace empieza con http:// o https:// (o déjelo vacío).")
        return None

    def starts_at(self) -> datetime:
        day: date = parse_date(self.values["date"])  # type: ignore[assignment]
        return datetime.combine(day, parse_time(self.values["time"]), tzinfo=LIMA)  # type: ignore[arg-type]

    @work(exit_on_error=False, exclusive=True, group="council-convene")
    async def save(self) -> None:
        body = SessionIn(kind=self.kind or "ordinaria", title=self.values["title"],
                         starts_at=self.starts_at(), place=self.values["place"],
                         stream_url=self.values.get("stream") or None,
                         items=[ItemIn(section=POINTS[p][0], title=title, kind=POINTS[p][1],
                                       majority=POINTS[p][2])
                                for p, title in self.items])
        session = await call_server(self.app, self.shell.client.council.convene(body),
                                    self.status)
        if session is None:
            return
        self.convened = session.code
        self.query_one("#convene-card", Static).update(
            _("Sesión {code} convocada para el {when}.").format(
                code=session.code, when=session.starts_at.astimezone(LIMA).strftime(
                    "%d/%m/%Y %H:%M")))
        await self.query_one("#convene-menu", NumberedMenu).show([])
        self.refresh_hints()
        self.status(_("Convocada y auditada; ya está en el calendario."))
