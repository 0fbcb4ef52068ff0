"""Problems (RFC 9457) with a stable code and a message in Spanish and English."""

from typing import Any


class Problem(Exception):
    """A failure the user should read: raised by services, rendered by the app's handler."""

    def __init__(
        self, status: int, code: str, es: str, en: str, **extra: Any
    ) -> None:
        super().__init__(en)
        self.status, self.code, self.es, self.en, self.extra = status, code, es, en, extra

    def body(self, instance: str | None = None) -> dict[str, Any]:
        return {
            "type": f"/problems/{self.code}",
            "title": self.es,
            "status": self.status,
            "detail": self.es,
            "code": self.code,
            "message": {"es": self.es, "en": self.en},
            "instance": instance,
            **self.extra,
        }


# Messages for validation errors raised inside pydantic models, by their error type.
VALIDATION_MESSAGES: dict[str, tuple[str, str]] = {
    "invalid_dni": (
        "El DNI debe tener 8 dígitos. Revíselo en su documento e inténtelo de nuevo.",
        "The DNI must have 8 digits. Check it on your ID card and try again.",
    ),
    "amount_invalid": (
        "El monto debe ser mayor que cero y tener como máximo dos decimales (por ejemplo "
        "125.50).",
        "The amount must be greater than zero with at most two decimals (for example 125.50).",
    ),
    "decimal_parsing": (
        "El monto debe ser un número, por ejemplo 125.50.",
        "The amount must be a number, for example 125.50.",
    ),
    "currency_not_accepted": (
        "Solo se aceptan pagos en soles (PEN).",
        "Only payments in soles (PEN) are accepted.",
    ),
    "invalid_pin_format": (
        "El PIN debe tener 6 dígitos.",
        "The PIN must have 6 digits.",
    ),
}
GENERIC_VALIDATION = (
    "Los datos enviados no son válidos. Revíselos e inténtelo de nuevo.",
    "The data sent is not valid. Check it and try again.",
)
