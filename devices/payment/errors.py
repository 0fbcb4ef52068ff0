from devices.errors import DeviceError


class PaymentError(DeviceError):
    code = "payment_error"
    es = "El terminal de pago no respondió. No se cobró nada."
    en = "The payment terminal did not respond. Nothing was charged."


class Declined(PaymentError):
    code = "card_declined"
    es = "La tarjeta fue rechazada. No se cobró nada; pruebe con otra tarjeta o con un código " \
         "de pago."
    en = "The card was declined. Nothing was charged; try another card or a payment code."


class TerminalTimeout(PaymentError):
    code = "terminal_timeout"
    es = "Se acabó el tiempo para pasar la tarjeta. No se cobró nada."
    en = "Time ran out to present the card. Nothing was charged."


class Cancelled(PaymentError):
    code = "payment_cancelled"
    es = "Pago cancelado. No se cobró nada."
    en = "Payment cancelled. Nothing was charged."


class ReversalFailed(PaymentError):
    code = "reversal_failed"
    es = "El terminal de pago no pudo anular el cargo."
    en = "The payment terminal could not reverse the charge."


class TerminalUnavailable(PaymentError):
    code = "terminal_unavailable"
    es = "Este quiosco no tiene terminal de tarjetas. Puede pagar con un código de pago."
    en = "This kiosk has no card terminal. You can pay with a payment code."
