"""The Wi-Fi operator's terminal: batches of vouchers for an event (printed one per slip,
revocable), revoking one voucher, the hotspot registry (NAS: name, IP, shared secret, place)
and usage per hotspot and per day as bar charts."""

import asyncio
from collections import defaultdict

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Input, Static

from devices.printer.errors import PrinterError
from kiosk.api.wifi import Batch, Usage
from kiosk.i18n import N_, _, language, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.list_screen import ListScreen
from screens.widgets.numbered_menu import NumberedMenu, Option, back_option
from screens.wifi import texts

BAR = 30


class WifiDeskScreen(KioskScreen):
    def heading(self) -> str:
        return _("Ciudad inalámbrica")

    def body(self) -> ComposeResult:
        yield NumberedMenu([Option("batch", _("Nuevo lote de fichas para un evento")),
                            Option("batches", _("Lotes: imprimir o anular")),
                            Option("revoke", _("Anular una ficha")),
                            Option("usage", _("Uso por punto y por día (gráficos)")),
                            Option("hotspot", _("Registrar o cambiar un punto Wi-Fi")),
                            Option("hotspots", _("Puntos Wi-Fi: lista y estado"))],
                           back=back_option(), id="wifi-desk")

    @on(NumberedMenu.Chosen, "#wifi-desk")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        from screens.wifi.hotspots import HotspotsScreen

        screens = {"batch": NewBatchScreen, "batches": BatchesScreen, "revoke": RevokeScreen,
                   "usage": UsageScreen, "hotspot": HotspotFormScreen,
                   "hotspots": HotspotsScreen}
        self.app.push_screen(screens[event.option_id]())


class Form(KioskScreen):
    """Labelled inputs; Enter on the last one sends them."""

    FIELDS: tuple[tuple[str, str, str], ...] = ()  # id, label msgid, default

    def body(self) -> ComposeResult:
        for field, label, default in self.FIELDS:
            yield Static(_(label))
            yield Input(value=default, id=field, max_length=200)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus()

    def values(self) -> dict[str, str]:
        return {f: self.query_one(f"#{f}", Input).value.strip() for f, _l, _d in self.FIELDS}

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        ids = [f for f, _l, _d in self.FIELDS]
        values = self.values()
        missing = next((f for f in ids if not values[f]), None)
        if missing is not None:
            self.query_one(f"#{missing}", Input).focus()
            return
        self.send(values)

    def send(self, values: dict[str, str]) -> None:
        raise NotImplementedError


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


class NewBatchScreen(Form):
    FIELDS = (("count", N_("Cantidad de fichas"), "20"),
              ("minutes", N_("Minutos por ficha (0: sin límite)"), "120"),
              ("megabytes", N_("MB por ficha (0: sin límite)"), "1000"),
              ("hours", N_("Vigencia en horas"), "48"),
              ("note", N_("Para qué es (evento, lugar)"), ""))

    def heading(self) -> str:
        return _("Nuevo lote de fichas")

    def send(self, values: dict[str, str]) -> None:
        numbers = {k: _number(values[k]) for k in ("count", "minutes", "megabytes", "hours")}
        wrong = next((k for k, v in numbers.items() if v is None), None)
        if wrong is not None:
            self.status(_("Escriba solo números."))
            self.query_one(f"#{wrong}", Input).focus()
            return
        self.create(numbers, values["note"])

    @work(exit_on_error=False, exclusive=True, group="wifi-batch")
    async def create(self, n: dict[str, int], note: str) -> None:
        batch = await call_server(self.app, self.shell.client.wifi.create_batch({
            "count": n["count"], "minutes": n["minutes"], "megabytes": n["megabytes"],
            "valid_hours": n["hours"], "note": note}), self.status)
        if batch is not None:
            self.app.switch_screen(BatchScreen(batch, print_now=True))


class BatchesScreen(ListScreen[Batch]):
    def heading(self) -> str:
        return _("Lotes de fichas")

    def fetch(self):
        return self.shell.client.wifi.batches()

    def item_id(self, item: Batch) -> str:
        return item.number

    def label(self, item: Batch) -> str:
        return f"{item.number} · {item.count} · {item.note}"

    def loading_text(self) -> str:
        return _("Consultando los lotes…")

    def prompt_text(self) -> str:
        return _("Elija un lote:")

    def empty_text(self) -> str:
        return _("Aún no hay lotes.")

    def picked(self, item: Batch) -> None:
        self.open_batch(item.number)

    @work(exit_on_error=False, exclusive=True, group="wifi-batch")
    async def open_batch(self, number: str) -> None:
        batch = await call_server(self.app, self.shell.client.wifi.batch(number), self.status)
        if batch is not None:
            self.app.push_screen(BatchScreen(batch))


def batch_lines(b: Batch) -> list[str]:
    lang = language()
    states: dict[str, int] = defaultdict(int)
    for v in b.vouchers:
        states[v.state_text(lang)] += 1
    summary = ", ".join(f"{name}: {n}" for name, n in sorted(states.items()))
    first = b.vouchers[0] if b.vouchers else None
    lines = [f"[b]{b.number}[/b] · {b.note}",
             ngettext("{n} ficha", "{n} fichas", b.count).format(n=b.count) + f" · {summary}"]
    if first is not None:
        lines.append(_("Tiempo: {time} · Datos: {data}").format(
            time=texts.minutes(first.minutes or None),
            data=texts.megabytes(first.megabytes or None)))
        lines.append(_("Vence: {when}").format(when=texts.expires(first)))
    return lines


class BatchScreen(KioskScreen):
    def __init__(self, batch: Batch, print_now: bool = False) -> None:
        super().__init__()
        self.batch, self.print_now = batch, print_now

    def heading(self) -> str:
        return _("Lote {number}").format(number=self.batch.number)

    def body(self) -> ComposeResult:
        yield Static("\n".join(batch_lines(self.batch)), id="batch-card", classes="card")
        yield NumberedMenu([Option("print", _("Imprimir las fichas (una por papel)")),
                            Option("revoke", _("Anular todo el lote"))],
                           back=back_option(), id="batch-menu")

    def on_mount(self) -> None:
        super().on_mount()
        if self.print_now:
            self.print_all()

    @on(NumberedMenu.Chosen, "#batch-menu")
    def chosen(self, event: NumberedMenu.Chosen) -> None:
        if event.option_id == "print":
            self.print_all()
        else:
            self.revoke_all()

    @work(exit_on_error=False, exclusive=True, group="printer")
    async def print_all(self) -> None:
        valid = [v for v in self.batch.vouchers if v.state == "vigente"]
        for n, voucher in enumerate(valid, 1):
            self.status(_("Imprimiendo la ficha {n} de {total}…").format(n=n, total=len(valid)))
            try:
                await asyncio.to_thread(self.shell.printer.print_receipt,
                                        texts.slip(voucher, self.shell.settings.device_name))
            except PrinterError as exc:
                self.status(_("{reason} Se imprimieron {n} de {total}; pulse 1 para "
                              "imprimirlas todas de nuevo.").format(
                    reason=exc.text(language()), n=n - 1, total=len(valid)))
                return
        self.status(ngettext("Listo: {n} ficha impresa.", "Listo: {n} fichas impresas.",
                             len(valid)).format(n=len(valid)))

    @work(exit_on_error=False, exclusive=True, group="wifi-batch")
    async def revoke_all(self) -> None:
        done = await call_server(self.app, self.shell.client.wifi.revoke_batch(
            self.batch.number, reason=_("Anulado en la terminal")), self.status)
        if done is None:
            return
        batch = await call_server(self.app, self.shell.client.wifi.batch(self.batch.number),
                                  self.status)
        if batch is not None:
            self.batch = batch
            self.query_one("#batch-card", Static).update("\n".join(batch_lines(batch)))
        self.status(ngettext("{n} ficha anulada.", "{n} fichas anuladas.",
                             done.revoked).format(n=done.revoked))


class RevokeScreen(Form):
    FIELDS = (("code", N_("Código de la ficha (12345-67890)"), ""),
              ("reason", N_("Motivo"), ""))

    def heading(self) -> str:
        return _("Anular una ficha")

    @work(exit_on_error=False, exclusive=True, group="wifi-revoke")
    async def send(self, values: dict[str, str]) -> None:
        voucher = await call_server(self.app, self.shell.client.wifi.revoke(
            values["code"], reason=values["reason"]), self.status)
        if voucher is not None:
            self.status(_("Ficha {code}: {state}.").format(
                code=voucher.shown, state=voucher.state_text(language())))


class HotspotFormScreen(Form):
    FIELDS = (("code", N_("Código (NAS-Identifier)"), ""), ("name", N_("Nombre"), ""),
              ("place", N_("Lugar"), ""), ("zone", N_("Zona (1 a 14)"), ""),
              ("ip", N_("Dirección IP del equipo"), ""),
              ("coa", N_("Puerto de desconexión (RFC 5176)"), "3799"))

    def heading(self) -> str:
        return _("Punto Wi-Fi")

    def send(self, values: dict[str, str]) -> None:
        zone, coa = _number(values["zone"]), _number(values["coa"])
        if zone is None or coa is None:
            self.status(_("Escriba solo números."))
            return
        self.save(values, zone, coa)

    @work(exit_on_error=False, exclusive=True, group="wifi-hotspot")
    async def save(self, values: dict[str, str], zone: int, coa: int) -> None:
        saved = await call_server(self.app, self.shell.client.wifi.save_hotspot({
            "code": values["code"], "name": values["name"], "place": values["place"],
            "zone_id": zone, "ip": values["ip"], "coa_port": coa}), self.status)
        if saved is not None:
            self.status(_("Guardado. Secreto compartido para el equipo: {secret}").format(
                secret=saved.secret))


def bars(rows: list[tuple[str, float]], unit: str, digits: int = 1) -> str:
    """A horizontal bar chart in text: one row per label, scaled to the largest."""
    top = max((value for _label, value in rows), default=0) or 1
    return "\n".join(f"{label[:10]:<10} {'█' * max(0, round(BAR * value / top)):<{BAR}} "
                     f"{value:.{digits}f} {unit}".rstrip() for label, value in rows)


def charts(usage: list[Usage]) -> tuple[str, str]:
    by_spot: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    by_day: dict[str, float] = defaultdict(float)
    for u in usage:
        acc = by_spot[u.hotspot]
        acc[0] += u.sessions
        acc[1] += u.seconds / 3600
        acc[2] += u.octets / 1e9
        by_day[u.day.strftime("%d/%m")] += u.octets / 1e9
    spots = "\n".join([
        _("Horas por punto:"), bars([(k, v[1]) for k, v in sorted(by_spot.items())], "h"),
        _("Sesiones por punto:"),
        bars([(k, v[0]) for k, v in sorted(by_spot.items())], "", digits=0)])
    days = "\n".join([_("GB por día:"), bars(sorted(by_day.items()), "GB")])
    return spots, days


class UsageScreen(KioskScreen):
    def heading(self) -> str:
        return _("Uso del Wi-Fi: últimos 14 días")

    def body(self) -> ComposeResult:
        yield Static(_("Consultando…"), id="usage-spots", markup=False)
        yield Static("", id="usage-days", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="wifi-usage")
    async def load(self) -> None:
        usage = await call_server(self.app, self.shell.client.wifi.usage(days=14), self.status)
        if usage is None:
            return
        if not usage:
            self.query_one("#usage-spots", Static).update(_("Sin sesiones en estos días."))
            return
        spots, days = charts(usage)
        self.query_one("#usage-spots", Static).update(spots)
        self.query_one("#usage-days", Static).update(days)
