"""espeak-ng for real: the Spanish and English voices write WAV files that sound (not silence)
and last as long as the words need; a newer text cuts the one being said."""

import array
import shutil
import time
import wave

import pytest

from devices.speech.spec import BadSpeechSpec, open_speaker
from tests.conftest import need

pytestmark = pytest.mark.real


def _measure(path) -> tuple[float, int]:
    """(seconds, peak |sample|) of a 16-bit mono WAV file."""
    with wave.open(str(path)) as wav:
        assert (wav.getsampwidth(), wav.getnchannels()) == (2, 1)
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h", frames)
    return seconds, max((abs(s) for s in samples), default=0)


def _wait_for(speaker, count: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if len(speaker.written) >= count and speaker.idle:
            return
        time.sleep(0.05)
    raise AssertionError(f"espeak-ng wrote {len(speaker.written)} of {count} files")


@pytest.fixture
def speaker(tmp_path):
    need(shutil.which("espeak-ng") is not None, "espeak-ng is not installed")
    speaker = open_speaker(f"wav:{tmp_path}")
    yield speaker
    speaker.close()


def test_spanish_and_english_sentences_are_sound_of_a_sensible_length(speaker):
    short = "Bienvenido."
    long = ("Estado de cuenta. Total a pagar: cuatro mil ciento cincuenta y dos soles con "
            "cuarenta y cinco céntimos. Pulse uno para pagar con tarjeta.")
    speaker.say(short, "es")
    _wait_for(speaker, 1)
    speaker.say(long, "es")
    _wait_for(speaker, 2)
    speaker.say("Your account statement. Press one to pay by card.", "en")
    _wait_for(speaker, 3)
    (s_short, peak_short), (s_long, peak_long), (s_en, peak_en) = (
        _measure(p) for p in speaker.written)
    for peak in (peak_short, peak_long, peak_en):
        assert peak > 2000  # a voice, not silence
    # About 150 words a minute: "Bienvenido" well under two seconds, the long sentence
    # (22 words) several seconds and clearly longer.
    assert 0.3 < s_short < 2.0
    assert 5.0 < s_long < 20.0
    assert 1.5 < s_en < 8.0
    assert speaker.first_audio_at is not None


def test_a_newer_text_cuts_the_one_being_said(speaker):
    # Six minutes of numbers: espeak-ng needs seconds to write them even to a file, so the
    # new text arrives while the old one is still being made.
    speaker.say("uno, dos, tres, cuatro, cinco, seis, siete, ocho, nueve, diez. " * 100, "es")
    deadline = time.monotonic() + 5
    while speaker.first_audio_at is None and time.monotonic() < deadline:
        time.sleep(0.01)
    speaker.say("Listo.", "es")
    _wait_for(speaker, 2)
    cut, _peak = _measure(speaker.written[0])
    assert cut < 120  # cut short: the whole text lasts about six minutes
    listo, peak = _measure(speaker.written[1])
    assert listo < 2.0 and peak > 2000


def test_a_bad_spec_says_what_works():
    with pytest.raises(BadSpeechSpec, match="espeak"):
        open_speaker("loudspeaker")


def test_the_headphone_path_plays_through_aplay():
    """`espeak:DEVICE` plays through aplay on an ALSA device (here ALSA's `null`, which
    every machine has, where the headphone jack would be `plughw:1,0`)."""
    need(shutil.which("espeak-ng") is not None and shutil.which("aplay") is not None,
         "espeak-ng or aplay (alsa-utils) is not installed")
    speaker = open_speaker("espeak:null")
    try:
        speaker.say("Su comprobante está listo.", "es")
        deadline = time.monotonic() + 10
        while speaker.first_audio_at is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert speaker.first_audio_at is not None
        assert speaker.first_audio_at - speaker.said_at < 1.0
    finally:
        speaker.close()


def test_a_new_key_cuts_what_the_headphones_are_still_playing(tmp_path):
    """espeak-ng makes a text in a moment and hands it all to the player, which plays it in
    real time: the next text must not wait for it. Where the sound card would be, a player
    that takes the audio slowly (a tenth of a card's pace, so a short sentence sits in it for
    seconds) and writes down how much it took."""
    need(shutil.which("espeak-ng") is not None and shutil.which("aplay") is not None,
         "espeak-ng or aplay (alsa-utils) is not installed")
    played = tmp_path / "played"
    card = tmp_path / "slow-card"
    card.write_text(
        "#!/usr/bin/env python3\n"
        "import sys, time\n"
        "total = 0\n"
        "while chunk := sys.stdin.buffer.read(441):\n"
        "    total += len(chunk)\n"
        f"    open({str(played)!r}, 'a').write(f'{{total}}\\n')\n"
        "    time.sleep(0.1)\n")
    card.chmod(0o755)
    speaker = open_speaker("espeak:null")
    speaker.player = str(card)
    try:
        speaker.say("Bienvenido.", "es")  # under a second: all of it fits in the pipe
        deadline = time.monotonic() + 10
        while not played.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)
        speaker.say("Listo.", "es")
        while (speaker.first_audio_at is None and time.monotonic() < deadline):
            time.sleep(0.01)
        assert speaker.first_audio_at is not None
        assert speaker.first_audio_at - speaker.said_at < 0.6  # not after the first ends
    finally:
        speaker.close()
    most = max(int(n) for n in played.read_text().split())  # the first text's player
    assert most < 22050 * 2 * 0.5  # it was stopped well before its end
