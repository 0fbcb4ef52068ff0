"""Cotizaciones: sealing a 20-item quotation at the kiosk, and opening 200 at the terminal,
each against the raw libsodium operations they are made of, in the same run.

- seal: `kiosk.api.procurement.seal` (the bid's canonical JSON with a fresh salt, its
  commitment, a sealed box to the first key inside a sealed box to the second, base64)
  against the two raw `crypto_box_seal` calls on a plaintext of the same size.
- open: `kiosk.api.procurement.open_all` over 200 sealed quotations (base64, two
  `crypto_box_seal_open` each, a broken seal caught) against the 400 raw opens.
- the server's share of that opening (SQLite, demo data): the second official's password,
  200 commitments and fingerprints checked, figures read and ranked, the acta issued, the
  OCDS release published, committed; once, beside the terminal's share.

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


def server_opening(bids: int = 200) -> None:
    import json
    import tempfile
    from datetime import timedelta
    from pathlib import Path

    from sqlalchemy import select
    from stdnum.pe import ruc as ruc_number

    from server.audit.service import SYSTEM
    from server.db import Database
    from server.demo.seed import seed as seed_demo
    from server.identity import service as identity
    from server.migrate import upgrade
    from server.procurement import opening
    from server.procurement.demo import COMMITTEE, KEYS_DIR
    from server.procurement.models import Bid, Item, Request, Supplier
    from server.procurement.schemas import BidOpeningIn, OpenedBidIn
    from server.procurement.tendering import Who
    from server.sites import service as sites
    from server.timeutil import utcnow

    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'procurement.db'}"
    upgrade(url)
    database = Database(url)
    with database.sessionmaker() as db:
        seed_demo(db=db, data_dir=folder, election=False)
    files = {h: json.loads((folder / KEYS_DIR / f"{h}.json").read_text()) for h, _ in COMMITTEE}
    committee = pc.Committee(*(pc.open_key(files[h], p) for h, p in COMMITTEE))
    with database.sessionmaker() as db:
        req = db.execute(select(Request)).scalars().first()
        items = list(db.execute(select(Item).where(Item.request_id == req.id)).scalars())
        keys = [pc.b64(bytes(k.public_key)) for k in (committee.first, committee.second)]
        for n in range(bids):
            base = f"2070{n:06d}"
            supplier = Supplier(ruc=base + ruc_number.calc_check_digit(base),
                                name=f"Proveedor {n}", registered_by="bench",
                                registered_at=utcnow())
            db.add(supplier)
            db.flush()
            prices = [{"item": i.seq, "unit_price": "10.00"} for i in items]
            total = sum(i.quantity * 10 for i in items)
            plaintext = pc.bid_plaintext({"request": req.code, "ruc": supplier.ruc,
                                          "prices": prices, "total": f"{total:.2f}",
                                          "delivery_days": 5, "validity_days": 30})
            sealed = pc.seal_bid(plaintext, first=keys[0], second=keys[1])
            db.add(Bid(request_id=req.id, supplier_id=supplier.id, seq=1, current=True,
                       sealed=sealed, fingerprint=pc.fingerprint(sealed),
                       commitment=pc.commitment(plaintext), received_at=utcnow(),
                       representative_dni="40123456"))
        req.deadline = utcnow() - timedelta(seconds=1)
        db.commit()
        code = req.code
    with database.sessionmaker() as db:
        device = sites.ensure_system_device(db=db, site_code="PM", name="bench")
        staff = identity.get_staff_by_username(db=db, username=COMMITTEE[0][0])
        db.commit()
        start = time.perf_counter()
        req = db.execute(select(Request).where(Request.code == code)).scalar_one()
        rows = opening.current_bids(db, req)
        opened = [OpenedBidIn(ruc=s.ruc, plaintext=pc.b64(committee.open(b.sealed)))
                  for b, s in rows]
        terminal = time.perf_counter() - start
        opening.open_bids(db=db, who=Who(by=SYSTEM, device=device, staff=staff), req=req,
                          body=BidOpeningIn(second_official=COMMITTEE[1][0],
                                            second_password="Miraflores2026", bids=opened))
        db.commit()
        server = time.perf_counter() - start - terminal
    database.dispose()
    print(f"open {bids} quotations end to end (SQLite): terminal {terminal * 1000:.1f} ms, "
          f"server {server * 1000:.1f} ms (password, commitments, ranking, acta, OCDS, "
          f"commit); ratio server/terminal {server / terminal:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
    server_opening()
