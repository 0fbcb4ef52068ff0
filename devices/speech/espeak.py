"""espeak-ng (Debian `espeak-ng`): Spanish voice first, English second.

espeak-ng writes the audio as a WAV stream on its stdout; this backend reads it and sends it
to the configured output: an ALSA device through `aplay` (the headphone jack, `plughw:1,0`
or `default`), or one WAV file per text in a folder (tests, recordings). Reading the stream
here is what tells when the first audible sample left (`first_audio_at`), and lets a new text
cut the old one at once.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import struct
import subprocess
import threading
import wave
from pathlib import Path

from devices.speech.base import Speaker

VOICES = {"es": "es-419", "en": "en-us"}  # Latin American Spanish is closest to Lima's
WORDS_PER_MINUTE = 150  # a little slower than espeak-ng's 175: older residents first
CHUNK = 1024  # bytes: 23 ms of 22050 Hz 16-bit mono
HEADER = 44
SILENT = 64  # |sample| below this is silence (16-bit)


class EspeakMissing(OSError):
    """espeak-ng (or aplay, for a device) is not installed."""


class EspeakSpeaker(Speaker):
    backend = "espeak"

    def __init__(self, spec: str, *, device: str | None = None,
                 wav_dir: Path | None = None) -> None:
        super().__init__(spec)
        self.program = shutil.which("espeak-ng")
        if self.program is None:
            raise EspeakMissing("espeak-ng is not installed (apt-get install espeak-ng)")
        self.device, self.wav_dir = device, wav_dir
        if wav_dir is None:
            self.player = shutil.which("aplay")
            if self.player is None:
                raise EspeakMissing("aplay is not installed (apt-get install alsa-utils)")
        else:
            wav_dir.mkdir(parents=True, exist_ok=True)
        self._numbers = itertools.count(1)
        self.written: list[Path] = []  # the WAV files written, oldest first

    def command(self, lang: str) -> list[str]:
        return [self.program or "espeak-ng", "--stdout", "-v", VOICES.get(lang, VOICES["es"]),
                "-s", str(WORDS_PER_MINUTE)]

    def _speak(self, text: str, lang: str, cancel: threading.Event) -> None:
        synth = subprocess.Popen(self.command(lang), stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            synth.stdin.write(text.encode("utf-8"))
            synth.stdin.close()
            header = synth.stdout.read(HEADER)
            if len(header) < HEADER or header[:4] != b"RIFF":
                return
            channels, rate = struct.unpack_from("<HI", header, 22)
            width = struct.unpack_from("<H", header, 34)[0] // 8
            sink = self._open_sink(channels, rate, width)
            try:
                self._pump(synth, sink, cancel)
            finally:
                sink.close(cancel)
        finally:
            if synth.poll() is None:
                synth.kill()
            synth.wait()

    def _pump(self, synth: subprocess.Popen, sink: _Sink, cancel: threading.Event) -> None:
        while not cancel.is_set():
            chunk = synth.stdout.read1(CHUNK)
            if not chunk:
                return
            if self.first_audio_at is None and _audible(chunk):
                self._heard()
            sink.write(chunk)
        sink.cancel()  # a newer text, or stop: silence now, not after the device's buffer

    def _open_sink(self, channels: int, rate: int, width: int) -> _Sink:
        if self.wav_dir is not None:
            path = self.wav_dir / f"{next(self._numbers):04d}.wav"
            self.written.append(path)
            return _WavSink(path, channels, rate, width)
        return _AplaySink(self.player or "aplay", self.device, channels, rate, width)


def _audible(chunk: bytes) -> bool:
    samples = memoryview(chunk[: len(chunk) // 2 * 2]).cast("h")
    return any(abs(s) > SILENT for s in samples)


class _Sink:
    def write(self, chunk: bytes) -> None: ...
    def cancel(self) -> None: ...
    def close(self, cancel: threading.Event) -> None: ...


class _WavSink(_Sink):
    def __init__(self, path: Path, channels: int, rate: int, width: int) -> None:
        self.out = wave.open(str(path), "wb")  # noqa: SIM115 - closed by close()
        self.out.setnchannels(channels)
        self.out.setframerate(rate)
        self.out.setsampwidth(width)

    def write(self, chunk: bytes) -> None:
        self.out.writeframes(chunk)

    def close(self, cancel: threading.Event) -> None:
        self.out.close()


class _AplaySink(_Sink):
    def __init__(self, player: str, device: str | None, channels: int, rate: int,
                 width: int) -> None:
        command = [player, "-q", "-t", "raw", "-f", "S16_LE" if width == 2 else "U8",
                   "-c", str(channels), "-r", str(rate)]
        if device:
            command += ["-D", device]
        self.player = subprocess.Popen(command, stdin=subprocess.PIPE,
                                       stderr=subprocess.DEVNULL)

    def write(self, chunk: bytes) -> None:
        try:
            self.player.stdin.write(chunk)
        except BrokenPipeError as exc:  # the device went away
            raise OSError("audio output closed") from exc

    def cancel(self) -> None:
        self.player.kill()

    def close(self, cancel: threading.Event) -> None:
        """Let the device play what it was given, unless a newer text (or stop) comes:
        espeak-ng makes sound much faster than it is played, so most of a long text is
        still in aplay when the next key is pressed."""
        with contextlib.suppress(BrokenPipeError):
            self.player.stdin.close()
        while self.player.poll() is None:
            if cancel.wait(0.02):
                self.player.kill()
        self.player.wait()
