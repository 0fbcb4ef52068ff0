"""Rows as the wire shows them."""

from sqlalchemy.orm import Session

from server.kernel.text import Text
from server.wifi import vouchers as v
from server.wifi.hotspots import Status
from server.wifi.models import Batch, Voucher
from server.wifi.schemas import WifiBatchOut, WifiHotspotOut, WifiVoucherOut

STATES = {
    "vigente": Text(es="Vigente", en="Valid"),
    "anulada": Text(es="Anulada", en="Revoked"),
    "vencida": Text(es="Vencida", en="Expired"),
    "agotada": Text(es="Agotada", en="Used up"),
}
HOTSPOT_STATES = {
    "en_servicio": Text(es="En servicio", en="In service"),
    "fuera_de_servicio": Text(es="Fuera de servicio", en="Out of service"),
    "sin_datos": Text(es="Sin datos", en="No data"),
}


def join_string(ssid: str) -> str:
    """The Wi-Fi join string a phone's camera understands (an open network with a portal)."""
    escaped = "".join("\\" + ch if ch in '\\;,:"' else ch for ch in ssid)
    return f"WIFI:S:{escaped};T:nopass;;"


def voucher_out(db: Session, row: Voucher, *, batch: str | None = None) -> WifiVoucherOut:
    remaining = v.left(db, row)
    state = v.state(row, remaining)
    ssid = v.in_force(db, row.issued_on).ssid
    return WifiVoucherOut(
        code=row.code, shown=v.shown(row.code), state=state, state_text=STATES[state],
        issued_on=row.issued_on, expires_at=row.expires_at,
        minutes=row.seconds_allowed // 60, megabytes=row.bytes_allowed // v.MB,
        up_kbps=row.up_kbps, down_kbps=row.down_kbps, seconds_left=remaining.seconds,
        megabytes_left=None if remaining.bytes is None else remaining.bytes // v.MB,
        sessions=remaining.sessions, ssid=ssid, join=join_string(ssid), batch=batch,
        revoke_reason=row.revoke_reason)


def batch_out(db: Session, batch: Batch, rows: list[Voucher] | None = None) -> WifiBatchOut:
    return WifiBatchOut(number=batch.number, count=batch.count, note=batch.note,
                        created_at=batch.created_at,
                        vouchers=[voucher_out(db, r, batch=batch.number) for r in rows or []])


def hotspot_out(s: Status) -> WifiHotspotOut:
    h = s.hotspot
    return WifiHotspotOut(code=h.code, name=h.name, place=h.place, zone_id=h.zone_id,
                          status=s.status, status_text=HOTSPOT_STATES[s.status], busy=s.busy,
                          map_x=h.map_x, map_y=h.map_y)
