"""The fleet on a map of the district (administrators): each site a numbered mark at its
stored position with its status (● ok, ! alert, ✕ silent), the sea to the west, as the Wi-Fi
map draws the hotspots (screens/wifi/hotspots.py); the legend names the sites."""

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from kiosk.api.fleet import FleetSite
from kiosk.i18n import _, ngettext
from screens.base import KioskScreen
from screens.calls import call_server
from screens.fleet.texts import MARKS, status_word

MAP_W, MAP_H = 40, 13


def _cell(site: FleetSite) -> tuple[int, int]:
    return (2 + (site.map_x or 0) * (MAP_W - 5) // 1000,
            (site.map_y or 0) * (MAP_H - 1) // 1000)


def draw(sites: list[FleetSite]) -> str:
    """The district as a box; a site without a stored position is left off (the legend says
    so)."""
    grid = [[" "] * MAP_W for _ in range(MAP_H)]
    for row in grid:
        row[0] = "≈"
    for n, site in enumerate(sites, 1):
        if site.map_x is None or site.map_y is None:
            continue
        x, y = _cell(site)
        mark = f"{n}{MARKS.get(site.status, '?')}"
        while any(grid[y][x + i] not in " ≈" for i in range(len(mark)) if x + i < MAP_W):
            x += 1  # two sites on the same spot: side by side
            if x + len(mark) >= MAP_W:
                x, y = 2, (y + 1) % MAP_H
        for i, ch in enumerate(mark):
            if x + i < MAP_W:
                grid[y][x + i] = ch
    top = "┌" + "─" * MAP_W + "┐"
    bottom = "└" + "─" * MAP_W + "┘"
    return "\n".join([top, *("│" + "".join(r) + "│" for r in grid), bottom])


def legend(sites: list[FleetSite]) -> str:
    lines = []
    for n, site in enumerate(sites, 1):
        where = "" if site.map_x is not None else " " + _("(sin ubicación)")
        lines.append(f"{n:>2}{MARKS.get(site.status, '?')} {site.code} "
                     f"{status_word(site.status)}{where}")
        lines.append("   " + ngettext("{n} equipo", "{n} equipos", len(site.devices)).format(
            n=len(site.devices)))
    lines += ["", _("● bien  ! alerta  ✕ sin señal"), _("≈ mar (malecón)")]
    return "\n".join(lines)


class FleetMapScreen(KioskScreen):
    sites: list[FleetSite] = []

    def heading(self) -> str:
        return _("Mapa de la flota")

    def body(self) -> ComposeResult:
        with Horizontal(id="fleet-map-row"):
            yield Static(_("Cargando el mapa…"), id="fleet-map", markup=False)
            yield Static("", id="fleet-legend", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    @work(exit_on_error=False, exclusive=True, group="fleet-map")
    async def load(self) -> None:
        view = await call_server(self.app, self.shell.client.fleet.view(), self.status)
        if view is None:
            return
        self.sites = view.sites
        self.query_one("#fleet-map", Static).update(draw(view.sites))
        self.query_one("#fleet-legend", Static).update(legend(view.sites))
        self.status(_("Norte arriba; el malecón al oeste."))
