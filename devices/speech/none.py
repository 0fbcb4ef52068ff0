"""No speaker: a kiosk without audio (speech cannot be turned on)."""

import threading

from devices.speech.base import Speaker


class NoSpeaker(Speaker):
    backend = "none"

    def say(self, text: str, lang: str, *, queue: bool = False) -> None:
        return

    def _speak(self, text: str, lang: str, cancel: threading.Event) -> None:
        return
