"""Demo zones, residents (with a demo ID card each) and staff. Street names are Miraflores's
own; people are fictitious."""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.demo.card_ca import CA_DIR, CARDS_DIR, DemoCA, card_matches_ca, write_card
from server.demo.data import CARD_PIN, MUNICIPAL_PIN, STAFF_PASSWORD
from server.identity.residents import create_resident, get_resident_by_dni, upsert_zone
from server.identity.roles import Role
from server.identity.staff import create_staff, get_staff_by_username

ORDER = 20
ZONES = [(n, f"Zona {n}") for n in range(1, 15)]

# dni, given names, surnames, birth date, address, zone
RESIDENTS = [
    ("40123456", "Rosa", "Quispe Mamani", date(1956, 3, 14), "Calle Berlín 245", 7),
    ("07654321", "Jorge Luis", "Huamán Torres", date(1948, 11, 2), "Av. José Larco 1150", 5),
    ("10234567", "María Elena", "Rodríguez Salazar", date(1962, 7, 21), "Calle Schell 310", 6),
    ("41234987", "Carlos Alberto", "Mendoza Ríos", date(1981, 1, 30), "Av. Benavides 1820", 9),
    ("09876543", "Ana Lucía", "Flores Chávez", date(1953, 5, 9),
     "Malecón de la Reserva 615", 2),
    ("45678123", "Luis Fernando", "Castillo Vargas", date(1990, 9, 17),
     "Av. Angamos Oeste 540", 11),
    ("08123456", "Teresa", "Gutiérrez de Paredes", date(1945, 12, 25), "Av. Pardo 430", 3),
    ("42345678", "Miguel Ángel", "Ramírez Soto", date(1985, 4, 3), "Calle Alcanfores 780", 8),
    ("06543210", "Carmen Rosa", "Díaz Espinoza", date(1950, 8, 12),
     "Av. Comandante Espinar 670", 4),
    ("46789012", "Diego Alonso", "Paredes Núñez", date(1995, 2, 28), "Av. Del Ejército 1210", 1),
    ("43210987", "Patricia", "Morales Cárdenas", date(1978, 10, 11), "Av. Santa Cruz 895", 12),
    ("07890123", "Víctor Hugo", "Salas Medina", date(1958, 6, 6),
     "Calle Manuel Bonilla 150", 10),
    ("44556677", "Gabriela", "Torres Villanueva", date(1988, 12, 1), "Av. Reducto 1340", 13),
    ("05432198", "Julio César", "Chávez Llosa", date(1947, 3, 19),
     "Av. Mariscal La Mar 920", 14),
]

STAFF = [
    ("cajero", "Pedro Alarcón Ruiz", Role.CASHIER),
    ("registrador", "Lucía Vega Montes", Role.REGISTRAR),
    ("mesadepartes", "Sofía Quiroz León", Role.FRONT_DESK),
    ("secretaria", "Ricardo Benavides Soto", Role.COUNCIL_SECRETARY),
    ("electoral", "Elena Cárdenas Ibáñez", Role.ELECTION_OFFICER),
    ("logistica", "Martín Ugarte Pinto", Role.PROCUREMENT_OFFICER),
    ("wifi", "Renzo Gálvez Arana", Role.WIFI_OPERATOR),
    ("admin", "Administradora del sistema", Role.ADMINISTRATOR),
]


def seed(*, db: Session, data_dir: Path) -> list[str]:
    for zone_id, name in ZONES:
        upsert_zone(db=db, zone_id=zone_id, name=name)
    db.flush()
    ca = DemoCA.load_or_create(data_dir / CA_DIR)
    cards_dir = data_dir / CARDS_DIR
    lines = ["Vecinos / residents (tarjeta PIN / card PIN "
             f"{CARD_PIN}; PIN municipal / municipal PIN {MUNICIPAL_PIN}):"]
    for dni, given, surnames, born, address, zone in RESIDENTS:
        if get_resident_by_dni(db=db, dni=dni) is None:
            create_resident(db=db, by=SYSTEM, dni=dni, given_names=given, surnames=surnames,
                            birth_date=born, address=address, zone_id=zone, pin=MUNICIPAL_PIN)
        card = cards_dir / f"{dni}.card.json"
        if not card_matches_ca(card, ca):
            write_card(cards_dir, ca.issue_card(dni=dni, given_names=given, surnames=surnames,
                                                birth_date=born, pin=CARD_PIN))
        lines.append(f"  DNI {dni}  {given} {surnames}  (Zona {zone}, {address})")
    lines.append(f"Personal / staff (contraseña / password {STAFF_PASSWORD}):")
    for username, full_name, role in STAFF:
        if get_staff_by_username(db=db, username=username) is None:
            create_staff(db=db, by=SYSTEM, username=username, full_name=full_name, role=role,
                         password=STAFF_PASSWORD)
        lines.append(f"  {username:<13} {role.value:<20} {full_name}")
    return lines
