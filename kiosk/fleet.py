"""The kiosk's side of the fleet (docs/fleet.md): what the heartbeat reports, the configuration
fetched when the hash in the answer changes and applied without a restart, and the remote
commands run and acknowledged.

Applied live: idle times, the languages offered (the first is the default), the services on
the home screen and its message, and the printer: a different `printer` SPEC is opened in a
worker and replaces the app's printer; the old one is closed once the receipt it may be
printing has come out (devices/printer/base.py), so a job is never cut.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from time import monotonic
from typing import TYPE_CHECKING

from devices.printer.errors import PrinterError
from devices.printer.receipt import Receipt
from kiosk import __version__

if TYPE_CHECKING:
    # The wire models (pydantic) load with the first heartbeat, not at start-up.
    from kiosk.api.fleet import BeatAnswer, DeviceConfig, FleetConfig, Pending
    from kiosk.app import KioskApp

# The app exits with this code for a remote "restart"; kiosk.service has Restart=always.
RESTART_EXIT_CODE = 75
log = logging.getLogger(__name__)


def _disk_free_mb(path) -> int | None:
    try:
        return shutil.disk_usage(path).free // 2**20
    except OSError:  # the state directory not made yet
        return None


def printer_test_receipt(site: str, when: str) -> Receipt:
    return Receipt(title="PRUEBA DE IMPRESIÓN / Printer test", number="TEST", issued_at=when,
                   site=site, lines=[("Orden remota / Remote command", "print_test")],
                   code="TEST", verify_url="", qr_caption="Prueba / Test")


class FleetAgent:
    def __init__(self, app: KioskApp) -> None:
        self.app = app
        self.started = monotonic()
        self.config_hash: str | None = None  # of the configuration applied
        self.config: FleetConfig | None = None  # None: no configuration received yet
        self._local = (app.settings.idle_seconds, app.settings.idle_warning_seconds,
                       app.settings.lang)
        self._printer = app.printer.spec  # the one it started with: back to it when unset
        self._ran: set[int] = set()  # commands run whose acknowledgement may have been lost

    async def beat(self, *, reader: str, printer: str, paper: str) -> BeatAnswer:
        from kiosk.api.fleet import Beat

        disk = await asyncio.to_thread(_disk_free_mb, self.app.settings.state_dir)
        waiting = await asyncio.to_thread(self._outbox_length)  # a file read: off the loop
        return await self.app.client.fleet.heartbeat(Beat(
            software_version=__version__, reader_status=reader, printer_status=printer,
            paper_status=paper, last_error=self.app.last_error, disk_free_mb=disk,
            uptime_seconds=int(monotonic() - self.started), outbox=waiting,
            config_hash=self.config_hash))

    def _outbox_length(self) -> int:
        """What waits in the outbox the app's drain worker opened (0 before it opened it)."""
        outbox = self.app.outbox
        return outbox.pending_count() if outbox is not None else 0

    async def answered(self, answer: BeatAnswer) -> None:
        if answer.config_hash != self.config_hash:
            await self.refresh()
        for command in answer.commands:
            await self.run(command)

    async def refresh(self) -> None:
        self.apply(await self.app.client.fleet.config())

    def apply(self, served: DeviceConfig) -> None:
        config, settings = served.config, self.app.settings
        idle, warning, lang = self._local
        settings.idle_seconds = config.idle_seconds or idle
        settings.idle_warning_seconds = config.idle_warning_seconds or warning
        self.config, self.config_hash = config, served.hash
        self.app.fleet_config = config  # the home screen draws itself again
        wanted = config.printer or self._printer
        if wanted != self.app.printer.spec:
            self.app.run_worker(self._switch_printer(wanted), group="printer-switch",
                                exclusive=True, exit_on_error=False)
        allowed = config.languages or ["es", "en"]
        if self.app.language not in allowed:  # the kiosk's own default if offered, else 1st
            self.app.set_language(lang if lang in allowed else allowed[0])
        log.info("configuration %s applied", served.hash[:12])

    async def _switch_printer(self, spec: str) -> None:
        """Open the printer `spec` names and use it from the next receipt on; close the old one
        after the receipt it may be printing. A SPEC that cannot be opened keeps the old one
        (and is reported as the last error)."""
        from devices.printer.errors import BadSpec

        try:
            new = await asyncio.to_thread(self.app.open_printer, spec)
        except (BadSpec, ImportError, OSError) as exc:
            self.app.last_error = f"printer {spec}: {exc}"[:300]
            log.error("printer %s not opened: %s", spec, exc)
            return
        old, self.app.printer = self.app.printer, new
        await asyncio.to_thread(old.close)  # waits for a receipt being printed on it
        log.info("printer %s replaced by %s", old.spec, new.spec)

    async def run(self, command: Pending) -> None:
        outcome, detail = "done", None
        if command.id not in self._ran:
            if command.kind == "refresh_config":
                await self.refresh()
            elif command.kind == "print_test":
                outcome, detail = await self._print_test()
            elif command.kind == "restart":
                detail = "restarting"
            else:
                outcome, detail = "failed", f"unknown command {command.kind}"
            self._ran.add(command.id)
        await self.app.client.fleet.ack(command.id, outcome=outcome, detail=detail)
        if command.kind == "restart" and outcome == "done":
            log.warning("remote restart (command %s)", command.id)
            self.app.exit(return_code=RESTART_EXIT_CODE)

    async def _print_test(self) -> tuple[str, str | None]:
        from datetime import datetime

        from kiosk.clock import LIMA

        receipt = printer_test_receipt(self.app.site_name or "Municipalidad de Miraflores",
                               datetime.now(LIMA).strftime("%d/%m/%Y %H:%M"))
        try:
            await asyncio.to_thread(self.app.printer.print_receipt, receipt)
        except PrinterError as exc:
            self.app.last_error = f"{exc.code}: {exc}"
            return "failed", self.app.last_error[:300]
        return "done", None
