"""Speech: time from a key to the first audible sample (issue 19; goal below 150 ms).

The kiosk runs in Textual's headless Pilot with espeak-ng writing WAV files (the same path as
the headphone jack, without a sound card). Two keys are timed: F4 (the whole home screen read
again) and a digit typed into the DNI field (said alone). Baseline in the same run: espeak-ng
started by hand on the same texts and read until its first audible sample, so the ratio is
what the kiosk adds (key handling, reading the screen, the speaker's thread).
`python -m bench.speech [ROUNDS]`
"""

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devices.card.simulated import SimulatedReader
from devices.printer.spec import open_printer
from devices.speech.espeak import CHUNK, HEADER, _audible
from devices.speech.spec import open_speaker
from kiosk.api import ApiClient
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from kiosk.speech import speakable
from screens.speech import spoken_lines


def report(name: str, values: list[float]) -> float:
    values = sorted(values)
    median = statistics.median(values)
    p95 = values[max(0, round(0.95 * len(values)) - 1)]
    print(f"{name:34s} median {median * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
          f"(n={len(values)})")
    return median


def raw_espeak(text: str) -> float:
    """espeak-ng by hand: start to its first audible sample."""
    start = time.monotonic()
    synth = subprocess.Popen(["espeak-ng", "--stdout", "-v", "es-419", "-s", "150"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    synth.stdin.write(text.encode())
    synth.stdin.close()
    synth.stdout.read(HEADER)
    while chunk := synth.stdout.read1(CHUNK):
        if _audible(chunk):
            break
    elapsed = time.monotonic() - start
    synth.kill()
    synth.wait()
    return elapsed


async def first_sample(pilot, speaker, key: str) -> float:
    await pilot.pause(0.3)  # what was being said is done being made
    start = time.monotonic()
    await pilot.press(key)
    while speaker.first_audio_at is None or speaker.said_at < start:
        await asyncio.sleep(0.001)
        if time.monotonic() - start > 5:
            raise RuntimeError(f"no audio 5 s after {key}")
    return speaker.first_audio_at - start


async def kiosk_series(rounds: int, folder: Path) -> tuple[list[float], list[float], str]:
    settings = KioskSettings(server="http://127.0.0.1:9", reader="simulated",
                             state_dir=folder / "state", device_name="bench")
    speaker = open_speaker(f"wav:{folder / 'wav'}")
    app = KioskApp(settings, ApiClient(settings.server), SimulatedReader(),
                   open_printer("none"), speaker=speaker, start_workers=False)
    repeats, digits = [], []
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3")
        home = " ".join(speakable(line, "es") for line in spoken_lines(app.screen))
        for _ in range(rounds):
            repeats.append(await first_sample(pilot, speaker, "f4"))
        await pilot.press("1")  # DNI and municipal PIN: the DNI field has the focus
        await pilot.pause(0.3)
        for n in range(rounds):
            if n % 8 == 7:
                await pilot.press(*["backspace"] * 7)
            digits.append(await first_sample(pilot, speaker, str(n % 10)))
    speaker.close()
    return repeats, digits, home


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        repeats, digits, home = asyncio.run(kiosk_series(rounds, Path(tmp)))
    base_screen = [raw_espeak(home) for _ in range(rounds)]
    base_digit = [raw_espeak("cuatro") for _ in range(rounds)]
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True,
                             text=True).stdout.split()[3]
    print(f"espeak-ng {version}, {rounds} rounds each")
    b1 = report("baseline: espeak-ng, home text", base_screen)
    k1 = report("kiosk: F4 -> first sample (home)", repeats)
    b2 = report("baseline: espeak-ng, one digit", base_digit)
    k2 = report("kiosk: digit typed -> first sample", digits)
    print(f"ratio kiosk/baseline: screen {k1 / b1:.2f}x, digit {k2 / b2:.2f}x; "
          f"goal < 150 ms: {'met' if max(k1, k2) < 0.150 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
