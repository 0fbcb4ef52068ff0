"""`kiosk-server seed-demo`: idempotent demo data, each domain's own (`server/<domain>/demo.py`,
found by discovery and run in the order of their `ORDER`), the demo CA and a card image per
demo resident."""

from collections.abc import Collection
from pathlib import Path

from sqlalchemy.orm import Session

from server import discovery
from server.demo.card_ca import CA_DIR, CARDS_DIR


def seed(*, db: Session, data_dir: Path, election: bool = True,
         without: Collection[str] = ()) -> list[str]:
    """Create what is missing; return the lines that tell a newcomer how to log in.

    `without` leaves out domains' demo data; `election=False` leaves out the demo election
    (tests build their own elections).
    """
    skip = set(without) | (set() if election else {"elections"})
    demos = sorted((getattr(module, "ORDER", 100), name, module)
                   for name, module in discovery.modules("demo") if name not in skip)
    lines: list[str] = []
    for _, _, module in demos:
        lines += module.seed(db=db, data_dir=data_dir)
    db.commit()
    lines.append(f"Tarjetas demo / demo cards: {data_dir / CARDS_DIR}")
    lines.append(f"CA demo / demo CA: {data_dir / CA_DIR / 'ca.pem'}")
    return lines
