"""The Wi-Fi operator at the terminal (80x25, keys alone): a batch for an event is created and
printed one voucher per slip, then revoked whole; one voucher revoked by its code; usage as
bar charts per hotspot and per day."""

from datetime import date

from kiosk.api.wifi import Usage
from screens.staff.menu import StaffMenuScreen
from screens.wifi.staff import (
    BatchScreen,
    NewBatchScreen,
    RevokeScreen,
    UsageScreen,
    WifiDeskScreen,
    charts,
)
from tests.kiosk.conftest import choose, type_keys, wait_until
from tests.kiosk.test_procedure_flows import text_of
from tests.kiosk.test_staff_flows import _login
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


async def test_a_batch_printed_one_per_slip_and_revoked(kiosk_app):
    with EscposListener() as printer:
        app = kiosk_app(terminal=True, printer=printer.spec)
        async with app.run_test(size=(80, 25)) as pilot:
            await _login(app, pilot, "wifi")
            assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
            await choose(pilot, "wifi-desk")
            assert await wait_until(pilot, lambda: isinstance(app.screen, WifiDeskScreen))
            await choose(pilot, "batch")
            assert await wait_until(pilot, lambda: isinstance(app.screen, NewBatchScreen))
            await pilot.press("backspace", "backspace", "3", "enter")  # 3 vouchers
            await type_keys(pilot, "Feria del libro")  # the note, still empty, has the focus
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: isinstance(app.screen, BatchScreen))
            batch = app.screen.batch
            assert batch.count == 3 and batch.note == "Feria del libro"
            assert await wait_until(pilot, lambda: len(printer.jobs) == 3, 10)
            assert await wait_until(pilot, lambda: "3 fichas impresas" in app.screen.status_text)
            slips = [decode(job) for job in printer.jobs]
            assert sorted(v.shown for v in batch.vouchers) == sorted(
                next(v.shown for v in batch.vouchers if v.shown in s.text) for s in slips)
            assert all(s.cuts == 1 and len(s.qr) == 1 for s in slips)  # one per slip
            assert "Vigente: 3" in text_of(app, "#batch-card")
            await choose(pilot, "revoke")
            assert await wait_until(pilot, lambda: "3 fichas anuladas" in app.screen.status_text)
            assert "Anulada: 3" in text_of(app, "#batch-card")
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, WifiDeskScreen))
            await choose(pilot, "revoke")
            assert await wait_until(pilot, lambda: isinstance(app.screen, RevokeScreen))
            await type_keys(pilot, "12345-67890")
            await pilot.press("enter")
            await type_keys(pilot, "Perdida")
            await pilot.press("enter")
            assert await wait_until(pilot, lambda: "No existe esa ficha" in app.screen.status_text)
            await pilot.press("escape")
            await choose(pilot, "usage")
            assert await wait_until(pilot, lambda: isinstance(app.screen, UsageScreen)
                                    and "Sin sesiones" in text_of(app, "#usage-spots"))


def test_usage_charts_scale_to_the_largest():
    usage = [Usage(hotspot="KENNEDY", day=date(2026, 11, 29), sessions=4, seconds=7200,
                   octets=2 * 10**9),
             Usage(hotspot="AMOR", day=date(2026, 11, 30), sessions=2, seconds=3600,
                   octets=10**9)]
    spots, days = charts(usage)
    kennedy = next(line for line in spots.splitlines() if line.startswith("KENNEDY"))
    amor = next(line for line in spots.splitlines() if line.startswith("AMOR"))
    assert kennedy.count("█") == 30 and amor.count("█") == 15 and "2.0 h" in kennedy
    assert "29/11" in days and "2.0 GB" in days
