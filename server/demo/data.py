"""What every domain's demo shares: the demo passwords and PINs (never used in production)."""

CARD_PIN = "123456"
MUNICIPAL_PIN = "654321"  # for card-less login (DNI + municipal PIN)
STAFF_PASSWORD = "Miraflores2026"
