"""`kiosk-server seed-demo`: idempotent demo data, the demo CA and a card image per resident."""

from pathlib import Path

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.demo import data
from server.demo.card_ca import DemoCA, card_matches_ca, write_card
from server.demo.election_seed import seed_election
from server.demo.procedures_seed import seed_procedures
from server.demo.tax_seed import seed_tax
from server.identity import service as identity
from server.sites import service as sites


def seed(*, db: Session, data_dir: Path, election: bool = True) -> list[str]:
    """Create what is missing; return the lines that tell a newcomer how to log in.

    `election=False` leaves out the demo election (tests build their own elections).
    """
    for zone_id, name in data.ZONES:
        identity.upsert_zone(db=db, zone_id=zone_id, name=name)
    for code, name, address in data.SITES:
        sites.upsert_site(db=db, code=code, name=name, address=address)
    db.flush()
    ca = DemoCA.load_or_create(data_dir / "demo-ca")
    cards_dir = data_dir / "demo-cards"
    lines = ["Vecinos / residents (tarjeta PIN / card PIN "
             f"{data.CARD_PIN}; PIN municipal / municipal PIN {data.MUNICIPAL_PIN}):"]
    for dni, given, surnames, born, address, zone in data.RESIDENTS:
        if identity.get_resident_by_dni(db=db, dni=dni) is None:
            identity.create_resident(db=db, by=SYSTEM, dni=dni, given_names=given,
                                     surnames=surnames, birth_date=born, address=address,
                                     zone_id=zone, pin=data.MUNICIPAL_PIN)
        card = cards_dir / f"{dni}.card.json"
        if not card_matches_ca(card, ca):
            write_card(cards_dir, ca.issue_card(dni=dni, given_names=given, surnames=surnames,
                                                birth_date=born, pin=data.CARD_PIN))
        lines.append(f"  DNI {dni}  {given} {surnames}  (Zona {zone}, {address})")
    lines.append(f"Personal / staff (contraseña / password {data.STAFF_PASSWORD}):")
    for username, full_name, role in data.STAFF:
        if identity.get_staff_by_username(db=db, username=username) is None:
            identity.create_staff(db=db, by=SYSTEM, username=username, full_name=full_name,
                                  role=role, password=data.STAFF_PASSWORD)
        lines.append(f"  {username:<13} {role.value:<20} {full_name}")
    seed_tax(db=db)
    lines += seed_procedures(db=db, password=data.STAFF_PASSWORD)
    if election:
        lines += seed_election(db=db, data_dir=data_dir)
    db.commit()
    lines.append(f"Tarjetas demo / demo cards: {cards_dir}")
    lines.append(f"CA demo / demo CA: {data_dir / 'demo-ca' / 'ca.pem'}")
    return lines
