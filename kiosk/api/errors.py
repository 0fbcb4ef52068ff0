"""What a call to the server raises: the server's refusal, or no server at all.

Text (a pydantic model) is imported when an error is first made, not with this module: the
kiosk draws its first screen before pydantic is loaded.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.api.text import Text


class ApiError(Exception):
    """The server refused (problem details): `code` for programs, `message` for people."""

    def __init__(self, status: int, code: str, message: Text, extra: dict | None = None) -> None:
        super().__init__(message.en)
        self.status, self.code, self.message, self.extra = status, code, message, extra or {}

    def text(self, lang: str) -> str:
        return self.message(lang)


class ServerUnavailable(ApiError):
    """No answer (network down, timeouts, 502/503/504 after the retries): nothing recorded."""

    def __init__(self, detail: str = "") -> None:
        from kiosk.api.text import Text

        super().__init__(0, "server_unavailable", Text(
            es="No hay conexión con el servidor municipal. Nada se ha registrado; inténtelo "
               "de nuevo en un momento.",
            en="There is no connection to the municipal server. Nothing was recorded; try "
               "again in a moment."), {"detail": detail})


@cache
def generic() -> Text:
    """The sentence for a refusal without the server's own (built once, on first use)."""
    from kiosk.api.text import Text

    return Text(es="El servidor respondió con un error. Inténtelo de nuevo.",
                en="The server answered with an error. Try again.")


def __getattr__(name: str) -> Any:
    """`GENERIC`, as the module offered it before it was built lazily."""
    if name == "GENERIC":
        return generic()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def problem(status: int, body: object) -> ApiError:
    """An RFC 9457 problem body (with the server's bilingual `message`) as an ApiError."""
    from kiosk.api.text import Text

    try:
        message = Text.model_validate(body["message"])
        extra = {k: v for k, v in body.items()
                 if k not in {"type", "title", "status", "detail", "code", "message"}}
        return ApiError(status, body.get("code", "error"), message, extra)
    except (ValueError, KeyError, TypeError, AttributeError):
        return ApiError(status, "error", generic())
