"""The demo's people and places. Street names are Miraflores's own; people are fictitious."""

from datetime import date

from server.identity.roles import Role

ZONES = [(n, f"Zona {n}") for n in range(1, 15)]

SITES = [
    ("PM", "Palacio Municipal", "Av. José Larco 400, Miraflores"),
    ("CCRP", "Centro Cultural Ricardo Palma", "Av. José Larco 770, Miraflores"),
]

CARD_PIN = "123456"
MUNICIPAL_PIN = "654321"  # for card-less login (DNI + municipal PIN)

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

STAFF_PASSWORD = "Miraflores2026"
STAFF = [
    ("cajero", "Pedro Alarcón Ruiz", Role.CASHIER),
    ("registrador", "Lucía Vega Montes", Role.REGISTRAR),
    ("mesadepartes", "Sofía Quiroz León", Role.FRONT_DESK),
    ("secretaria", "Ricardo Benavides Soto", Role.COUNCIL_SECRETARY),
    ("electoral", "Elena Cárdenas Ibáñez", Role.ELECTION_OFFICER),
    ("logistica", "Martín Ugarte Pinto", Role.PROCUREMENT_OFFICER),
    ("admin", "Administradora del sistema", Role.ADMINISTRATOR),
]
