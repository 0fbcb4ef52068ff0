"""Ciudad inalámbrica at 80x25 with the keypad alone, against the real server: anyone sees the
hotspots as a list and as a map; Rosa (PIN) gets a voucher, printed with the QR that joins the
network and shown on screen, then finds it in "Mis fichas" with what is left."""

from screens.home import HomeScreen
from screens.wifi.home import WifiHomeScreen
from screens.wifi.hotspots import HotspotsScreen, MapScreen
from screens.wifi.voucher import GetVoucherScreen, MyVouchersScreen, VoucherScreen
from tests.kiosk.conftest import choose, menus_fit, wait_until
from tests.kiosk.test_procedure_flows import _as_rosa, text_of
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


async def test_anyone_sees_the_hotspots_and_the_map(kiosk_app):
    app = kiosk_app(lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await choose(pilot, "wifi")
        assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))
        assert not menus_fit(app)
        await choose(pilot, "list")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HotspotsScreen)
                                and app.screen.loaded)
        assert len(app.screen.items) == 7
        labels = [app.screen.label(h) for h in app.screen.items]
        assert any("Parque Kennedy" in x and "No data" in x for x in labels)
        assert any("Out of service" in x for x in labels)
        await pilot.press("escape")
        await choose(pilot, "map")
        assert await wait_until(pilot, lambda: isinstance(app.screen, MapScreen)
                                and "┌" in text_of(app, "#wifi-map"))
        drawn = text_of(app, "#wifi-map")
        assert "1?" in drawn and "✕" in drawn  # a hotspot with no data, one out of service
        # Each hotspot's zone is an area with its label, its borders dotted.
        assert all(f"Z{h.zone_id}" in drawn for h in app.screen.spots) and "·" in drawn
        assert "Parque Kennedy" in text_of(app, "#wifi-legend")


async def test_rosa_gets_a_voucher_printed_with_its_qr(kiosk_app):
    with EscposListener() as printer:
        app = kiosk_app(printer=printer.spec)
        async with app.run_test(size=(80, 25)) as pilot:
            await _as_rosa(app, pilot)
            await choose(pilot, "wifi")
            assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))
            await choose(pilot, "get")
            assert await wait_until(pilot, lambda: isinstance(app.screen, GetVoucherScreen)
                                    and "Hoy recibió 0 de 2" in text_of(app, "#wifi-rules"))
            await choose(pilot, "get")
            assert await wait_until(pilot, lambda: isinstance(app.screen, VoucherScreen))
            voucher = app.screen.voucher
            assert voucher.shown in text_of(app, "#voucher-card")
            assert "█" in text_of(app, "#voucher-qr")
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            assert await wait_until(pilot, lambda: "Retire su ficha" in app.screen.status_text)
            slip = decode(printer.printed)
            assert slip.qr == ["WIFI:S:Miraflores-WiFi-Libre;T:nopass;;"]  # joins the network
            assert voucher.shown in slip.text and "Miraflores-WiFi-Libre" in slip.text
            assert "Escanee para conectarse" in slip.text and "Verifique" not in slip.text
            assert slip.cuts == 1
            await pilot.press("escape")
            assert await wait_until(pilot, lambda: isinstance(app.screen, WifiHomeScreen))
            await choose(pilot, "mine")
            assert await wait_until(pilot, lambda: isinstance(app.screen, MyVouchersScreen)
                                    and app.screen.loaded)
            assert [v.code for v in app.screen.items] == [voucher.code]
            assert "2 h 00 min" in app.screen.label(app.screen.items[0])
