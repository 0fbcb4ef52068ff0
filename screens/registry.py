"""The one table of the municipal services: every menu of the kiosk and the terminal is built
from it. A new service adds one row here and its own package under `screens/`.

Columns:
- `id`: stable, used in configuration and tests.
- `label`: the menu text, a Spanish msgid (translated when drawn).
- `audience`: the menus it appears in: `public` (the home screen of a kiosk, and the
  resident's menu too), `resident` (an identified resident's menu, and a clerk's menu while
  acting for a resident), `staff` (the staff terminal's menu).
- `roles`: the staff roles that see it in the staff menu (empty: every role). An
  administrator sees every staff service. The server enforces roles; this only hides what a
  role cannot use.
- `screen`: `"package.module:Class"`, imported when the service is opened (start-up stays
  fast however many services there are).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Literal

from kiosk.i18n import N_

if TYPE_CHECKING:
    from textual.screen import Screen

Audience = Literal["public", "resident", "staff"]
ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class Service:
    id: str
    label: str
    audience: tuple[Audience, ...]
    screen: str
    roles: frozenset[str] = frozenset()

    def open(self) -> Screen:
        module, _, name = self.screen.partition(":")
        return getattr(import_module(module), name)()

    def allowed(self, role: str) -> bool:
        return not self.roles or role in self.roles or role == ADMINISTRATOR


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


CASHIERS = _roles("cashier")
ACTS_FOR_RESIDENTS = _roles("cashier", "registrar", "front_desk")

SERVICES: list[Service] = [
    Service("lookup", N_("Atender a un vecino (buscar por DNI)"), ("staff",),
            "screens.staff.lookup:ResidentLookupScreen", ACTS_FOR_RESIDENTS),
    Service("account", N_("Estado de cuenta y pagos (predial, arbitrios, multas)"),
            ("resident",), "screens.account.statement:StatementScreen"),
    Service("my-data", N_("Mis datos y constancia de datos del vecino"), ("resident",),
            "screens.resident.my_data:MyDataScreen"),
    Service("verify", N_("Verificar un comprobante o certificado"), ("public", "staff"),
            "screens.documents.verify:VerifyScreen"),
    Service("reprint", N_("Reimprimir un comprobante"), ("public", "staff"),
            "screens.documents.reprint:ReprintScreen"),
    Service("elections", N_("Elecciones vecinales: votar"), ("resident",),
            "screens.elections.home:ElectionHomeScreen"),
    Service("election-check", N_("Elecciones: verificar mi voto y resultados"), ("public",),
            "screens.elections.public:ElectionPublicScreen"),
    Service("procedures", N_("Trámites: requisitos, presentar y seguir (TUPA)"), ("public",),
            "screens.procedures.home:ProceduresHomeScreen"),
    Service("consultas", N_("Consultas: buscar información y reportar problemas"),
            ("public",), "screens.consultas.home:ConsultasHomeScreen"),
    Service("partidas", N_("Partidas: copias certificadas de nacimiento, matrimonio y "
                           "defunción"), ("resident",), "screens.partidas.home:PartidasHomeScreen"),
    Service("marriages", N_("Matrimonios civiles: reservar, edictos y ceremonias en vivo"),
            ("public",), "screens.marriages.home:MarriagesHomeScreen"),
    Service("wifi", N_("Wi-Fi gratis: puntos, mapa y fichas de conexión"), ("public",),
            "screens.wifi.home:WifiHomeScreen"),
    Service("quotations", N_("Cotizaciones: qué compra la municipalidad, resultados y "
                             "cotizar"), ("public",),
            "screens.procurement.home:QuotationsHomeScreen"),
    Service("council", N_("Sesión de Concejo: calendario, en vivo, acuerdos y ordenanzas"),
            ("public",), "screens.council.home:CouncilHomeScreen"),
    # The staff terminal's own services.
    Service("devices", N_("Equipos de este local"), ("staff",),
            "screens.staff.devices:DevicesScreen"),
    Service("cash", N_("Caja: apertura y cierre"), ("staff",),
            "screens.cashier.cash_session:CashSessionScreen", CASHIERS),
    Service("collect", N_("Cobrar un código de pago"), ("staff",),
            "screens.cashier.collect_code:CollectCodeScreen", CASHIERS),
    Service("void", N_("Anular un recibo"), ("staff",), "screens.cashier.void:VoidScreen",
            CASHIERS),
    Service("plans", N_("Solicitudes de fraccionamiento"), ("staff",),
            "screens.cashier.plans:PlanRequestsScreen", CASHIERS),
    Service("offline-credits", N_("Créditos de efectivo sin conexión: devolver o aplicar"),
            ("staff",), "screens.cashier.credits:OfflineCreditsScreen", _roles(ADMINISTRATOR)),
    Service("desk", N_("Expedientes: bandeja, derivar y resolver"), ("staff",),
            "screens.procedures.desk:DeskScreen", _roles("front_desk", "case_officer")),
    Service("election-officer", N_("Elecciones vecinales: fases y escrutinio"), ("staff",),
            "screens.elections.officer:OfficerScreen", _roles("election_officer")),
    Service("registry-desk", N_("Registro civil: actas, anotaciones, copias y RENIEC"),
            ("staff",), "screens.partidas.desk:RegistrarDeskScreen", _roles("registrar")),
    Service("wifi-desk", N_("Ciudad inalámbrica: fichas, lotes, puntos Wi-Fi y uso"),
            ("staff",), "screens.wifi.staff:WifiDeskScreen", _roles("wifi_operator")),
    Service("procurement-new", N_("Cotizaciones: nueva solicitud (requerimiento e "
                                  "invitados)"), ("staff",),
            "screens.procurement.publish:PublishScreen", _roles("procurement_officer")),
    Service("procurement-desk", N_("Cotizaciones: apertura, buena pro y órdenes"), ("staff",),
            "screens.procurement.desk:DeskScreen", _roles("procurement_officer")),
    Service("procurement-suppliers", N_("Cotizaciones: proveedores y representantes"),
            ("staff",), "screens.procurement.suppliers:SupplierScreen",
            _roles("front_desk", "procurement_officer")),
    Service("procurement-key", N_("Cotizaciones: mi clave de apertura"), ("staff",),
            "screens.procurement.publish:KeyScreen", _roles("procurement_officer")),
    Service("marriage-desk", N_("Matrimonios civiles: expedientes, edictos y ceremonias"),
            ("staff",), "screens.marriages.desk:FilesScreen", _roles("registrar")),
    Service("council-desk", N_("Sesión de Concejo: asistencia, votaciones y acuerdos"),
            ("staff",), "screens.council.desk:SecretarySessionsScreen",
            _roles("council_secretary")),
    Service("council-members", N_("Concejo: miembros, licencias y suspensiones"), ("staff",),
            "screens.council.members:MembersScreen", _roles("council_secretary")),
    Service("fleet", N_("Flota: locales, equipos, alertas, mapa y órdenes"), ("staff",),
            "screens.fleet.table:FleetScreen", _roles(ADMINISTRATOR)),
]


def services_for(audience: Audience, *, role: str | None = None,
                 table: list[Service] | None = None) -> list[Service]:
    """The services of one menu, in table order.

    `public` is the home screen; `resident` is an identified resident's menu (their own
    services, then the public ones); `staff` is the terminal's menu for `role`.
    """
    rows = SERVICES if table is None else table
    if audience == "resident":
        return [s for s in rows if "resident" in s.audience or "public" in s.audience]
    if audience == "staff":
        return [s for s in rows if "staff" in s.audience and s.allowed(role or "")]
    return [s for s in rows if "public" in s.audience]


def find(service_id: str) -> Service:
    return next(s for s in SERVICES if s.id == service_id)
