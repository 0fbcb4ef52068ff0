"""Cotizaciones (requests for quotation, contratos menores) as other domains see them.

Definitions: a *solicitud de cotización* asks invited suppliers (by *RUC*) for prices for a
*requerimiento* worth at most 8 UIT (Ley 32069); *cotizaciones* (bids) stay sealed to the
committee's two keys until the *apertura*; the *buena pro* (award) goes to the lowest
compliant total and an *orden de compra / de servicio* follows; a request may end *desierta*
(void) or *cancelada*. Every stage is published as an OCDS 1.1 release. No other domain
needs to reach into it yet.
"""

from server.procurement.ocds import PREFIX as OCID_PREFIX

__all__ = ["OCID_PREFIX"]
