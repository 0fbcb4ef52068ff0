"""Calling the server from a screen: one place that turns failures into a sentence on screen."""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from kiosk.api import ApiError, ServerUnavailable
from kiosk.i18n import language

T = TypeVar("T")


async def call_server(app, call: Awaitable[T], show: Callable[[str], object], *,
                      offline: Callable[[], str] | None = None) -> T | None:
    """The call's result, or None after showing why not (and raising the offline banner).
    `offline` says, for what is never done without the server (docs/offline.md), why."""
    try:
        return await call
    except ServerUnavailable as exc:
        app.report_unavailable()
        show(offline() if offline is not None else exc.text(language()))
    except ApiError as exc:
        show(exc.text(language()))
    return None
