"""What the quotation screens share: a request and its result in plain words."""

from datetime import datetime

from kiosk.api.procurement import QuoteRequest
from kiosk.clock import LIMA
from kiosk.i18n import _, language, ngettext
from kiosk.money import soles


def when(moment: datetime) -> str:
    local = moment.astimezone(LIMA)
    return _("{date} a las {time}").format(date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M}")


def quantity(value) -> str:
    return f"{value.normalize():f}"


def category(code: str) -> str:
    return _("bienes") if code == "goods" else _("servicios")


def request_lines(r: QuoteRequest) -> list[str]:
    """The request as anyone reads it: what is bought, until when, what happened."""
    lines = [f"{r.code} · {r.title}",
             _("Compra de {category} · estado: {state}").format(
                 category=category(r.category), state=r.state_text(language()))]
    for item in r.items:
        lines.append(f"  {item.seq}. {item.description}: {quantity(item.quantity)} {item.unit}")
    lines.append(_("Entrega en {place}, en {days} días.").format(place=r.delivery_place,
                                                                 days=r.delivery_days))
    if r.state == "publicada":
        lines.append(_("Cotizaciones hasta el {when}.").format(when=when(r.deadline)))
        lines.append(ngettext("{n} cotización recibida, sellada hasta la apertura.",
                              "{n} cotizaciones recibidas, selladas hasta la apertura.",
                              r.bids_received).format(n=r.bids_received))
    elif r.awarded is not None:
        lines.append(_("Buena pro: {name} (RUC {ruc}) por {total}.").format(
            name=r.awarded.name, ruc=r.awarded.ruc, total=soles(r.awarded_total)))
        if r.order_number:
            lines.append(_("Orden {number} emitida.").format(number=r.order_number))
    elif r.state in ("desierta", "cancelada") and r.reason:
        lines.append(_("Motivo: {reason}").format(reason=r.reason))
    if r.state != "publicada" and r.bids:
        lines.append(_("Cotizaciones abiertas:"))
        for b in r.bids:
            total = soles(b.total) if b.total is not None else "—"
            if b.rank:
                lines.append(f"  {b.rank}. {b.name} · {total}")
            else:
                failed = _("no cumple")
                lines.append(f"  –  {b.name} · {total} · {failed}")
    return lines


def short(r: QuoteRequest) -> str:
    if r.state == "publicada":
        return _("{code} · {title} · hasta el {when}").format(code=r.code, title=r.title,
                                                              when=when(r.deadline))
    return f"{r.code} · {r.title} · {r.state_text(language())}"
