"""The kiosk speaks (issue 19): F3 from any screen, F4 repeats; what changed after a key;
never a PIN; nothing at all while speech is off; silence when the session ends; the idle
warning spoken and its time doubled."""

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from devices.speech.simulated import SimulatedSpeaker
from screens.dialogs.idle_warning import IdleWarning
from screens.home import HomeScreen
from screens.login.pin_pad import PinPadScreen
from screens.resident.menu import ResidentMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until


def heard(speaker: SimulatedSpeaker, since: int = 0) -> str:
    return " | ".join(text for text, _lang in speaker.spoken[since:])


async def test_home_announces_speech_in_both_languages_and_f3_reads_the_screen(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        hint = str(app.screen.query_one("#speech-hint").render())
        assert "pulse F3 para escuchar" in hint and "press F3 to hear" in hint
        assert speaker.spoken == []  # nothing is said before the person asks
        await pilot.press("f3")
        said = heard(speaker)
        assert said.startswith("Voz activada (SIMULADA: no se oye). F4 repite, F3 la apaga")
        assert "Bienvenido a los servicios municipales" in said
        assert "Inserte su DNI electrónico" in said
        assert "1: Identificarme con mi DNI y PIN municipal" in said
        assert "0: Accesibilidad e idioma (English)" in said
        assert "SIMULADA" in app.screen.status_text
        count = len(speaker.spoken)
        await pilot.press("f4")
        assert len(speaker.spoken) == count + 1
        assert "Bienvenido a los servicios municipales" in speaker.last
        await pilot.press("f3")
        assert speaker.last == "Voz desactivada."
        await pilot.press("2")  # speech off: the next screen is not read
        await pilot.pause(0.3)
        assert speaker.last == "Voz desactivada."


async def test_english_is_spoken_in_english(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker, lang="en")
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3")
        text, lang = speaker.spoken[-1]
        assert lang == "en" and "Speech on" in text and "Welcome" in text


async def test_a_kiosk_without_audio_says_so_on_screen(kiosk_app):
    app = kiosk_app()
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3")
        assert "no tiene salida de voz" in app.screen.status_text
        assert not app.speech_on


async def test_the_pin_is_never_spoken_only_how_many_digits(kiosk_app, cards_dir):
    speaker, reader = SimulatedSpeaker("simulated"), SimulatedReader()
    app = kiosk_app(speaker=speaker, reader=reader)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3")
        reader.insert(load_card(cards_dir, "40123456"))
        assert await wait_until(pilot, lambda: isinstance(app.screen, PinPadScreen)
                                and not app.screen.reading)
        assert await wait_until(pilot, lambda: "Ingrese su PIN de 6 dígitos" in heard(speaker))
        start = len(speaker.spoken)
        await type_keys(pilot, "123")
        assert await wait_until(pilot, lambda: "3 dígitos de 6" in heard(speaker, start))
        await type_keys(pilot, "456")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        assert await wait_until(pilot, lambda: "Estado de cuenta y pagos" in speaker.last)
        said = heard(speaker).lower()
        for digit in ("uno", "dos", "tres", "cuatro", "cinco", "seis"):
            assert f"{digit} dígito" not in said
        assert "123" not in said and "uno dos tres" not in said


async def test_nothing_is_said_while_speech_is_off(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("1")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        await choose(pilot, "account")
        assert await wait_until(pilot, lambda: app.screen.statement is not None)
        await pilot.pause(0.3)
        assert speaker.spoken == []  # the balance stays on the screen only


async def test_a_dni_typed_is_said_digit_by_digit_and_the_pin_as_a_count(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3", "1")
        assert await wait_until(pilot, lambda: "Número de DNI" in speaker.last)
        await type_keys(pilot, "40")
        assert await wait_until(pilot, lambda: speaker.last == "cero")
        await type_keys(pilot, "123456")
        await pilot.press("enter")
        await type_keys(pilot, "65")
        assert await wait_until(pilot, lambda: "PIN municipal (6 dígitos): 2 de 6 dígitos"
                                in speaker.last)
        assert "seis" not in heard(speaker, len(speaker.spoken) - 2)


async def test_session_end_silences_and_turns_speech_off(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3", "1")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        app.end_session("logout")
        assert await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert speaker.stops >= 1 and not app.speech_on
        count = len(speaker.spoken)
        await pilot.press("2")
        await pilot.pause(0.3)
        assert len(speaker.spoken) == count


async def test_idle_warning_is_spoken_and_waits_twice_as_long(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker, idle_seconds=20)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3", "1")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        app._last_activity -= 25  # past the idle time without speech: not yet with it
        await pilot.pause(1.2)
        assert not isinstance(app.screen, IdleWarning)
        app._last_activity -= 20  # 45 s: past twice the idle time
        assert await wait_until(pilot, lambda: isinstance(app.screen, IdleWarning), 3)
        assert app.screen.remaining > 30  # the warning's own countdown doubles too
        assert await wait_until(pilot, lambda: "¿Sigue ahí?" in speaker.last)
        assert "se cerrará en 60 segundos" in speaker.last


async def test_speech_is_also_in_the_help_dialog(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f1")
        assert await wait_until(pilot, lambda: app.screen.query("#opt-speech"))
        assert "Voz (F3; F4 repite): desactivada" in str(
            app.screen.query_one("#opt-speech").render())
        await pilot.press("5")
        assert await wait_until(pilot, lambda: app.speech_on and "activada" in str(
            app.screen.query_one("#opt-speech").render()))
        assert "Ayuda y accesibilidad" in heard(speaker)
        await pilot.press("escape")
        assert await wait_until(pilot, lambda: "Bienvenido" in speaker.last)


async def test_a_screen_that_cannot_be_read_never_stops_the_kiosk(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(80, 25)) as pilot:
        await pilot.press("f3")
        home = app.screen

        def broken() -> list[str]:
            raise RuntimeError("a bug in a screen's spoken()")

        home.spoken = broken
        await pilot.press("f4")
        await pilot.press("2")  # the kiosk goes on: the next screen is read
        assert await wait_until(pilot, lambda: "Verificar un comprobante" in speaker.last)
        assert app.is_running
