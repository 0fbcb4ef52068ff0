"""The hotspots: a list with their status and how busy they are, and a map of the district
drawn in the terminal (the zones as areas, each hotspot a numbered mark)."""

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from kiosk.api.wifi import Hotspot
from kiosk.i18n import _, language, ngettext
from screens.base import KioskScreen
from screens.calls import read_public
from screens.list_screen import ListScreen

MAP_W, MAP_H = 42, 11
MARKS = {"en_servicio": "●", "fuera_de_servicio": "✕", "sin_datos": "?"}


def busy(h: Hotspot) -> str:
    return ngettext("{n} conectado", "{n} conectados", h.busy).format(n=h.busy)


class HotspotsScreen(ListScreen[Hotspot]):
    cached_as = ("wifi-hotspots", Hotspot)  # public: shown from the kiosk's copy offline

    def heading(self) -> str:
        return _("Puntos Wi-Fi")

    def fetch(self):
        return self.shell.client.wifi.hotspots()

    def item_id(self, item: Hotspot) -> str:
        return item.code

    def label(self, item: Hotspot) -> str:
        zone = _("Zona {n}").format(n=item.zone_id)
        return f"{item.name} · {zone} · {item.status_text(language())} · {busy(item)}"

    def loading_text(self) -> str:
        return _("Consultando los puntos Wi-Fi…")

    def prompt_text(self) -> str:
        return _("Elija un punto para ver dónde está:")

    def empty_text(self) -> str:
        return _("Aún no hay puntos Wi-Fi.")

    def picked(self, item: Hotspot) -> None:
        # A kept copy still says so (and how old it is) beside what was chosen.
        self.status(f"{self.age_line} {item.name}: {item.place}".strip())


def _cell(h: Hotspot) -> tuple[int, int]:
    return 2 + h.map_x * (MAP_W - 4) // 1000, h.map_y * (MAP_H - 1) // 1000


def _zones(hotspots: list[Hotspot]) -> list[list[int | None]]:
    """Each cell's zone: that of the nearest hotspot (the district has no zone outlines of its
    own here, so the areas are approximated from where the hotspots are). A cell is about
    twice as tall as it is wide, hence the weight on rows."""
    cells = [(_cell(h), h.zone_id) for h in hotspots]
    grid: list[list[int | None]] = [[None] * MAP_W for _ in range(MAP_H)]
    for y in range(MAP_H):
        for x in range(1, MAP_W):
            if cells:
                grid[y][x] = min(cells, key=lambda c: (c[0][0] - x) ** 2
                                 + 4 * (c[0][1] - y) ** 2)[1]
    return grid


def draw(hotspots: list[Hotspot]) -> str:
    """The district as a box, the sea to the west (Malecón), the zones as areas with their
    borders dotted and a label (Z7), each hotspot its number and status mark."""
    zones = _zones(hotspots)
    grid = [[" "] * MAP_W for _ in range(MAP_H)]
    for y in range(MAP_H):
        grid[y][0] = "≈"
        for x in range(1, MAP_W):
            right = zones[y][x + 1] if x + 1 < MAP_W else zones[y][x]
            below = zones[y + 1][x] if y + 1 < MAP_H else zones[y][x]
            if right != zones[y][x] or below != zones[y][x]:
                grid[y][x] = "·"
    for n, h in enumerate(hotspots, 1):
        x, y = _cell(h)
        mark = f"{n}{MARKS.get(h.status, '?')}"
        for i, ch in enumerate(mark):
            if x + i < MAP_W:
                grid[y][x + i] = ch
    for zone in sorted({h.zone_id for h in hotspots}):
        spots = [(x, y) for y in range(MAP_H) for x in range(1, MAP_W) if zones[y][x] == zone]
        cx = sum(x for x, _y in spots) // len(spots)
        cy = sum(y for _x, y in spots) // len(spots)
        label = f"Z{zone}"
        # The free place of the zone nearest its middle, for its label.
        for x, y in sorted(spots, key=lambda c: abs(c[0] - cx) + 2 * abs(c[1] - cy)):
            if x + len(label) < MAP_W and all(
                    grid[y][x + i] == " " and zones[y][x + i] == zone
                    for i in range(-1, len(label) + 1)):
                for i, ch in enumerate(label):
                    grid[y][x + i] = ch
                break
    top = "┌" + "─" * MAP_W + "┐"
    bottom = "└" + "─" * MAP_W + "┘"
    return "\n".join([top, *("│" + "".join(r) + "│" for r in grid), bottom])


def legend(hotspots: list[Hotspot]) -> str:
    lines = [f"{n:>2}{MARKS.get(h.status, '?')} {h.name[:26]}"
             for n, h in enumerate(hotspots, 1)]
    lines += ["", *_("● en servicio  ✕ fuera de servicio  ? sin datos  ≈ mar").split("  "),
              _("Z7: zona 7 (área según sus puntos)")]
    return "\n".join(lines)


class MapScreen(KioskScreen):
    spots: list[Hotspot] = []  # what the map shows, once loaded

    def heading(self) -> str:
        return _("Mapa de los puntos Wi-Fi")

    def body(self) -> ComposeResult:
        with Horizontal(id="wifi-map-row"):
            yield Static(_("Cargando el mapa…"), id="wifi-map", markup=False)
            yield Static("", id="wifi-legend", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    def reload(self) -> None:
        self.load()

    @work(exit_on_error=False, exclusive=True, group="wifi-map")
    async def load(self) -> None:
        read = await read_public(self.shell, HotspotsScreen.cached_as[0],
                                 self.shell.client.wifi.hotspots(), list[Hotspot], self.status)
        if read is None:
            return
        self.spots = spots = read.value
        self.query_one("#wifi-map", Static).update(draw(spots))
        self.query_one("#wifi-legend", Static).update(legend(spots))
        north = _("Norte arriba; el malecón al oeste.")
        self.status(f"{read.age_line()} {north}" if read.from_cache else north)
