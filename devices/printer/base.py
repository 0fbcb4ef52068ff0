"""The receipt printer every backend implements.

python-escpos is imported when first used (not at the kiosk's start).
A backend gives an open python-escpos device (`_open`) and says whether it can answer a
status query. The base asks for paper and online status first (with a timeout), renders the
layout, and maps every failure to a PrinterError the kiosk can show.

One receipt at a time: `close()` (the kiosk replacing its printer, kiosk/fleet.py) waits for
the receipt being printed to finish, so a job is never cut in the middle; a closed printer
prints nothing more.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from devices.printer.errors import PaperOut, PrinterError, PrinterOffline

if TYPE_CHECKING:  # the layout loads with the first receipt, not at the kiosk's start
    from devices.printer.receipt import Receipt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrinterStatus:
    online: str  # "online", "offline", "unknown"
    paper: str  # "ok", "low", "out", "unknown"


UNKNOWN = PrinterStatus("unknown", "unknown")


def decode_paper(byte: int) -> str:
    """DLE EOT 4 answer. Masks as in python-escpos: 0x72 no paper, 0x1E near end, 0x12 ok."""
    if byte & 0x60 == 0x60:
        return "out"
    if byte & 0x0C == 0x0C:
        return "low"
    return "ok"


class ReceiptPrinter(ABC):
    backend = "base"
    can_query_status = False

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.closed = False
        self._job = threading.Lock()  # held while a receipt prints; close() waits for it

    @abstractmethod
    def _open(self):
        """An open python-escpos printer object."""

    def status(self) -> PrinterStatus:
        """Ask the printer; no answer within the timeout is "unknown", never "paper OK"."""
        if not self.can_query_status:
            return UNKNOWN
        from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER
        from escpos.exceptions import Error as EscposError

        try:
            device = self._open()
        except (OSError, EscposError) as exc:
            log.warning("printer %s unreachable: %s", self.spec, exc)
            return PrinterStatus("offline", "unknown")
        try:
            online = device.query_status(RT_STATUS_ONLINE)
            paper = device.query_status(RT_STATUS_PAPER)
        except (TimeoutError, OSError, EscposError):
            return UNKNOWN
        finally:
            device.close()
        return PrinterStatus(
            "unknown" if not online else ("offline" if online[0] & 0x08 else "online"),
            decode_paper(paper[0]) if paper else "unknown",
        )

    def close(self) -> None:
        """Stop using this printer, between receipts: waits for the one printing, then lets
        the backend release what it keeps open (`_close`)."""
        with self._job:
            self.closed = True
            self._close()

    def _close(self) -> None:
        """What a backend holds between receipts (by default nothing: every receipt opens the
        device and closes it)."""
        return

    def print_receipt(self, receipt: Receipt) -> None:
        with self._job:
            if self.closed:  # replaced while this receipt waited: a retry uses the new one
                raise PrinterOffline("printer replaced")
            self._print(receipt)

    def _print(self, receipt: Receipt) -> None:
        from escpos.exceptions import Error as EscposError

        from devices.printer import layout

        status = self.status()
        if status.paper == "out":
            raise PaperOut()
        if status.online == "offline":
            raise PrinterOffline()
        try:
            device = self._open()
        except (OSError, EscposError) as exc:
            raise PrinterOffline(str(exc)) from exc
        try:
            layout.to_escpos(receipt, device)
        except (OSError, EscposError) as exc:
            raise PrinterError(str(exc)) from exc
        finally:
            device.close()
