"""ServerLink: the kiosk shell's link to the central server, as a part of `KioskApp`.

Enrol, then heartbeat (with the fleet's health and configuration) and keep the server's signed
audit checkpoint; when the server is away, show the banner, retry with backoff, and tell the
screens whose call failed when it is back; drain the outbox whenever the server answers.
"""

import asyncio
import logging
from typing import TYPE_CHECKING

from textual import work

from kiosk import __version__
from kiosk.api import ApiError, ServerUnavailable

if TYPE_CHECKING:
    from kiosk.app import KioskApp


class ServerLink:
    """Mixed into `KioskApp` (its state is made in `KioskApp.__init__`: `outbox`,
    `_awaiting_server`, `_witnessed`, `last_error`)."""

    @work(exclusive=True, exit_on_error=False, group="connection")
    async def keep_connected(self: "KioskApp") -> None:
        """Enrol if needed, then heartbeat; when the server is away, retry with backoff."""
        from kiosk.enrolment import NotEnrolled, ensure_enrolled

        # Building the HTTP client loads TLS certificates (tens of ms): not on the UI loop.
        await asyncio.to_thread(self.client.warm_up)
        delay = 1.0
        enrolled = reenrol = False
        while True:
            try:
                if not enrolled:
                    await ensure_enrolled(self.client, self.settings, force=reenrol)
                    self.site_name = (await self.client.devices.me()).site_name
                    enrolled = True
                await self._heartbeat()
                await self._witness()
                self.server_online, delay = True, 1.0
                await asyncio.sleep(self.settings.heartbeat_seconds)
            except ServerUnavailable:
                self.server_online = False
                await asyncio.sleep(delay)
                delay = min(delay * 2, 15.0)
            except NotEnrolled as exc:
                self.last_error = exc.en
                self.notify(f"{exc.es}\n{exc.en}", severity="error", timeout=30)
                await asyncio.sleep(30)
            except ApiError as exc:
                if exc.code == "device_not_authenticated" and self.settings.demo:
                    # A new demo database forgot this kiosk: enrol again, inside the retries.
                    enrolled, reenrol = False, True
                    continue
                self.last_error = exc.message.en
                self.server_online = exc.status != 0
                await asyncio.sleep(delay)
                delay = min(delay * 2, 15.0)

    @work(exclusive=True, exit_on_error=False, group="outbox")
    async def drain_outbox(self: "KioskApp") -> None:
        """Send what the outbox holds whenever the server answers (kiosk/outbox.py)."""
        outbox = await asyncio.to_thread(self.open_outbox)
        await outbox.run(self.client.transport)

    def open_outbox(self: "KioskApp"):
        """The device's outbox, opened on first use (a file: call it from a thread)."""
        from kiosk.outbox import Outbox

        if self.outbox is None:
            self.outbox = Outbox.under(self.settings.state_dir)
        return self.outbox

    async def _heartbeat(self: "KioskApp") -> None:
        from kiosk.enrolment import renew_if_due

        status = await asyncio.to_thread(self.printer.status)
        try:
            answer = await self.fleet.beat(reader=self.reader.status(), printer=status.online,
                                           paper=status.paper)
        except ApiError as exc:
            if exc.status != 404:
                raise
            # A server from before the fleet: the classic heartbeat, nothing to apply.
            await self.client.devices.heartbeat(
                software_version=__version__, reader_status=self.reader.status(),
                printer_status=status.online, paper_status=status.paper,
                last_error=self.last_error)
        else:
            await self.fleet.answered(answer)
        await renew_if_due(self.client, self.settings)  # the client certificate, before expiry

    async def _witness(self: "KioskApp") -> None:
        """Keep the server's latest signed audit checkpoint (kiosk/witness.py)."""
        from kiosk import witness

        checkpoint = await self.client.audit.checkpoint()
        # The server signs about once an hour and is asked every heartbeat: the file is read
        # and checked again only when the checkpoint changed.
        if checkpoint is None or checkpoint.model_dump() == self._witnessed:
            return
        try:
            await asyncio.to_thread(witness.keep, self.settings.state_dir,
                                    checkpoint.model_dump())
            self._witnessed = checkpoint.model_dump()
        except witness.Alarm as alarm:
            # Reported to the staff's device list with the next heartbeat, and logged.
            self.last_error = alarm.en
            logging.getLogger(__name__).error("%s (%s)", alarm.en, checkpoint.model_dump())

    def report_unavailable(self: "KioskApp") -> None:
        """A screen's call found the server away: show the banner and retry at once; the
        screen loads again by itself when the server answers (see `_server_back`)."""
        self._awaiting_server.add(self.screen)
        self.server_online = False
        self.keep_connected()

    def watch_server_online(self: "KioskApp", online: bool) -> None:
        if not online:
            return
        waiting, self._awaiting_server = self._awaiting_server, set()
        for screen in waiting:
            if screen in self.screen_stack and hasattr(screen, "server_back"):
                screen.server_back()
