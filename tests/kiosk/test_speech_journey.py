"""A blind resident's journeys by keypad and headphones alone (issue 19): speech on with F3,
card and PIN, the statement, paying by card, the receipt read before it prints; the vote with
its review, a check of the encrypted ballot (what it held is heard), and the cast. The
spoken text is asserted at each step."""

from decimal import Decimal

from devices.card.emulator import load_card
from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.speech.simulated import SimulatedSpeaker
from kiosk.speech import amount_words, spell
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.documents.receipt import ReceiptScreen
from screens.elections.ballot import BallotScreen
from screens.elections.done import VoteDoneScreen
from screens.elections.review import ReviewScreen
from screens.elections.tracker import TrackerScreen
from screens.login.pin_pad import PinPadScreen
from screens.resident.menu import ResidentMenuScreen
from tests.elections import rig
from tests.kiosk.conftest import type_keys, wait_until
from tests.rigs.escpos_decode import decode
from tests.rigs.escpos_listener import EscposListener


class Ear:
    """What the resident has heard since the last step."""

    def __init__(self, speaker: SimulatedSpeaker) -> None:
        self.speaker, self.mark = speaker, 0

    def new(self) -> str:
        return " | ".join(text for text, _lang in self.speaker.spoken[self.mark:])

    async def hears(self, pilot, *phrases: str, seconds: float = 8.0) -> str:
        assert await wait_until(pilot, lambda: all(p in self.new() for p in phrases),
                                seconds), (phrases, self.new())
        heard, self.mark = self.new(), len(self.speaker.spoken)
        return heard


async def _card_and_pin(app, pilot, ear, reader, cards_dir) -> None:
    await pilot.press("f3")
    await ear.hears(pilot, "Voz activada", "Bienvenido a los servicios municipales",
                    "Inserte su DNI electrónico")
    reader.insert(load_card(cards_dir, "40123456"))
    await ear.hears(pilot, "Hola, Rosa", "Ingrese su PIN de 6 dígitos", "Intentos disponibles")
    assert isinstance(app.screen, PinPadScreen)
    await type_keys(pilot, "123456")
    heard = await ear.hears(pilot, "6 dígitos de 6")
    assert "uno" not in heard and "123456" not in heard
    await pilot.press("enter")
    heard = await ear.hears(pilot, "¿Qué desea hacer hoy?",
                            "1: Estado de cuenta y pagos (predial, arbitrios, multas)")
    assert isinstance(app.screen, ResidentMenuScreen)


async def test_card_pin_statement_pay_by_card_and_the_receipt_read_before_printing(
        kiosk_app, cards_dir):
    speaker, reader = SimulatedSpeaker("simulated"), SimulatedReader()
    terminal = SimulatedTerminal("simulated:approve:0.2")
    ear = Ear(speaker)
    with EscposListener() as printer:
        app = kiosk_app(reader=reader, printer=printer.spec, payment_terminal=terminal,
                        speaker=speaker)
        async with app.run_test(size=(80, 25)) as pilot:
            await _card_and_pin(app, pilot, ear, reader, cards_dir)
            await pilot.press("1")
            heard = await ear.hears(pilot, "Estado de cuenta", "Paso 1 de 3: elija qué pagar",
                                    "Deuda total:", "1: Pagar lo seleccionado",
                                    "asterisco: Elegir una más")
            screen = app.screen
            assert isinstance(screen, StatementScreen)
            total = screen.statement.totals.total
            assert f"Deuda total: {_s(total)}" in heard  # amounts read as amounts
            await pilot.press("slash")  # one debt less: what changed is said
            chosen = sum((x.total for x in screen.selected_lines), Decimal(0))
            heard = await ear.hears(pilot, f"Seleccionado ({screen.selected}): {_s(chosen)}",
                                    "La última deuda elegida es")
            assert "Bienvenido" not in heard and "Paso 1 de 3" not in heard
            await pilot.press("f4")  # repeat: the whole screen again
            await ear.hears(pilot, "Estado de cuenta", "1: Pagar lo seleccionado")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, PaymentMethodScreen)
                                    and app.screen.quote is not None)
            await ear.hears(pilot, "Paso 2 de 3", _s(chosen), "1: ")
            await pilot.press("1")  # by card
            await ear.hears(pilot, "Total a pagar:", _s(chosen), "SIMULADO")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReceiptScreen), 8)
            document = app.screen.document
            number_spoken = "R P, P M"
            heard = await ear.hears(pilot, "Escuche su comprobante; pulse 1 para imprimirlo",
                                    number_spoken, "Código de verificación:", "1: Imprimir")
            assert "Rosa" in heard
            assert printer.jobs == []  # nothing printed before the resident heard it
            await pilot.press("1")
            await ear.hears(pilot, "Listo. Retire su comprobante. Código:")
            assert await wait_until(pilot, lambda: bool(printer.jobs))
            reader.remove()  # the session ends: silence, and speech off
            assert await wait_until(pilot, lambda: not app.speech_on)
            assert speaker.stops >= 1
    paper = decode(printer.printed)
    assert document.number in paper.text and f"S/ {chosen:,.2f}" in paper.text


async def test_vote_with_review_and_cast_by_keypad_and_voice(
        kiosk_app, make_client, database, cards_dir, tmp_path):
    officer = await rig.officer(make_client)
    await rig.to_voting(officer, database, tmp_path)
    speaker, reader = SimulatedSpeaker("simulated"), SimulatedReader()
    ear = Ear(speaker)
    with EscposListener() as printer:
        app = kiosk_app(reader=reader, printer=printer.spec, speaker=speaker)
        async with app.run_test(size=(80, 25)) as pilot:
            await _card_and_pin(app, pilot, ear, reader, cards_dir)
            await pilot.press("5")  # Elecciones vecinales: votar
            await ear.hears(pilot, "Elecciones", "zona 7", "1: ")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, BallotScreen))
            await ear.hears(pilot, "2: sin marcar: Candidato 2")
            await pilot.press("2")
            await ear.hears(pilot, "2: marcado: Candidato 2")
            await pilot.press("0")  # review: the choice is read back
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await ear.hears(pilot, "Candidato 2", "1: Confirmar", "2: Cambiar mi elección")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerScreen))
            checked = app.screen.encrypted.tracker
            await ear.hears(pilot, "Su código de seguimiento", spell(checked, "es"),
                            "1: Emitir mi voto", "2: Verificar esta papeleta")
            await pilot.press("2")  # check this ballot: what it held is heard, then the ballot
            assert await wait_until(pilot, lambda: isinstance(app.screen, BallotScreen))
            heard = await ear.hears(pilot, "la papeleta revisada marcaba", "2: marcado: "
                                    "Candidato 2")
            assert heard.index("revisada marcaba") < heard.index("2: marcado: Candidato 2")
            await pilot.press("0")
            assert await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await ear.hears(pilot, "Candidato 2", "1: Confirmar")
            await pilot.press("1")
            assert await wait_until(pilot, lambda: isinstance(app.screen, TrackerScreen))
            tracker = app.screen.encrypted.tracker
            assert tracker != checked
            await ear.hears(pilot, "Su código de seguimiento", spell(tracker, "es"))
            await pilot.press("1")  # cast
            assert await wait_until(pilot, lambda: isinstance(app.screen, VoteDoneScreen))
            jobs = len(printer.jobs)  # the tracker slip, printed before the cast
            await ear.hears(pilot, "Su voto fue registrado", spell(tracker, "es"),
                            "Escuche su constancia de voto; pulse 1 para imprimirla",
                            "1: Imprimir")
            assert len(printer.jobs) == jobs
            await pilot.press("1")
            await ear.hears(pilot, "Listo. Retire su constancia de voto")
            assert await wait_until(pilot, lambda: len(printer.jobs) == jobs + 1)


def _s(amount: Decimal) -> str:
    """How the resident hears an amount."""
    return amount_words(amount, "es")
