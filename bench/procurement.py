"""Cotizaciones: sealing a 20-item quotation at the kiosk, and opening 200 at the terminal,
each against the raw libsodium operations they are made of, in the same run.

- seal: `kiosk.api.procurement.seal` (the bid's canonical JSON with a fresh salt, its
  commitment, a sealed box to the first key inside a sealed box to the second, base64)
  against the two raw `crypto_box_seal` calls on a plaintext of the same size.
- open: `kiosk.api.procurement.open_all` over 200 sealed quotations (base64, two
  `crypto_box_seal_open` each, a broken seal caught) against the 400 raw opens.

`python -m bench.procurement [RUNS]` (median of RUNS, default 30 for seal, 5 for open).
"""

import base64
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal

from nacl.public import PrivateKey, SealedBox

import procurement_crypto as pc
from kiosk.api.procurement import QuoteItem, QuoteRequest, SealedBid, open_all, seal
from kiosk.api.text import Text


def median_ms(fn, runs: int, warm: int = 2) -> float:
    times = []
    for n in range(runs + warm):
        start = time.perf_counter()
        fn()
        if n >= warm:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(runs: int = 30) -> None:
    first, second = PrivateKey.generate(), PrivateKey.generate()
    keys = [pc.b64(bytes(first.public_key)), pc.b64(bytes(second.public_key))]
    items = [QuoteItem(seq=n, description=f"Ítem de prueba número {n}", quantity=Decimal(n),
                       unit="unidad") for n in range(1, 21)]
    request = QuoteRequest(
        code="COT-2026-0001", ocid="ocds-mflr26-COT-2026-0001", title="Bench", description="",
        category="goods", items=items, delivery_place="Almacén", delivery_days=10,
        estimated_value=Decimal("30000"), cap=Decimal("44000"),
        deadline=datetime(2026, 12, 31, tzinfo=UTC), open_to_all=True, invited=[],
        state="publicada", state_text=Text(es="", en=""), committee_keys=keys,
        bids_received=0, bids=[])
    prices = {n: Decimal(f"{n * 3}.75") for n in range(1, 21)}

    def kiosk_seal():
        return seal(request, ruc="20601234565", prices=prices, delivery_days=7,
                    validity_days=30)

    size = len(pc.Committee(first, second).open(pc.unb64(kiosk_seal().sealed)))
    plaintext = b"x" * size
    box_1, box_2 = SealedBox(first.public_key), SealedBox(second.public_key)

    def raw_seal():
        return box_2.encrypt(box_1.encrypt(plaintext))

    sealed_ms, raw_seal_ms = median_ms(kiosk_seal, runs), median_ms(raw_seal, runs)
    print(f"seal a 20-item quotation ({size} B plaintext): kiosk {sealed_ms:.3f} ms, "
          f"raw 2×crypto_box_seal {raw_seal_ms:.3f} ms, ratio {sealed_ms / raw_seal_ms:.2f}")

    bids = [SealedBid(ruc=f"2060{n:07d}", name=f"Proveedor {n}", seq=1, fingerprint="",
                      sealed=kiosk_seal().sealed) for n in range(200)]
    committee = pc.Committee(first=first, second=second)
    raw_bids = [base64.b64decode(b.sealed) for b in bids]
    open_1, open_2 = SealedBox(first), SealedBox(second)

    def terminal_open():
        opened = open_all(bids, committee)
        assert not any(o.broken for o in opened)

    def raw_open():
        for sealed in raw_bids:
            open_1.decrypt(open_2.decrypt(sealed))

    open_runs = max(3, runs // 6)
    open_ms, raw_open_ms = median_ms(terminal_open, open_runs, 1), median_ms(raw_open,
                                                                            open_runs, 1)
    print(f"open 200 quotations at the terminal: {open_ms:.1f} ms, raw 400×crypto_box_seal_open "
          f"{raw_open_ms:.1f} ms, ratio {open_ms / raw_open_ms:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
