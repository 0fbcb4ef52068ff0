"""Pick the speech backend from a SPEC: none, simulated, espeak[:ALSA_DEVICE], wav:DIR."""

from pathlib import Path

from devices.speech.base import Speaker


class BadSpeechSpec(ValueError):
    pass


def open_speaker(spec: str, *, log: Path | None = None) -> Speaker:
    """`espeak` plays on ALSA's default output, `espeak:plughw:1,0` on the headphone jack;
    `wav:DIR` writes one WAV file per text; `simulated` only records (`log`: a text file)."""
    kind, _, rest = spec.partition(":")
    if kind == "none" and not rest:
        from devices.speech.none import NoSpeaker

        return NoSpeaker(spec)
    if kind == "simulated" and not rest:
        from devices.speech.simulated import SimulatedSpeaker

        return SimulatedSpeaker(spec, log=log)
    if kind == "espeak":
        from devices.speech.espeak import EspeakSpeaker

        return EspeakSpeaker(spec, device=rest or None)
    if kind == "wav" and rest:
        from devices.speech.espeak import EspeakSpeaker

        return EspeakSpeaker(spec, wav_dir=Path(rest))
    raise BadSpeechSpec(f"invalid speech SPEC {spec!r}: use none, simulated, "
                        "espeak[:ALSA_DEVICE] or wav:DIR")
