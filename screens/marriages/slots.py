"""Choose a place, then one of its free slots in the next two months (the first day shown is
the first a file started today can make). Used to book and to reschedule."""

from collections.abc import Callable

from kiosk.api.marriages import Place, Slot
from kiosk.i18n import _
from kiosk.money import soles
from screens.list_screen import ListScreen
from screens.marriages.texts import when

DAYS = 62


class PlacesScreen(ListScreen[Place]):
    """`then(slot)`: what choosing a slot does (by default, the booking form)."""

    def __init__(self, then: Callable[[Slot], None] | None = None) -> None:
        super().__init__()
        self.then = then

    def heading(self) -> str:
        return _("Reservar: elija el lugar")

    def fetch(self):
        return self.shell.client.marriages.places()

    def item_id(self, item: Place) -> str:
        return item.code

    def label(self, item: Place) -> str:
        return item.name

    def loading_text(self) -> str:
        return _("Consultando los locales…")

    def prompt_text(self) -> str:
        return _("Elija dónde será la ceremonia:")

    def empty_text(self) -> str:
        return _("No hay locales de ceremonias disponibles.")

    def picked(self, item: Place) -> None:
        self.app.push_screen(SlotsScreen(item, self.then))


class SlotsScreen(ListScreen[Slot]):
    def __init__(self, place: Place, then: Callable[[Slot], None] | None = None) -> None:
        super().__init__()
        self.place, self.then = place, then

    def heading(self) -> str:
        return _("Horarios libres: {place}").format(place=self.place.name)

    def fetch(self):
        from kiosk.clock import today

        return self.shell.client.marriages.slots(start=today(), days=DAYS,
                                                 place=self.place.code)

    def item_id(self, item: Slot) -> str:
        return item.starts_at.isoformat()

    def label(self, item: Slot) -> str:
        return f"{when(item.starts_at)} · {soles(item.fee)}"

    def loading_text(self) -> str:
        return _("Buscando horarios libres…")

    def prompt_text(self) -> str:
        return _("Elija la fecha y la hora:")

    def empty_text(self) -> str:
        return _("No quedan horarios libres en este lugar en los próximos dos meses.")

    def picked(self, item: Slot) -> None:
        if self.then is not None:
            self.then(item)
            return
        from screens.marriages.parties import PartiesScreen

        self.app.push_screen(PartiesScreen(item))
