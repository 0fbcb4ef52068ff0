"""The speaker every backend implements.

`say` returns at once: the text goes to the speaker's own thread, which stops what it was
saying and starts the new text (the newest screen is what matters), or, with `queue=True`,
says it after what is being said (a screen that finished loading adds to its reading).
A backend implements `_speak(text, lang, cancel)`, which blocks until the text is said or
`cancel` is set.
`first_audio_at` is the `time.monotonic()` at which the last text's first audible sample
left for the output (the benchmark measures from key to it).
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from time import monotonic


class Speaker(ABC):
    backend = "base"
    simulated = False

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.first_audio_at: float | None = None
        self.said_at: float | None = None  # when the newest text was handed to `say`
        self._lock = threading.Condition()
        self._pending: list[tuple[str, str]] = []
        self._cancel = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._speaking = False

    # -- what the app calls ------------------------------------------------------------------
    def say(self, text: str, lang: str, *, queue: bool = False) -> None:
        """Say `text` (in "es" or "en") instead of whatever is being said now (`queue`:
        after it)."""
        if not text.strip():
            return
        with self._lock:
            if queue:
                self._pending.append((text, lang))
            else:
                self.said_at, self.first_audio_at = monotonic(), None
                self._pending = [(text, lang)]
                self._cancel.set()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=f"speech-{self.backend}",
                                                daemon=True)
                self._thread.start()
            self._lock.notify()

    def stop(self) -> None:
        """Silence at once (the session ended, speech was turned off)."""
        with self._lock:
            self._pending = []
            self._cancel.set()

    def close(self) -> None:
        with self._lock:
            self._closed, self._pending = True, []
            self._cancel.set()
            self._lock.notify()

    # -- the speaker's thread ------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                text, lang = self._pending.pop(0)
                self._speaking = True
                if self._cancel.is_set():
                    self._cancel = threading.Event()
                cancel = self._cancel
            # No audio device now: the screen still shows everything.
            with contextlib.suppress(OSError):
                self._speak(text, lang, cancel)
            with self._lock:
                self._speaking = False

    @property
    def idle(self) -> bool:
        """Nothing being said and nothing waiting."""
        with self._lock:
            return not self._speaking and not self._pending

    def _heard(self) -> None:
        """A backend calls this when the first audible sample of the text is out."""
        if self.first_audio_at is None:
            self.first_audio_at = monotonic()

    @abstractmethod
    def _speak(self, text: str, lang: str, cancel: threading.Event) -> None:
        """Say `text`; return early when `cancel` is set."""
