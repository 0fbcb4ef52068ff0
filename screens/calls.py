"""Calling the server from a screen: one place that turns failures into a sentence on screen,
and one for public reads, which the kiosk may show from its own copy when the server is away
(docs/offline.md, "Cached public reads")."""

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, TypeVar

from pydantic import TypeAdapter, ValidationError

from kiosk import cache
from kiosk.api import ApiError, ServerUnavailable
from kiosk.i18n import language
from screens import offline as offline_texts

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


@dataclass(frozen=True)
class Public(Generic[T]):
    """What a public read gave: the server's answer now, or the kiosk's copy and its age."""

    value: T
    age: timedelta | None = None  # None: the server's own answer, just now

    @property
    def from_cache(self) -> bool:
        return self.age is not None

    def age_line(self) -> str:
        """"Sin conexión …: se muestran datos guardados hace 2 horas …", or "" when fresh."""
        return offline_texts.cached(self.age) if self.age is not None else ""


async def read_public(shell, name: str, call: Awaitable[T], shape: Any,
                      show: Callable[[str], object], *,
                      keep_if: Callable[[T], bool] | None = None,
                      usable: Callable[[T], bool] | None = None) -> Public[T] | None:
    """A read of PUBLIC data (never a person's: the copy is kept on the kiosk's disk).

    The server's answer is kept as the cache entry `name` (when `keep_if` allows: results
    only once published) and returned. When the server does not answer, the kept copy is
    returned with its age (when there is one, it still reads as `shape`, and `usable` says it
    is the one asked for); otherwise, as on any refusal, None after showing why not.
    `shape` is the type of the answer: a wire model, or `list[Model]`."""
    adapter = TypeAdapter(shape)
    state_dir = shell.settings.state_dir
    if not shell.server_online:
        # Known to be away (the banner is up): the copy at once, not after the request's
        # timeouts against a server that may hang; the screen loads again when it is back.
        kept = await _kept_copy(state_dir, name, adapter, usable)
        if kept is not None:
            if inspect.iscoroutine(call):
                call.close()
            shell.report_unavailable()
            return kept
    try:
        value = await call
    except ServerUnavailable:
        shell.report_unavailable()  # and the screen loads again by itself when it is back
        kept = await _kept_copy(state_dir, name, adapter, usable)
        if kept is None:
            show(offline_texts.no_copy())
        return kept
    except ApiError as exc:
        show(exc.text(language()))
        return None
    if keep_if is None or keep_if(value):
        # Written beside, not awaited: the screen shows the answer at once (as without a
        # cache), and a full or read-only disk never hides it.
        task = asyncio.create_task(asyncio.to_thread(
            _keep, state_dir, name, adapter.dump_python(value, mode="json")))
        _writing.add(task)
        task.add_done_callback(_writing.discard)
    return Public(value)


_writing: set[asyncio.Task] = set()  # copies being written (held until done)


async def _kept_copy(state_dir, name: str, adapter: TypeAdapter, usable) -> Public | None:
    """The kept copy with its age, when there is one that still reads as the answer's shape
    and is the one asked for (`usable`)."""
    kept = await asyncio.to_thread(cache.read, state_dir, name)
    try:
        copy = None if kept is None else adapter.validate_python(kept.data)
    except ValidationError:
        copy = None  # kept by an older version of the kiosk: as if there were none
    if kept is None or copy is None or (usable is not None and not usable(copy)):
        return None
    return Public(copy, kept.age())


def _keep(state_dir, name: str, data: Any) -> None:
    try:
        cache.keep(state_dir, name, data)
    except OSError:
        logging.getLogger(__name__).exception("could not keep %s", name)
