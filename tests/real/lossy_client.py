"""The kiosk side of tests/real/test_lossy_link.py, run inside the client's network namespace
(`ip netns exec … python -m tests.real.lossy_client STATE_DIR URL COMMAND …`).

Each run is a fresh process over the same state dir, like a kiosk restarting: the device
credential and the resident's session are read back from `client.json`, the requests from the
outbox file. It prints one JSON line with what it did.

Commands: `wait` (until /healthz answers), `enrol` (device + resident login), `put PREFIX N`
(queue N requests, no network), `drain SECONDS` (drain until empty, at most SECONDS),
`drain-once`; for a cashier's terminal: `enrol-terminal` (device with its certificate, the
cashier's till open, a block of receipt numbers, the resident's statement read) and
`cash N` (collect N debts in cash offline: numbered, signed, queued).
"""

import asyncio
import json
import sys
import time
from decimal import Decimal
from pathlib import Path

from kiosk import device_certificate, offline_cash
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
        if command == "enrol-terminal":
            key_pem, csr = device_certificate.new_key_and_csr("lossy-till")
            enrolment = await client.devices.enroll(token="DEMO-MIRAFLORES", name="lossy-till",
                                                    kind="terminal", csr=csr)
            device_certificate.save(device_certificate.CertFiles.under(state), key_pem=key_pem,
                                    cert_pem=enrolment.certificate, ca_pem=enrolment.ca_chain)
            await client.auth.staff_login(username="cajero", password="Miraflores2026")
            till = await client.payments.cash_open(Decimal("100.00"))
            block = await client.payments.reserve_offline_block(size=50)
            offline_cash.keep_block(state, prefix=block.prefix, first=block.first,
                                    last=block.last)
            await client.auth.act_for(dni="40123456", reason="Atención en caja")
            lines = (await client.accounts.statement()).lines
            (state / "client.json").write_text(json.dumps(
                {"credential": client.credential, "session": client.session_token,
                 "till": till.id, "debts": [[x.debt_id, str(x.total)] for x in lines]}))
            return {"device_id": enrolment.device_id, "debts": len(lines)}
        if command == "cash":
            saved = json.loads((state / "client.json").read_text())
            taken = saved.get("taken", 0)
            chosen = saved["debts"][taken:taken + int(args[0])]  # oldest first, one each
            numbers = [offline_cash.record_cash(
                state_dir=state, outbox=outbox, resident_dni="40123456", debt_ids=[debt],
                amount=Decimal(total), tendered=Decimal(total), staff_username="cajero",
                cash_session_id=saved["till"]).number for debt, total in chosen]
            (state / "client.json").write_text(json.dumps({**saved,
                                                           "taken": taken + len(chosen)}))
            return {"queued": [f"offline-{n}" for n in numbers], "numbers": numbers,
                    "debts": [debt for debt, _ in chosen]}
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
                    "statuses": {i.idempotency_key: i.response.get("status")
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
