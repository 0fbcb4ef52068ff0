"""Demo Wi-Fi: the dated rules, the district's hotspots (parks and public buildings) as RADIUS
clients on the loopback, and the demo RADIUS server's token. Idempotent."""

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.wifi import aaa, hotspots
from server.wifi.models import Hotspot, RadiusServer, Rules
from server.wifi.vouchers import publish_rules

ORDER = 85
DEMO_RADIUS = "radius-demo"
DEMO_RADIUS_TOKEN = "demo-radius-token-miraflores-wifi"
DEMO_SECRET = "demo-nas-secret-miraflores"

RULES = {"vouchers_per_day": 2, "minutes": 120, "megabytes": 1000, "up_kbps": 2000,
         "down_kbps": 10000, "valid_hours": 24, "idle_seconds": 600, "interim_seconds": 300,
         "retention_days": 30, "ssid": "Miraflores-WiFi-Libre"}

# code, name, place, zone, map x, map y (per mille: west -> east, north -> south), in service
HOTSPOTS = [
    ("KENNEDY", "Parque Kennedy", "Av. José Larco / Av. Diagonal", 7, 520, 430, True),
    ("AMOR", "Parque del Amor", "Malecón Cisneros s/n", 2, 300, 560, True),
    ("RAIMONDI", "Parque Raimondi", "Malecón Cisneros, altura cdra. 9", 2, 170, 360, True),
    ("PUCLLANA", "Huaca Pucllana", "Calle General Borgoño cdra. 8", 9, 440, 170, True),
    ("BIBLIOTECA", "Biblioteca Municipal", "Av. Larco 400 (Palacio Municipal)", 7, 560, 500,
     True),
    ("REDUCTO", "Parque Reducto N.º 2", "Av. Benavides / Av. República de Panamá", 13, 820,
     560, False),
    ("CASTILLA", "Parque Domodossola", "Calle Domodossola / Av. Angamos", 11, 700, 300, True),
]


def seed(*, db: Session, data_dir: Path) -> list[str]:
    if db.execute(select(Rules.id)).first() is None:
        publish_rules(db=db, by=SYSTEM, valid_from=date(2024, 1, 1), **RULES)
    for code, name, place, zone, x, y, up in HOTSPOTS:
        if db.execute(select(Hotspot.id).where(Hotspot.code == code)).first() is None:
            hotspots.save(db=db, by=SYSTEM, code=code, name=name, place=place, zone_id=zone,
                          ip="127.0.0.1", secret=DEMO_SECRET, map_x=x, map_y=y,
                          in_service=up)
    if db.execute(select(RadiusServer.id).where(RadiusServer.name == DEMO_RADIUS)).first() is None:
        from server.timeutil import utcnow

        db.add(RadiusServer(name=DEMO_RADIUS, token_sha256=aaa.token_hash(DEMO_RADIUS_TOKEN),
                            active=True, created_at=utcnow()))
    db.flush()
    return [f"Ciudad inalámbrica / Wi-Fi (wifi, Miraflores2026): {len(HOTSPOTS)} puntos Wi-Fi / "
            f"hotspots; token RADIUS demo / demo RADIUS token {DEMO_RADIUS_TOKEN}"]
