"""One start, as the benchmark's child process: build the app, run it headless, exit as soon
as its first screen is up. `bare` is a Textual app with one label, started the same way."""

import resource
import sys
import time
from pathlib import Path


def bare():
    from textual.app import App
    from textual.widgets import Label

    class Bare(App):
        def compose(self):
            yield Label("Municipalidad de Miraflores")

    return Bare(), lambda app: bool(app.query(Label))


def kiosk(state_dir: str):
    from devices.card.simulated import SimulatedReader
    from devices.printer.spec import open_printer
    from kiosk.api import ApiClient
    from kiosk.app import KioskApp
    from kiosk.config import KioskSettings
    from screens.home import HomeScreen

    settings = KioskSettings(server="http://127.0.0.1:9", reader="simulated", printer="none",
                             state_dir=Path(state_dir), demo=True)
    app = KioskApp(settings, ApiClient(settings.server), SimulatedReader(), open_printer("none"))
    return app, lambda app: (isinstance(app.screen, HomeScreen)
                             and bool(app.screen.query("MenuEntry")))


def main() -> None:
    app, ready = bare() if sys.argv[1] == "bare" else kiosk(sys.argv[2])

    async def until_ready(pilot) -> None:
        while not ready(pilot.app):
            await pilot.pause(0.001)
        # Wall clock, compared with the parent's spawn time: start-up ends here, not at exit.
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"READY {time.time():.6f} {rss:.1f}", flush=True)
        pilot.app.exit()

    app.run(headless=True, size=(80, 25), auto_pilot=until_ready)


if __name__ == "__main__":
    main()
