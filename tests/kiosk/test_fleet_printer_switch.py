"""A different printer in the fleet's configuration is used without restarting the kiosk
(issue 18): the running app opens the new printer, the next receipt comes out there and not
at the old one, and its heartbeat reports the new printer's paper; a printer put away prints
nothing more."""

import pytest

from devices.printer.errors import PrinterOffline
from devices.printer.spec import open_printer
from kiosk.api.fleet import FleetConfig
from kiosk.fleet import printer_test_receipt
from tests.kiosk.conftest import WAIT_SCALE, wait_until
from tests.rigs.escpos_listener import EscposListener

PASSWORD = "Miraflores2026"


def _device_id(app) -> int:
    return int(app.client.credential.split(".")[0])


async def _paper_reported(admin, device_id: int) -> str | None:
    view = await admin.fleet.view()
    return next(d.paper_status for s in view.sites for d in s.devices if d.id == device_id)


async def test_a_new_printer_takes_the_next_receipt_without_a_restart(kiosk_app, make_client):
    admin = await make_client("terminal")
    await admin.auth.staff_login(username="admin", password=PASSWORD)
    with EscposListener() as first, EscposListener(paper="low") as second:
        app = kiosk_app(heartbeat_seconds=5, printer=first.spec)
        async with app.run_test(size=(80, 25)) as pilot:
            assert await wait_until(pilot, lambda: app.fleet.config_hash is not None,
                                    seconds=10)
            device, home = _device_id(app), app.screen
            await admin.fleet.issue(device, "print_test")
            assert await wait_until(pilot, lambda: b"PRUEBA" in first.printed, seconds=20)
            assert await _paper_reported(admin, device) == "ok"

            await admin.fleet.set_device_config(device, FleetConfig(printer=second.spec))
            assert await wait_until(pilot, lambda: app.printer.spec == second.spec, seconds=20)
            await admin.fleet.issue(device, "print_test")
            assert await wait_until(pilot, lambda: b"PRUEBA" in second.printed, seconds=20)
            assert first.printed.count(b"PRUEBA") == 1  # the old printer got nothing more

            # The next heartbeats ask the new printer: its paper is low.
            paper = None
            for _ in range(int(5 * WAIT_SCALE)):
                await pilot.pause(app.settings.heartbeat_seconds / 2)
                paper = await _paper_reported(admin, device)
                if paper == "low":
                    break
            assert paper == "low"
            assert app.is_running and app.return_code is None and app.screen is home

            # Unset again: back to the printer the kiosk started with.
            await admin.fleet.set_device_config(device, FleetConfig())
            assert await wait_until(pilot, lambda: app.printer.spec == first.spec, seconds=20)


def test_a_printer_put_away_prints_nothing_more():
    with EscposListener() as listener:
        printer = open_printer(listener.spec)
        printer.print_receipt(printer_test_receipt("Palacio Municipal", "01/12/2026 10:00"))
        printer.close()
        with pytest.raises(PrinterOffline):
            printer.print_receipt(printer_test_receipt("Palacio Municipal", "01/12/2026 10:01"))
    assert listener.printed.count(b"PRUEBA") == 1
