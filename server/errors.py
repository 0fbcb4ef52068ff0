"""Problems (RFC 9457) with a stable code and a message in Spanish and English."""

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict


class Problem(Exception):
    """A failure the user should read: raised by services, rendered by the app's handler."""

    def __init__(
        self, status: int, code: str, es: str, en: str, *,
        headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(en)
        self.status, self.code, self.es, self.en, self.extra = status, code, es, en, extra
        self.headers = headers or {}  # e.g. Retry-After on a 429

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

# Errors the framework raises before a route runs, by HTTP status: (code, es, en).
HTTP_MESSAGES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "La solicitud no se pudo leer. Revísela e inténtelo de nuevo.",
          "The request could not be read. Check it and try again."),
    401: ("unauthorized", "Falta identificarse para esta operación.",
          "This operation needs you to identify yourself."),
    403: ("forbidden", "No tiene permiso para esta operación.",
          "You are not allowed to do this."),
    404: ("not_found", "Dirección no encontrada.", "Address not found."),
    405: ("method_not_allowed", "Este método no está permitido en esta dirección.",
          "This method is not allowed at this address."),
    406: ("not_acceptable", "No se puede responder en el formato pedido.",
          "The answer cannot be given in the format asked for."),
    413: ("body_too_large", "La solicitud es demasiado grande.", "The request is too large."),
    415: ("unsupported_media_type", "El tipo de contenido enviado no se acepta aquí.",
          "The content type sent is not accepted here."),
    422: ("invalid_request", "Los datos enviados no son válidos. Revíselos e inténtelo de nuevo.",
          "The data sent is not valid. Check it and try again."),
    409: ("conflict", "La operación choca con el estado actual. Revíselo e inténtelo de nuevo.",
          "The operation conflicts with the current state. Check it and try again."),
    423: ("locked", "Está bloqueado por ahora. Inténtelo más tarde.",
          "It is locked for now. Try again later."),
    429: ("too_many_requests", "Demasiados intentos. Espere un momento e inténtelo de nuevo.",
          "Too many attempts. Wait a moment and try again."),
    500: ("internal_error",
          "Ocurrió un error en el servidor. No se realizó ningún cambio; inténtelo de nuevo.",
          "The server had an error. Nothing was changed; please try again."),
    503: ("service_unavailable",
          "El servicio no está disponible por un momento. Inténtelo de nuevo en unos segundos.",
          "The service is unavailable for a moment. Try again in a few seconds."),
}
VALIDATION_MESSAGES["json_invalid"] = (
    "El cuerpo de la solicitud no es JSON válido.", "The request body is not valid JSON.")
VALIDATION_MESSAGES["value_out_of_range"] = (
    "Un número enviado está fuera del rango permitido.",
    "A number sent is outside the allowed range.")


class ProblemText(BaseModel):
    es: str
    en: str


class ProblemOut(BaseModel):
    """An error answer (RFC 9457 problem details, `application/problem+json`)."""

    model_config = ConfigDict(extra="allow")  # e.g. tries_left, retry_after, errors

    type: str
    title: str
    status: int
    detail: str
    code: str
    message: ProblemText
    instance: str | None = None


PROBLEM_SCHEMA = {"$ref": "#/components/schemas/ProblemOut"}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these statuses: each a problem+json body (`ProblemOut`, which
    the app puts among the document's schemas)."""
    return {status: {"description": (HTTP_MESSAGES[status][2] if status in HTTP_MESSAGES
                                     else HTTPStatus(status).phrase),
                     "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}
            for status in statuses}


def problem_schemas() -> dict[str, Any]:
    """`ProblemOut` and the models it uses, as the document's `components.schemas`."""
    schema = ProblemOut.model_json_schema(ref_template="#/components/schemas/{model}")
    return {**schema.pop("$defs", {}), "ProblemOut": schema}

F = TypeVar("F", bound=Callable[..., Any])


def refuses(*statuses: int) -> Callable[[F], F]:
    """Marks a dependency with the problem statuses it may answer (e.g. a device credential's
    401): every operation that depends on it documents them (`server.api.document_problems`)."""
    def mark(function: F) -> F:
        function.problem_statuses = statuses  # type: ignore[attr-defined]
        return function
    return mark
