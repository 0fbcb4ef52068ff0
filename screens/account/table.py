"""The statement as fixed-width text that fits 80 columns (and grows with the screen)."""

from collections.abc import Sequence

from kiosk.api.accounts import StatementLine
from kiosk.i18n import _
from kiosk.money import plain

SHORT = {"predial": ("Predial", "Property tax"), "limpieza": ("Limpieza", "Cleaning"),
         "parques": ("Parques", "Parks"), "serenazgo": ("Serenazgo", "Security"),
         "multa": ("Multa", "Fine"), "fraccionamiento": ("Fracc.", "Plan")}


def concept(line: StatementLine, lang: str) -> str:
    es, en = SHORT.get(line.tribute, (line.tribute, line.tribute))
    name = en if lang == "en" else es
    if line.tribute == "multa":
        return f"{name} {line.year}-{line.period}"
    where = f" {line.property_code}" if line.property_code else ""
    return f"{name} {line.year}-{line.period}{where}"


def rows(lines: Sequence[StatementLine], selected: set[int], width: int, lang: str,
         reserved: frozenset[int] = frozenset()) -> str:
    """A header and the lines; `*` marks what is selected (never colour alone)."""
    name_width = max(14, width - 51)
    names = (_("Concepto"), _("Vence"), _("Insoluto"), _("Interés"), _("Dscto."), _("Total"))
    header = (f"  {names[0]:<{name_width}} {names[1]:<8} {names[2]:>9} {names[3]:>9} "
              f"{names[4]:>9} {names[5]:>9}")
    out = [f"[b]{header}[/b]"]
    for line in lines:
        mark = "*" if line.debt_id in selected else "R" if line.debt_id in reserved else " "
        late = "!" if line.overdue else " "
        text = (f"{mark}{late}{concept(line, lang)[:name_width]:<{name_width}} "
                f"{line.due_on:%d/%m/%y} {plain(line.principal):>9} {plain(line.interest):>9} "
                f"{plain(line.discount):>9} {plain(line.total):>9}")
        out.append(f"[b]{text}[/b]" if mark == "*" else text)
    return "\n".join(out)
