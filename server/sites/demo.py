"""Demo sites: the municipal buildings where kiosks and terminals stand."""

from pathlib import Path

from sqlalchemy.orm import Session

from server.sites.devices import upsert_site

ORDER = 10
SITES = [
    ("PM", "Palacio Municipal", "Av. José Larco 400, Miraflores"),
    ("CCRP", "Centro Cultural Ricardo Palma", "Av. José Larco 770, Miraflores"),
]


def seed(*, db: Session, data_dir: Path) -> list[str]:
    for code, name, address in SITES:
        upsert_site(db=db, code=code, name=name, address=address)
    db.flush()
    return []
