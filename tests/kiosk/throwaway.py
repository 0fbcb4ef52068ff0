"""A throw-away service: the whole of what a new service adds to the kiosk is this module and
one row of the service table (see test_service_table.py)."""

from screens.base import KioskScreen


class ThrowawayScreen(KioskScreen):
    def heading(self) -> str:
        return "Servicio de prueba"
