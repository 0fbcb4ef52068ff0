"""The actas found (or the resident's own): number, names and date; pick one for its copy."""

from dataclasses import dataclass
from datetime import date

from kiosk.api.registry import ActaSummary
from kiosk.i18n import _
from screens.list_screen import ListScreen
from screens.partidas.texts import kind_label, role_label


@dataclass(frozen=True)
class Search:
    kind: str
    surnames: str = ""
    given_names: str = ""
    event_date: date | None = None
    number: str = ""


class ResultsScreen(ListScreen[ActaSummary]):
    """`search` None: the actas that carry the resident's DNI."""

    def __init__(self, search: Search | None) -> None:
        super().__init__()
        self.search = search

    def heading(self) -> str:
        if self.search is None:
            return _("Mis partidas")
        return _("Actas encontradas: {kind}").format(kind=kind_label(self.search.kind))

    def fetch(self):
        registry = self.shell.client.registry
        if self.search is None:
            return registry.mine()
        s = self.search
        return registry.search(kind=s.kind, surnames=s.surnames, given_names=s.given_names,
                               event_date=s.event_date, number=s.number)

    def item_id(self, item: ActaSummary) -> str:
        return str(item.id)

    def label(self, item: ActaSummary) -> str:
        role = f" ({role_label(item.role)})" if item.role else ""
        paper = _(" · en papel") if not item.digitised else ""
        return f"{item.ref}  {item.names}{role} · {item.event_date:%d/%m/%Y}{paper}"

    def loading_text(self) -> str:
        return _("Buscando actas…")

    def prompt_text(self) -> str:
        return _("Elija el acta de la que quiere una copia certificada:")

    def empty_text(self) -> str:
        if self.search is None:
            return _("No hay actas con su DNI. Búsquelas por sus datos.")
        return _("No encontramos actas con esos datos. Revíselos; un acta reservada se pide "
                 "en el registro civil.")

    def picked(self, item: ActaSummary) -> None:
        from screens.partidas.acta import ActaScreen

        self.app.push_screen(ActaScreen(item))
