"""How Ciudad inalámbrica looks at 80x25 in Spanish and English, on fixed data: the hotspots
list and map, a voucher with its QR, my vouchers, and the usage charts."""

from datetime import UTC, date, datetime

import pytest

from kiosk.api.text import Text
from kiosk.api.wifi import API, Hotspot, Usage, Voucher
from screens.wifi.hotspots import HotspotsScreen, MapScreen
from screens.wifi.staff import UsageScreen
from screens.wifi.voucher import MyVouchersScreen, VoucherScreen
from tests.kiosk import test_account_snapshots as base
from tests.kiosk import test_marriage_snapshots as marriages

SIZE = (80, 25)
STATUS = {"en_servicio": Text(es="En servicio", en="In service"),
          "fuera_de_servicio": Text(es="Fuera de servicio", en="Out of service"),
          "sin_datos": Text(es="Sin datos", en="No data")}
SPOTS = [Hotspot(code=c, name=n, place=p, zone_id=z, status=s, status_text=STATUS[s], busy=b,
                 map_x=x, map_y=y)
         for c, n, p, z, s, b, x, y in [
             ("KENNEDY", "Parque Kennedy", "Av. José Larco", 7, "en_servicio", 23, 520, 430),
             ("AMOR", "Parque del Amor", "Malecón Cisneros", 2, "en_servicio", 8, 300, 560),
             ("RAIMONDI", "Parque Raimondi", "Malecón Cisneros", 2, "sin_datos", 0, 170, 360),
             ("PUCLLANA", "Huaca Pucllana", "Calle Gral. Borgoño", 9, "en_servicio", 3, 440,
              170),
             ("REDUCTO", "Parque Reducto N.º 2", "Av. Benavides", 13, "fuera_de_servicio", 0,
              820, 560)]]
VOUCHER = Voucher(code="4821730596", shown="48217-30596", state="vigente",
                  state_text=Text(es="Vigente", en="Valid"), issued_on=date(2026, 11, 30),
                  expires_at=datetime(2026, 12, 1, 20, 15, tzinfo=UTC), minutes=120,
                  megabytes=1000, up_kbps=2000, down_kbps=10000, seconds_left=5280,
                  megabytes_left=640, sessions=2, ssid="Miraflores-WiFi-Libre",
                  join="WIFI:S:Miraflores-WiFi-Libre;T:nopass;;")
USED = VOUCHER.model_copy(update={"code": "1357924680", "shown": "13579-24680",
                                  "state": "agotada", "seconds_left": 0,
                                  "state_text": Text(es="Agotada", en="Used up")})
USAGE = [Usage(hotspot=h, day=date(2026, 11, d), sessions=s, seconds=s * 2400,
               octets=s * 180_000_000)
         for h, d, s in [("KENNEDY", 28, 40), ("KENNEDY", 29, 52), ("AMOR", 29, 18),
                         ("PUCLLANA", 30, 9), ("AMOR", 30, 25)]]


class FixedWifi(API):
    async def hotspots(self):
        return SPOTS

    async def mine(self):
        return [VOUCHER, USED]

    async def usage(self, **_criteria):
        return USAGE


def make_app(tmp_path, cards_dir, lang):
    app = marriages.make_app(tmp_path, cards_dir, lang)
    app.client.wifi = FixedWifi(app.client.transport)
    return app


SCREENS = {"hotspots": HotspotsScreen, "map": MapScreen, "voucher": lambda: VoucherScreen(
    VOUCHER), "mine": MyVouchersScreen, "usage": UsageScreen}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_wifi_screens(snap_compare, tmp_path, cards_dir, lang, screen):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=base._as_rosa(SCREENS[screen]))
