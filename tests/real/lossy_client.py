"""The kiosk side of tests/real/test_lossy_link.py, run inside the client's network namespace
(`ip netns exec … python -m tests.real.lossy_client STATE_DIR URL COMMAND …`).

Each run is a fresh process over the same state dir, like a kiosk restarting: the device
credential and the resident's session are read back from `client.json`, the requests from the
outbox file. It prints one JSON line with what it did.

Commands: `wait` (until /healthz answers), `enrol` (device + resident login), `put PREFIX N`
(queue N requests, no network), `drain SECONDS` (drain until empty, at most SECONDS),
`drain-once`.
"""

import asyncio
import json
import sys
import time
from pathlib import Path

from kiosk.api import ApiClient, ApiError
from kiosk.outbox import Outbox

CERT = "/api/v1/residents/me/record-certificate"


def _client(state: Path, url: str) -> ApiClient:
    saved = json.loads((state / "client.json").read_text()) if (state / "client.json").exists() \
        else {}
    # Short timeouts and few retries per call: the outbox's own loop is what persists.
    client = ApiClient(url, credential=saved.get("credential"), timeout=4, retries=2,
                       backoff=0.2)
    client.session_token = saved.get("session")
    return client


async def main(state: Path, url: str, command: str, args: list[str]) -> dict:
    client = _client(state, url)
    outbox = Outbox.under(state)
    try:
        if command == "wait":
            deadline = time.monotonic() + float(args[0])
            while time.monotonic() < deadline:
                if await client.health():
                    return {"up": True}
                await asyncio.sleep(0.2)
            return {"up": False}
        if command == "enrol":
            enrolment = await client.devices.enroll(token="DEMO-MIRAFLORES", name="lossy-kiosk",
                                                    kind="kiosk")
            await client.auth.pin_login(dni="40123456", pin="654321")
            (state / "client.json").write_text(json.dumps(
                {"credential": client.credential, "session": client.session_token}))
            return {"device_id": enrolment.device_id}
        if command == "put":
            prefix, count = args[0], int(args[1])
            keys = [outbox.put(method="POST", path=CERT, idempotency_key=f"{prefix}-{n}",
                               session_token=client.session_token).idempotency_key
                    for n in range(count)]
            return {"queued": keys, "pending": outbox.pending_count()}
        if command == "drain-once":
            result = await outbox.drain(client.transport)
            return {"sent": result.sent, "failed": result.failed, "waiting": result.waiting}
        if command == "drain":
            deadline, rounds, sent, failed, delay = time.monotonic() + float(args[0]), 0, 0, 0, 0.2
            while outbox.pending_count() and time.monotonic() < deadline:
                result = await outbox.drain(client.transport)
                rounds, sent, failed = rounds + 1, sent + result.sent, failed + result.failed
                if result.waiting:
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 2.0)
            attempts = sum(i.attempts for s in ("sent", "failed", "pending")
                           for i in outbox.items(s))
            return {"sent": sent, "failed": failed, "waiting": outbox.pending_count(),
                    "rounds": rounds, "attempts": attempts,
                    "answers": {i.idempotency_key: i.response["number"]
                                for i in outbox.items("sent")},
                    "refused": [i.last_error for i in outbox.items("failed")]}
        raise SystemExit(f"unknown command {command}")
    except ApiError as exc:
        return {"error": exc.code, "message": exc.message.en}
    finally:
        await client.aclose()


if __name__ == "__main__":
    state_dir, base_url, cmd, *rest = sys.argv[1:]
    print(json.dumps(asyncio.run(main(Path(state_dir), base_url, cmd, rest))))
