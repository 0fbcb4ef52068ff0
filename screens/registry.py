"""The municipal services the kiosk offers, in menu order. A service issue adds its entry here.

`public` services work without identification; `resident` ones need a resident (logged in at
a kiosk, or the one staff act for at a terminal).
"""

from collections.abc import Callable
from dataclasses import dataclass

from textual.screen import Screen

from kiosk.i18n import N_


@dataclass(frozen=True)
class Service:
    id: str
    label: str  # msgid, translated at render time
    audience: str  # "public" | "resident"
    open: Callable[[], Screen]


def _verify() -> Screen:
    from screens.documents.verify import VerifyScreen

    return VerifyScreen()


def _reprint() -> Screen:
    from screens.documents.reprint import ReprintScreen

    return ReprintScreen()


def _account() -> Screen:
    from screens.account.statement import StatementScreen

    return StatementScreen()


def _my_data() -> Screen:
    from screens.resident.my_data import MyDataScreen

    return MyDataScreen()


def _elections() -> Screen:
    from screens.elections.home import ElectionHomeScreen

    return ElectionHomeScreen()


def _election_public() -> Screen:
    from screens.elections.public import ElectionPublicScreen

    return ElectionPublicScreen()


def _procedures() -> Screen:
    from screens.procedures.home import ProceduresHomeScreen

    return ProceduresHomeScreen()


def _consultas() -> Screen:
    from screens.consultas.home import ConsultasHomeScreen

    return ConsultasHomeScreen()


SERVICES = [
    Service("account", N_("Estado de cuenta y pagos (predial, arbitrios, multas)"), "resident",
            _account),
    Service("my-data", N_("Mis datos y constancia de datos del vecino"), "resident", _my_data),
    Service("verify", N_("Verificar un comprobante o certificado"), "public", _verify),
    Service("reprint", N_("Reimprimir un comprobante"), "public", _reprint),
    Service("elections", N_("Elecciones vecinales: votar"), "resident", _elections),
    Service("election-check", N_("Elecciones: verificar mi voto y resultados"), "public",
            _election_public),
    Service("procedures", N_("Trámites: requisitos, presentar y seguir (TUPA)"), "public",
            _procedures),
    Service("consultas", N_("Consultas: buscar información y reportar problemas"), "public",
            _consultas),
]


def services_for(audience: str) -> list[Service]:
    if audience == "resident":
        return list(SERVICES)
    return [s for s in SERVICES if s.audience == "public"]
