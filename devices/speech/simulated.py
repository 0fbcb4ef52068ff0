"""SIMULATED speaker: records what would be said (tests, the demo), plays nothing.

Each text is kept in `spoken` (newest last) and, when a log file is given, appended to it, so
a demo can show what a blind resident would hear (`tail -f var/demo/spoken.txt`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from devices.speech.base import Speaker


class SimulatedSpeaker(Speaker):
    backend = "simulated"
    simulated = True

    def __init__(self, spec: str, log: Path | None = None) -> None:
        super().__init__(spec)
        self.spoken: list[tuple[str, str]] = []
        self.stops = 0
        self.interrupted = 0
        self.log = log

    def say(self, text: str, lang: str, *, queue: bool = False) -> None:
        # Recorded at once, on the caller's thread: a test reads `spoken` right after a key.
        if not text.strip():
            return
        self._heard_now()
        if not queue:
            self.interrupted += 1
        self.spoken.append((text, lang))
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            with self.log.open("a", encoding="utf-8") as out:
                out.write(f"[{lang}] {text}\n")

    def _heard_now(self) -> None:
        self.first_audio_at = None
        self._heard()

    def stop(self) -> None:
        self.stops += 1

    @property
    def last(self) -> str:
        return self.spoken[-1][0] if self.spoken else ""

    def _speak(self, text: str, lang: str, cancel: threading.Event) -> None:  # pragma: no cover
        return
