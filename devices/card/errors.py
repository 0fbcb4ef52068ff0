"""Card failures, each with a sentence for the resident in Spanish and English."""

from devices.errors import DeviceError


class CardError(DeviceError):
    code = "card_error"
    es = "No se pudo leer la tarjeta. Retírela e insértela de nuevo."
    en = "The card could not be read. Remove it and insert it again."


class ReaderUnavailable(CardError):
    code = "reader_unavailable"
    es = "El lector de tarjetas no responde. Use su DNI y PIN municipal o pida ayuda."
    en = "The card reader is not responding. Use your DNI and municipal PIN or ask for help."


class NoCard(CardError):
    code = "no_card"
    es = "No hay ninguna tarjeta en el lector."
    en = "There is no card in the reader."


class CardRemoved(CardError):
    code = "card_removed"
    es = "La tarjeta fue retirada."
    en = "The card was removed."


class UnsupportedCard(CardError):
    code = "unsupported_card"
    es = "Esta tarjeta no es un DNI electrónico compatible."
    en = "This card is not a supported electronic ID."


class WrongPin(CardError):
    code = "wrong_pin"

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"wrong PIN, {tries_left} tries left")
        self.tries_left = tries_left
        self.es = f"PIN incorrecto. Le quedan {tries_left} intentos."
        self.en = f"Wrong PIN. {tries_left} tries left."


class PinBlocked(CardError):
    code = "pin_blocked"
    es = ("Su tarjeta está bloqueada por demasiados intentos. Acuda al RENIEC para "
          "desbloquearla, o use su DNI y PIN municipal.")
    en = ("Your card is blocked after too many attempts. Visit RENIEC to unblock it, or use "
          "your DNI and municipal PIN.")


class PinNotVerified(CardError):
    code = "pin_not_verified"
    es = "Primero debe ingresar su PIN."
    en = "You must enter your PIN first."
