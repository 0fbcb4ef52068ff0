"""The officer at the terminal: make one's opening key (a file sealed under a passphrase;
only the public half goes to the server), and publish a request for quotations (the
requirement, the deadline, the invited RUCs, whether others may quote, the second official
of the committee). The server checks the 8-UIT cap, the RUCs and the committee."""

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from kiosk.clock import LIMA
from kiosk.i18n import _
from kiosk.money import AmountError, parse_soles
from screens.base import KioskScreen
from screens.calls import call_server

FIELDS = ("title", "category", "items", "place", "days", "value", "deadline", "invited",
          "open", "second")


class FormError(ValueError):
    pass


def parse_items(text: str) -> list[dict]:
    """"Pintura; 20; galón | Brocha; 12.5; unidad" → the items."""
    items = []
    for part in (p for p in text.split("|") if p.strip()):
        fields = [f.strip() for f in part.split(";")]
        try:
            description, quantity, unit = fields
            amount = Decimal(quantity.replace(",", "."))
        except (ValueError, InvalidOperation) as exc:
            raise FormError(_("Cada ítem: descripción; cantidad; unidad, separados por «|».")) \
                from exc
        if not description or not unit or amount <= 0:
            raise FormError(_("Cada ítem: descripción; cantidad; unidad, separados por «|»."))
        items.append({"description": description, "quantity": str(amount), "unit": unit})
    if not items:
        raise FormError(_("Escriba al menos un ítem."))
    return items


def parse_deadline(text: str) -> datetime:
    """DD/MM/AAAA HH:MM in Lima."""
    try:
        moment = datetime.strptime(text.strip(), "%d/%m/%Y %H:%M")
    except ValueError as exc:
        raise FormError(_("Plazo: fecha y hora como DD/MM/AAAA HH:MM.")) from exc
    return moment.replace(tzinfo=LIMA)


class PublishScreen(KioskScreen):
    def heading(self) -> str:
        return _("Nueva solicitud de cotización")

    def body(self) -> ComposeResult:
        yield Input(id="title", max_length=200, placeholder=_("Qué se compra (título)"))
        yield Input(id="category", max_length=1, placeholder=_("1 bienes, 2 servicios"))
        yield Input(id="items", max_length=2000,
                    placeholder=_("Ítems: descripción; cantidad; unidad | …"))
        yield Input(id="place", max_length=200, placeholder=_("Lugar de entrega"))
        yield Input(id="days", max_length=3, placeholder=_("Plazo de entrega en días"))
        yield Input(id="value", max_length=14, placeholder=_("Valor estimado en soles"))
        yield Input(id="deadline", max_length=16,
                    placeholder=_("Cotizaciones hasta DD/MM/AAAA HH:MM"))
        yield Input(id="invited", max_length=600, placeholder=_("RUC invitados, separados por "
                                                                "comas"))
        yield Input(id="open", max_length=1, placeholder=_("¿Otros pueden cotizar? 1 sí, 2 no"))
        yield Input(id="second", max_length=64,
                    placeholder=_("Usuario del segundo funcionario del comité"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#title", Input).focus()

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id != FIELDS[-1]:
            self.focus_next()
            return
        try:
            body = self.form()
        except FormError as exc:
            self.status(str(exc))
            return
        self.publish(body)

    def form(self) -> dict:
        if self.value("category") not in ("1", "2"):
            raise FormError(_("Tipo: 1 bienes o 2 servicios."))
        if not self.value("days").isdigit():
            raise FormError(_("Escriba un número de días entre 1 y 365."))
        try:
            estimated = parse_soles(self.value("value"))
        except AmountError as exc:
            raise FormError(exc.text()) from exc
        staff = self.shell.session.staff
        invited = [r for r in self.value("invited").replace(",", " ").split() if r]
        return {"title": self.value("title"),
                "category": "goods" if self.value("category") == "1" else "services",
                "items": parse_items(self.value("items")),
                "delivery_place": self.value("place"),
                "delivery_days": int(self.value("days")), "estimated_value": str(estimated),
                "deadline": parse_deadline(self.value("deadline")).isoformat(),
                "invited": [{"ruc": r} for r in invited],
                "open_to_all": self.value("open") == "1",
                "committee": [staff.username if staff else "", self.value("second")]}

    @work(exit_on_error=False, exclusive=True, group="publish")
    async def publish(self, body: dict) -> None:
        self.status(_("Publicando…"))
        done = await call_server(self.app, self.shell.client.procurement.publish(body),
                                 self.status)
        if done is None:
            return
        from screens.procurement.desk import RequestDeskScreen

        self.app.switch_screen(RequestDeskScreen(done))


def default_key_path(state_dir: Path, username: str) -> Path:
    return state_dir / "procurement-keys" / f"{username}.json"


class KeyScreen(KioskScreen):
    """Make one's opening key at this terminal."""

    def heading(self) -> str:
        return _("Mi clave de apertura")

    def body(self) -> ComposeResult:
        yield Static(_("La frase secreta protege su archivo de clave: sin ella nadie, ni "
                       "usted, puede abrir cotizaciones. Guarde el archivo en su memoria USB."),
                     classes="lead")
        yield Input(id="phrase-1", password=True, placeholder=_("Frase secreta (12 o más "
                                                                "caracteres)"))
        yield Input(id="phrase-2", password=True, placeholder=_("Repita la frase secreta"))
        yield Input(id="key-path", placeholder=_("Archivo donde se guarda la clave"))

    def hints(self) -> list[tuple[str, str]]:
        return [("Enter", _("Siguiente / Continuar"))]

    def on_mount(self) -> None:
        super().on_mount()
        staff = self.shell.session.staff
        self.query_one("#key-path", Input).value = str(default_key_path(
            self.shell.settings.state_dir, staff.username if staff else "clave"))
        self.query_one("#phrase-1", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "key-path":
            self.focus_next()
            return
        one = self.query_one("#phrase-1", Input).value
        two = self.query_one("#phrase-2", Input).value
        if len(one) < 12:
            self.status(_("La frase secreta debe tener al menos 12 caracteres."))
            return
        if one != two:
            self.status(_("Las dos frases no coinciden."))
            return
        self.make(one, Path(event.value.strip()).expanduser())

    @work(exit_on_error=False, exclusive=True, group="key")
    async def make(self, passphrase: str, path: Path) -> None:
        import asyncio

        import procurement_crypto as pc

        staff = self.shell.session.staff
        holder = staff.username if staff else ""
        data = await asyncio.to_thread(pc.make_key, holder=holder, passphrase=passphrase)
        try:
            await asyncio.to_thread(write_key, path, data)
        except OSError:
            self.status(_("No se pudo guardar el archivo de clave en {path}.").format(path=path))
            return
        done = await call_server(self.app, self.shell.client.procurement.register_key(
            holder=holder, public_key=data["public_key"]), self.status)
        if done is not None:
            self.status(_("Clave registrada; su archivo está en {path}.").format(path=path))


def write_key(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    path.chmod(0o600)
