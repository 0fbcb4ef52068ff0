"""Demo legal parameters and properties of Miraflores's tax account.

UIT values are the official ones (S/ 5,150 in 2024, S/ 5,350 in 2025, S/ 5,500 in 2026);
the predial brackets are those of the Ley de Tributación Municipal (art. 13). Due dates,
TIM, arbitrio rates and benefits are demo values shaped like Miraflores's ordinances.
"""

from datetime import date
from decimal import Decimal as D

UIT = {2024: (D("5150.00"), "D.S. 309-2023-EF"), 2025: (D("5350.00"), "D.S. 260-2024-EF"),
       2026: (D("5500.00"), "D.S. que fija la UIT 2026")}
BRACKETS = [(D("0"), D("15"), D("0.002")), (D("15"), D("60"), D("0.006")),
            (D("60"), None, D("0.010"))]
PREDIAL_MINIMUM_UIT = D("0.006")
LAW = "D.Leg. 776, Ley de Tributación Municipal, arts. 13-15"


def due_dates(year: int) -> dict[int, date]:
    """Period 0: the whole year at once; 1-4: the quarterly cuotas (demo ordinance)."""
    feb_end = date(year, 3, 1).toordinal() - 1
    return {0: date.fromordinal(feb_end), 1: date.fromordinal(feb_end),
            2: date(year, 5, 31), 3: date(year, 8, 31), 4: date(year, 11, 30)}


TIM = [(date(2021, 4, 1), D("1.00"), "Ordenanza demo: TIM 1,00 % mensual"),
       (date(2025, 4, 1), D("0.90"), "Ordenanza demo: TIM 0,90 % mensual")]

# service, use, zone (None = every zone), basis, annual amount in 2026 (earlier years scaled)
ARBITRIOS = [
    ("limpieza", "casa-habitacion", None, "built_area", D("1.80")),
    ("limpieza", "comercio", None, "built_area", D("3.20")),
    ("parques", "casa-habitacion", None, "land_area", D("0.90")),
    ("parques", "casa-habitacion", 2, "land_area", D("1.20")),  # by the Malecón's parks
    ("parques", "comercio", None, "land_area", D("0.90")),
    ("serenazgo", "casa-habitacion", None, "flat", D("180.00")),
    ("serenazgo", "comercio", None, "flat", D("420.00")),
]
ARBITRIO_SCALE = {2024: D("0.95"), 2025: D("0.98"), 2026: D("1")}
ARBITRIO_SOURCE = "Ordenanza demo de arbitrios municipales {year}"

# kind, group, debt year, from, to, percent, label es, label en
BENEFITS = [
    ("pronto_pago", "arbitrios", 2026, date(2026, 1, 2), date(2026, 2, 28), D("10"),
     "Pronto pago: 10 % de descuento", "Early payment: 10 % off"),
    ("amnistia", "*", 2025, date(2026, 11, 1), date(2026, 12, 23), D("50"),
     "Amnistía 2026: 50 % del interés condonado", "2026 amnesty: 50 % of interest waived"),
]
BENEFIT_SOURCE = "Ordenanza demo de beneficios tributarios"

PLAN_RULE = (date(2024, 1, 1), D("0.80"), D("20"), 24, "Ordenanza demo de fraccionamiento")

# code, address, zone, use, land m², built m², autovalúo 2026, owners [(dni, share)]
PROPERTIES = [
    ("P-07-0001", "Calle Berlín 245", 7, "casa-habitacion", D("180"), D("240"),
     D("385000.00"), [("40123456", D("1"))]),
    ("P-01-0002", "Av. José Pardo 610 Int. 3", 1, "comercio", D("60"), D("60"),
     D("210000.00"), [("40123456", D("0.5")), ("07654321", D("0.5"))]),
    ("P-05-0003", "Av. José Larco 1150", 5, "casa-habitacion", D("120"), D("150"),
     D("260000.00"), [("07654321", D("1"))]),
    ("P-06-0004", "Calle Schell 310", 6, "casa-habitacion", D("150"), D("190"),
     D("98000.00"), [("10234567", D("1"))]),
    ("P-02-0005", "Malecón de la Reserva 615", 2, "casa-habitacion", D("300"), D("420"),
     D("1250000.00"), [("09876543", D("1"))]),
    ("P-09-0006", "Av. Benavides 1820", 9, "comercio", D("90"), D("110"),
     D("330000.00"), [("41234987", D("1"))]),
]
VALUE_SCALE = {2024: D("0.94"), 2025: D("0.97"), 2026: D("1")}

# dni, reason, date, amount, due
FINES = [("40123456", "Obstrucción de la vía pública con material de construcción",
          date(2026, 6, 12), D("275.00"), date(2026, 7, 10))]

# Payments brought over from the previous system: dni, years fully paid, {year: cuotas paid}
PAID = [("40123456", [2024], {2025: 3}), ("07654321", [2024, 2025], {}),
        ("10234567", [2024, 2025, 2026], {}), ("09876543", [], {2024: 4, 2025: 1})]
