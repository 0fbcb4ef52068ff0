"""PC/SC card reader through pyscard (pcscd and the reader's CCID driver, or vpcd in tests).

The watcher thread is ours rather than pyscard's CardMonitor: that one prints tracebacks to
stderr (where Textual draws) and stops for good when pcscd restarts. Ours waits on
SCardGetStatusChange (events arrive at once; the 250 ms timeout only bounds shutdown) and
reconnects to pcscd with backoff. Every PC/SC failure becomes a CardError subclass.
"""

import contextlib
import logging
import threading

from smartcard import scard
from smartcard.Exceptions import (
    CardConnectionException,
    NoCardException,
    SmartcardException,
)
from smartcard.pcsc.PCSCExceptions import BaseSCardException
from smartcard.System import readers as pcsc_readers

from devices.card import apdu
from devices.card.base import CardEvent, CardReader
from devices.card.errors import CardError, CardRemoved, NoCard, ReaderUnavailable

log = logging.getLogger(__name__)
GONE = (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED)


class _PcscGone(Exception):
    pass


def _close(connection) -> None:
    """Disconnect and release a pyscard connection, even when pcscd has gone away.

    pyscard's release() raises before forgetting its context handle, and __del__ would then
    raise again from the garbage collector: forget the handle whatever happened.
    """
    with contextlib.suppress(SmartcardException):
        connection.disconnect()
    with contextlib.suppress(SmartcardException):
        connection.release()
    inner = getattr(connection, "component", connection)  # createConnection() wraps it
    inner.hcontext = None


class PcscReader(CardReader):
    backend = "pcsc"

    def __init__(self, reader_name: str | None = None, poll_ms: int = 250) -> None:
        super().__init__()
        self.reader_name = reader_name  # None: the first reader pcscd lists
        self.poll_ms = poll_ms
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._present = False
        self._reader: str | None = None
        self._status = "unavailable"
        self._connection = None

    # -- watching -------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._watch, name="pcsc-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        self._drop_connection()

    def _watch(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            hr, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                self._status = "unavailable"
                self._set_present(False)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 2.0)  # a failed connect is cheap; notice pcscd soon
                continue
            try:
                self._watch_context(context)
                backoff = 0.5
            except _PcscGone:
                self._status = "unavailable"
                self._set_present(False)
                log.warning("pcscd went away; reconnecting")
            finally:
                scard.SCardReleaseContext(context)

    def _watch_context(self, context) -> None:
        state = scard.SCARD_STATE_UNAWARE
        watched: str | None = None
        while not self._stop.is_set():
            hr, names = scard.SCardListReaders(context, [])
            if hr in GONE:
                raise _PcscGone()
            names = names if hr == scard.SCARD_S_SUCCESS else []
            name = self.reader_name if self.reader_name in names else (
                None if self.reader_name else (names[0] if names else None))
            if name is None:
                self._status = "no_reader"
                self._set_present(False)
                self._stop.wait(self.poll_ms / 1000)
                continue
            self._status = "ok"
            if name != watched:
                watched, state = name, scard.SCARD_STATE_UNAWARE
            hr, new = scard.SCardGetStatusChange(context, self.poll_ms, [(name, state)])
            if hr == scard.SCARD_E_TIMEOUT:
                continue
            if hr in GONE:
                raise _PcscGone()
            if hr != scard.SCARD_S_SUCCESS:  # reader unplugged meanwhile: list again
                self._stop.wait(self.poll_ms / 1000)
                continue
            _name, event_state, _atr = new[0]
            state = event_state & ~scard.SCARD_STATE_CHANGED
            present = bool(event_state & scard.SCARD_STATE_PRESENT) and not (
                event_state & scard.SCARD_STATE_MUTE)
            self._reader = name
            self._set_present(present)

    def _set_present(self, present: bool) -> None:
        if present == self._present:
            return
        self._present = present
        if not present:
            self._drop_connection()
        self._notify(CardEvent.INSERTED if present else CardEvent.REMOVED)

    # -- talking to the card ---------------------------------------------------------------
    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            _close(connection)

    def _connect(self):
        try:
            reader = next((r for r in pcsc_readers() if str(r) == self._reader), None)
        except (BaseSCardException, SmartcardException) as exc:
            raise ReaderUnavailable(str(exc)) from exc
        if reader is None:
            raise NoCard()
        connection = reader.createConnection()
        try:
            connection.connect()
        except NoCardException as exc:
            _close(connection)
            raise NoCard() from exc
        except (BaseSCardException, SmartcardException) as exc:
            _close(connection)
            raise ReaderUnavailable(str(exc)) from exc
        self._connection = connection
        return connection

    def transmit(self, command: bytes) -> apdu.Response:
        with self._io:
            if not self._present:
                raise NoCard()
            connection = self._connection or self._connect()
            try:
                data, sw1, sw2 = connection.transmit(list(command))
            except CardConnectionException as exc:
                self._drop_connection()
                raise (CardRemoved() if not self._present else CardError(str(exc))) from exc
            return apdu.Response(bytes(data), (sw1 << 8) | sw2)

    def status(self) -> str:
        return self._status

    def card_present(self) -> bool:
        return self._present


def describe_readers() -> list[dict]:
    """For `kiosk card list`: every reader, the ATR of its card and the identity on it."""
    from devices.card.applet import IdApplet

    try:
        found = pcsc_readers()
    except (BaseSCardException, SmartcardException) as exc:
        raise ReaderUnavailable(str(exc)) from exc
    rows = []
    for reader in found:
        row: dict = {"reader": str(reader), "atr": None, "identity": None, "error": None}
        connection = reader.createConnection()
        try:
            connection.connect()
        except NoCardException:
            _close(connection)
            rows.append(row)
            continue
        except SmartcardException as exc:
            _close(connection)
            row["error"] = str(exc)
            rows.append(row)
            continue
        try:
            row["atr"] = bytes(connection.getATR()).hex(" ").upper()

            def send(command: bytes, connection=connection) -> apdu.Response:
                data, sw1, sw2 = connection.transmit(list(command))
                return apdu.Response(bytes(data), (sw1 << 8) | sw2)

            applet = IdApplet(send)
            applet.select()
            row["identity"] = applet.read_identity()
        except (CardError, SmartcardException) as exc:
            row["error"] = getattr(exc, "es", str(exc))
        finally:
            _close(connection)
        rows.append(row)
    return rows
