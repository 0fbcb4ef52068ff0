"""The configuration of one site, or of one device over its site's (administrators): idle
times, printer, languages, services offered and home messages. Each field shows the value in
force and which layer it comes from (this device, its site, or the kiosk's own settings).
Saving replaces this layer on the server; a refusal is shown next to the field and nothing is
saved; the devices apply a saved layer at their next heartbeat (docs/fleet.md)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from kiosk.api import ApiError, ServerUnavailable
from kiosk.api.fleet import FleetConfig, FleetDevice, FleetSite
from kiosk.i18n import _, language
from screens.base import KioskScreen
from screens.calls import call_server
from screens.fleet.texts import field_label, field_rule, field_value

TEXT_FIELDS = ("idle_seconds", "idle_warning_seconds", "printer", "languages",
               "home_message_es", "home_message_en")
NUMBERS = ("idle_seconds", "idle_warning_seconds")
FIELDS = (*TEXT_FIELDS, "services")


def as_text(name: str, value) -> str:
    """A layer's value as typed in its field (empty: not set here)."""
    if value is None:
        return ""
    return ", ".join(value) if name == "languages" else str(value)


class FleetConfigScreen(KioskScreen):
    # The Save button is below the fold at 80x25: F10 saves from any field.
    BINDINGS = [Binding("f10", "save", show=False)]

    def __init__(self, site: FleetSite, device: FleetDevice | None = None) -> None:
        super().__init__()
        self.site, self.device = site, device
        self.own = FleetConfig()  # this layer, as saved
        self.site_layer = FleetConfig()  # for a device: its site's, which it inherits
        self.services: list[str] | None = None  # as edited (None: not set here)
        self._typed: dict[str, str] | None = None  # the fields, kept across a recompose

    def heading(self) -> str:
        if self.device is not None:
            return _("Configuración del equipo {name} ({code})").format(
                name=self.device.name, code=self.site.code)
        return _("Configuración del local {code}").format(code=self.site.code)

    def body(self) -> ComposeResult:
        yield Static(_("Vacío: se hereda. Cada dato dice lo vigente y de dónde viene."),
                     classes="lead")
        for name in TEXT_FIELDS:
            with Horizontal(classes="fleet-cfg-row"):
                yield Static(field_label(name), classes="fleet-cfg-label")
                yield Input(id=f"cfg-{name}", max_length=300,
                            type="integer" if name in NUMBERS else "text")
            yield from self._notes(name)
        with Horizontal(classes="fleet-cfg-row"):
            yield Static(field_label("services"), classes="fleet-cfg-label")
            yield Button(_("Elegir servicios…"), id="cfg-services")
        yield Static("", id="cfg-services-chosen", classes="fleet-cfg-now", markup=False)
        yield from self._notes("services")
        yield Button(_("Guardar"), id="cfg-save", variant="primary")

    def _notes(self, name: str) -> ComposeResult:
        yield Static("", id=f"cfg-{name}-now", classes="fleet-cfg-now", markup=False)
        yield Static("", id=f"cfg-{name}-error", classes="fleet-cfg-error", markup=False)

    def hints(self) -> list[tuple[str, str]]:
        return [("↑/↓", _("Campo anterior / siguiente")), ("F10", _("Guardar"))]

    async def recompose(self) -> None:
        # A change of language or text size composes the form anew: what was typed stays
        # (reading the layer from the server again would silently undo an edit).
        self._typed = {name: self.query_one(f"#cfg-{name}", Input).value
                       for name in TEXT_FIELDS}
        await super().recompose()

    def restore(self) -> None:
        self.query_one("#cfg-idle_seconds", Input).focus()
        if self._typed is None:
            self.load()
            return
        for name, value in self._typed.items():
            self.query_one(f"#cfg-{name}", Input).value = value
        self._typed = None
        self._show_in_force()
        self.status(_("Edite y guarde con F10."))

    def on_mount(self) -> None:
        super().on_mount()
        self.restore()

    @work(exit_on_error=False, exclusive=True, group="fleet-config")
    async def load(self) -> None:
        fleet = self.shell.client.fleet
        call = (fleet.device_config(self.device.id) if self.device is not None
                else fleet.site_config(self.site.code))
        own = await call_server(self.app, call, self.status)
        if own is None:
            return
        if self.device is not None:
            site = await call_server(self.app, fleet.site_config(self.site.code), self.status)
            if site is None:
                return
            self.site_layer = site
        self.own, self.services = own, own.services
        for name in TEXT_FIELDS:
            self.query_one(f"#cfg-{name}", Input).value = as_text(name, getattr(own, name))
        self._show_in_force()
        self.status(_("Edite y guarde con F10."))

    def _show_in_force(self) -> None:
        """Below each field, the value in force and where it comes from."""
        for name in FIELDS:
            mine, inherited = getattr(self.own, name), getattr(self.site_layer, name)
            if mine is not None:
                source = (_("de este equipo") if self.device is not None
                          else _("de este local"))
            elif inherited is not None:
                source = _("del local {code}").format(code=self.site.code)
            else:
                source = _("lo propio de cada quiosco")
            value = mine if mine is not None else inherited
            self.query_one(f"#cfg-{name}-now", Static).update(
                _("Vigente: {value} ({source})").format(value=field_value(name, value),
                                                        source=source)
                if value is not None or name == "services"
                else _("Vigente: {source}").format(source=source))
        chosen = ", ".join(self.services) if self.services else _("ninguno: se hereda")
        self.query_one("#cfg-services-chosen", Static).update(
            _("Elegidos aquí: {services}").format(services=chosen))

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        """A field marked as refused is being corrected: its mark goes."""
        name = (event.input.id or "").removeprefix("cfg-")
        if name in FIELDS:
            self.query_one(f"#cfg-{name}-error", Static).display = False

    @on(Button.Pressed, "#cfg-services")
    def pick_services(self) -> None:
        from screens.fleet.services_dialog import ServicesDialog

        self.app.push_screen(ServicesDialog(self.services), self._picked)

    def _picked(self, chosen: list[str] | None) -> None:
        if chosen is None:
            return
        self.services = chosen or None
        text = ", ".join(chosen) if chosen else _("ninguno: se hereda")
        self.query_one("#cfg-services-chosen", Static).update(
            _("Elegidos aquí: {services}").format(services=text))

    def _collect(self) -> FleetConfig | None:
        values: dict = {"services": self.services}
        for name in TEXT_FIELDS:
            text = self.query_one(f"#cfg-{name}", Input).value.strip()
            if name in NUMBERS:
                try:
                    values[name] = int(text) if text else None
                except ValueError:
                    self._mark({name}, _("Escriba un número entero de segundos."))
                    return None
            elif name == "languages":
                values[name] = text.lower().replace(",", " ").split() or None
            else:
                values[name] = text or None
        return FleetConfig(**values)

    def _mark(self, names: set[str], text: str) -> None:
        """Show `text` next to each named field, with what it accepts (and clear the
        others)."""
        for name in FIELDS:
            error = self.query_one(f"#cfg-{name}-error", Static)
            error.update(f"{text} {field_rule(name)}".strip() if name in names else "")
            error.display = name in names
        if names:
            first = next(n for n in FIELDS if n in names)
            self.query_one(f"#cfg-{first}", Input if first != "services" else Button).focus()
            self.status(_("No se guardó nada: revise el dato marcado."))

    def action_save(self) -> None:
        self.save()

    @on(Button.Pressed, "#cfg-save")
    def save(self) -> None:
        config = self._collect()
        if config is not None:
            self.put(config)

    @work(exit_on_error=False, exclusive=True, group="fleet-config-save")
    async def put(self, config: FleetConfig) -> None:
        fleet = self.shell.client.fleet
        self.status(_("Guardando…"))
        try:
            saved = await (fleet.set_device_config(self.device.id, config)
                           if self.device is not None
                           else fleet.set_site_config(self.site.code, config))
        except ServerUnavailable as exc:
            self.shell.report_unavailable()
            self.status(exc.text(language()))
            return
        except ApiError as exc:
            refused = {str(e["loc"][1]) for e in exc.extra.get("errors", [])
                       if len(e.get("loc", [])) > 1 and e["loc"][0] == "body"}
            self._mark(refused & set(FIELDS), _("Valor no aceptado."))
            if not refused & set(FIELDS):
                self.status(exc.text(language()))
            return
        self._mark(set(), "")
        self.own, self.services = saved, saved.services
        self._show_in_force()
        self.status(_("Guardado. Los equipos lo aplicarán en su próximo latido."))
