"""What people read about a request for quotations, Spanish first."""

from server.kernel.text import Text

STATE = {
    "publicada": Text(es="recibiendo cotizaciones", en="receiving quotations"),
    "abierta": Text(es="cotizaciones abiertas, en evaluación",
                    en="quotations opened, being evaluated"),
    "adjudicada": Text(es="buena pro otorgada", en="awarded"),
    "con_orden": Text(es="orden emitida", en="order issued"),
    "desierta": Text(es="declarada desierta", en="declared void"),
    "cancelada": Text(es="cancelada", en="cancelled"),
}

CATEGORY = {
    "goods": Text(es="bienes", en="goods"),
    "services": Text(es="servicios", en="services"),
}

RECEIPT_TITLE = Text(es="Constancia de cotización recibida (sellada)",
                     en="Receipt of a sealed quotation")
OPENING_TITLE = Text(es="Acta de apertura de cotizaciones", en="Record of the bid opening")
AWARD_TITLE = Text(es="Otorgamiento de la buena pro", en="Award of the contract")
ORDER_TITLE = {
    "goods": Text(es="Orden de compra", en="Purchase order"),
    "services": Text(es="Orden de servicio", en="Service order"),
}
