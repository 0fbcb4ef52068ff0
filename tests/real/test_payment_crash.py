"""Exactly once across a crash: the real server commits a card payment and is killed before
its reply reaches the kiosk; after the restart the kiosk repeats the request with the same
Idempotency-Key and gets the first receipt, and the debts were charged once."""

import asyncio
import contextlib
import signal
from decimal import Decimal

import pytest

from kiosk.api import ApiClient, ServerUnavailable
from tests.real.test_uvicorn import ServerProcess, _free_port

pytestmark = pytest.mark.real


class ReplyEater:
    """A TCP proxy in front of the server. While `armed`, it forwards a request, waits for the
    server's answer (so the server has committed), kills the server and drops the answer."""

    def __init__(self, server: ServerProcess) -> None:
        self.server, self.port, self.armed, self.eaten = server, _free_port(), False, 0

    async def __aenter__(self) -> "ReplyEater":
        self._listener = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        return self

    async def __aexit__(self, *exc) -> None:
        self._listener.close()

    async def _handle(self, reader, writer) -> None:
        try:
            upstream_r, upstream_w = await asyncio.open_connection("127.0.0.1",
                                                                   self.server.port)
        except OSError:
            writer.close()
            return

        async def pump(src, dst) -> None:
            with contextlib.suppress(ConnectionError):
                while data := await src.read(65536):
                    if self.armed and dst is writer:
                        self.armed, self.eaten = False, self.eaten + 1
                        self.server.process.send_signal(signal.SIGKILL)  # after the commit
                        break
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pump(reader, upstream_w), pump(upstream_r, writer))


async def test_payment_committed_then_server_killed_is_not_charged_twice(tmp_path):
    server = ServerProcess(tmp_path, _free_port()).start()
    try:
        async with ReplyEater(server) as proxy:
            client = ApiClient(f"http://127.0.0.1:{proxy.port}", retries=1, backoff=0.1)
            await client.devices.enroll(token="DEMO-MIRAFLORES", name="kiosk-crash", kind="kiosk")
            await client.auth.pin_login(dni="40123456", pin="654321")
            statement = await client.accounts.statement()
            chosen = statement.lines[:2]
            amount = sum((x.total for x in chosen), Decimal(0))

            def pay():
                return client.payments.pay(debt_ids=[x.debt_id for x in chosen], method="card",
                                           amount=amount, idempotency_key="crash-1",
                                           card={"authorization": "424242", "brand": "VISA",
                                                 "last4": "4242"})

            proxy.armed = True
            with pytest.raises(ServerUnavailable):
                await pay()  # the reply never comes: the server died after committing
            assert proxy.eaten == 1 and server.process.wait(timeout=10) == -signal.SIGKILL
            server.start()
            receipt = await pay()  # what the kiosk does: the same request, the same key
            again = await pay()
            assert receipt == again and receipt.amount == amount
            history = await client.payments.history()
            assert [p.receipt_number for p in history if p.method == "card"] == [
                receipt.receipt_number]
            after = await client.accounts.statement()
            assert not {x.debt_id for x in chosen} & {x.debt_id for x in after.lines}
            await client.aclose()
    finally:
        if server.process.poll() is None:
            server.stop()
