"""Demo: where the demo sites stand on the district map (no configuration: kiosks run with
their own settings until an administrator sets one)."""

from pathlib import Path

from sqlalchemy.orm import Session

from server.fleet.schemas import SitePositionIn
from server.fleet.view import place_site

ORDER = 15  # after the sites
POSITIONS = {"PM": (520, 430), "CCRP": (560, 620)}


def seed(*, db: Session, data_dir: Path) -> list[str]:
    for code, (x, y) in POSITIONS.items():
        place_site(db=db, by=None, site_code=code, position=SitePositionIn(map_x=x, map_y=y))
    return []
