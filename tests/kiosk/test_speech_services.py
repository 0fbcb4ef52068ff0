"""Every service speaks without extra work (issue 19): for each row of the service table, its
main screen, opened from the menu by its key with speech on, is read whole: its title, what it
shows, the message line and every option with its key. The phrases below are what a resident
must hear on each one; a new service gets the generic checks by itself."""

from devices.speech.simulated import SimulatedSpeaker
from kiosk.speech import speakable
from screens.registry import SERVICES, services_for
from screens.resident.menu import ResidentMenuScreen
from screens.speech import spoken_lines
from screens.staff.menu import StaffMenuScreen
from tests.kiosk.conftest import choose, type_keys, wait_until

# What each service's main screen must say, once loaded (Spanish).
HEARD = {
    "lookup": "DNI",
    "account": "Deuda total",
    "my-data": "Domicilio",
    "verify": "código",
    "reprint": "código",
    "elections": "Elecciones vecinales",
    "election-check": "1: Verificar mi voto con su código",
    "procedures": "TUPA",
    "consultas": "2: Reportar un problema en la vía pública",
    "partidas": "Copias certificadas",
    "devices": "Equipos",
    "cash": "Caja",
    "collect": "código de pago",
    "void": "recibo",
    "plans": "fraccionamiento",
    "offline-credits": "efectivo sin conexión",
    "desk": "Expedientes",
    "election-officer": "Elecciones",
    "registry-desk": "Registro civil",
    "marriages": "Matrimonios",
    "marriage-desk": "Matrimonios",
}


def _check(app, speaker, service) -> str:
    screen = app.screen
    said = speaker.last
    lines = spoken_lines(screen)
    heading = str(screen.query_one("#heading").render())
    assert heading and speakable(heading, "es") in said, (service.id, said)
    options = [line for line in lines if ": " in line]
    assert options, (service.id, "no option read with its key", said)
    for line in options:
        assert speakable(line, "es") in said, (service.id, line, said)
    if screen.status_text:
        assert speakable(screen.status_text, "es") in said
    return said


def _missing(service, said: str) -> list[tuple[str, str]]:
    if service.id not in HEARD:  # a new service: the generic checks of _check only
        return []
    phrase = speakable(HEARD[service.id], "es")
    return [] if phrase.lower() in said.lower() else [(service.id, said)]


async def _settled(pilot, app, menu_type, service) -> None:
    """The service's screen is up and has loaded what it shows (its phrase is on it; for a
    service without a phrase, its heading)."""
    phrase = speakable(HEARD.get(service.id, ""), "es").lower()
    await wait_until(pilot, lambda: not isinstance(app.screen, menu_type) and phrase in " ".join(
        speakable(line, "es") for line in spoken_lines(app.screen)).lower())
    assert not isinstance(app.screen, menu_type)


def test_the_phrases_name_services_of_the_table():
    """A phrase for a service that no longer exists would check nothing."""
    assert set(HEARD) <= {s.id for s in SERVICES}


async def test_every_resident_and_public_service_speaks(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(speaker=speaker)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3", "1")
        await type_keys(pilot, "40123456")
        await pilot.press("enter")
        await type_keys(pilot, "654321")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ResidentMenuScreen))
        missing = []
        for service in services_for("resident"):
            await choose(pilot, service.id)
            await _settled(pilot, app, ResidentMenuScreen, service)
            await pilot.press("f4")
            missing += _missing(service, _check(app, speaker, service))
            while not isinstance(app.screen, ResidentMenuScreen):
                await pilot.press("escape")
                await pilot.pause(0.05)
        assert missing == []


async def test_every_staff_service_speaks(kiosk_app):
    speaker = SimulatedSpeaker("simulated")
    app = kiosk_app(terminal=True, speaker=speaker)
    async with app.run_test(size=(110, 32)) as pilot:
        assert await wait_until(pilot, lambda: app.site_name != "")
        await pilot.press("f3")
        await type_keys(pilot, "admin")
        await pilot.press("enter")
        await type_keys(pilot, "Miraflores2026")
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, StaffMenuScreen))
        missing = []
        for service in services_for("staff", role="administrator"):
            await choose(pilot, service.id)
            await _settled(pilot, app, StaffMenuScreen, service)
            await pilot.press("f4")
            missing += _missing(service, _check(app, speaker, service))
            while not isinstance(app.screen, StaffMenuScreen):
                await pilot.press("escape")
                await pilot.pause(0.05)
        assert missing == []
