"""The kiosk's outbox (docs/offline.md): what the kiosk accepted while the server was away is
kept on disk, survives a restart, reaches the server in order when the link returns, and is
applied once even when sent again; a refusal is set aside without blocking the rest."""

import socket
from datetime import UTC, datetime, timedelta

from kiosk.api import ApiClient
from kiosk.outbox import Outbox
from tests.conftest import table_counts

CERT = "/api/v1/residents/me/record-certificate"


def _closed_port() -> int:
    with socket.socket() as s:  # bound then closed: nothing listens there
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _unreachable(client: ApiClient) -> ApiClient:
    """The same device (its credential) with the server out of reach."""
    away = ApiClient(f"http://127.0.0.1:{_closed_port()}", credential=client.credential,
                     retries=1, timeout=2)
    away.session_token = client.session_token
    return away


async def test_kept_across_a_restart_then_sent_in_order_once(make_client, database, tmp_path):
    kiosk = await make_client("kiosk")
    await kiosk.auth.pin_login(dni="40123456", pin="654321")
    before = table_counts(database)["documents"]
    outbox = Outbox.under(tmp_path)
    for n in range(3):
        outbox.put(method="POST", path=CERT, idempotency_key=f"visit-{n}",
                   session_token=kiosk.session_token)
    outbox.put(method="POST", path=CERT, idempotency_key="visit-0",
               session_token=kiosk.session_token)  # accepted twice on screen: queued once
    away = await _unreachable(kiosk)
    result = await outbox.drain(away.transport)
    assert (result.sent, result.waiting) == (0, 3) and result.error
    assert outbox.items()[0].attempts == 1 and outbox.items()[0].last_error
    await away.aclose()

    reopened = Outbox.under(tmp_path)  # the kiosk restarted
    assert reopened.pending_count() == 3
    result = await reopened.drain(kiosk.transport)
    assert (result.sent, result.failed, result.waiting) == (3, 0, 0)
    assert reopened.pending_count() == 0
    numbers = [item.response["number"] for item in reopened.items("sent")]
    assert numbers == sorted(numbers) and len(set(numbers)) == 3  # in the order accepted
    assert table_counts(database)["documents"] == before + 3

    # The answer to the last one was lost on the way: the kiosk sends it again, same key.
    last = reopened.items("sent")[-1]
    again = await kiosk.transport.request("POST", CERT, idempotency_key=last.idempotency_key)
    assert again.json()["number"] == last.response["number"]
    assert table_counts(database)["documents"] == before + 3


async def test_a_refusal_is_set_aside_and_the_rest_goes_on(make_client, database, tmp_path):
    kiosk = await make_client("kiosk")
    await kiosk.auth.pin_login(dni="40123456", pin="654321")
    outbox = Outbox.under(tmp_path)
    outbox.put(method="POST", path=CERT, idempotency_key="no-session")  # nobody logged in
    outbox.put(method="POST", path=CERT, idempotency_key="with-session",
               session_token=kiosk.session_token)
    # Rosa is still logged in at this kiosk: a request queued without a session is not
    # sent as hers (it would issue her a certificate nobody asked for).
    result = await outbox.drain(kiosk.transport)
    assert (result.sent, result.failed, result.waiting) == (1, 1, 0)
    [refused] = outbox.items("failed")
    assert refused.idempotency_key == "no-session"
    assert "es" in refused.last_error and "en" in refused.last_error  # the server's sentence
    assert outbox.items("sent")[0].response["number"]
    assert outbox.pending_count() == 0
    # A month later the answer is forgotten; the refusal stays until a person sees it.
    assert outbox.prune(now=datetime.now(UTC) + timedelta(days=31)) == 1
    assert outbox.items("sent") == [] and len(outbox.items("failed")) == 1
