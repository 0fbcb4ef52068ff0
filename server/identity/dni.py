"""DNI (Documento Nacional de Identidad) checks with python-stdnum's Peruvian CUI."""

from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from stdnum.exceptions import ValidationError
from stdnum.pe import cui


def normalise_dni(value: str) -> str:
    """The 8-digit DNI; a trailing check digit (as printed on the card) is checked and dropped."""
    try:
        number = cui.validate(value)
    except ValidationError as exc:
        raise PydanticCustomError("invalid_dni", "invalid DNI") from exc
    return number[:8]


# Documented as the 8 digits kiosks send; the server also takes the printed check digit.
DNI = Annotated[str, AfterValidator(normalise_dni), WithJsonSchema(
    {"type": "string", "pattern": "^[0-9]{8}$", "description": "DNI: 8 digits"})]
