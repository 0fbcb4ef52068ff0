"""Wi-Fi's background work: sessions still open on a voucher that expired or was revoked are
cut (a Disconnect-Request to the hotspot, deferred in the same transaction that marks the
session, so a rollback sends nothing and a commit always sends it), and the personal data of
old sessions is erased after the retention period (Ley 29733)."""

from sqlalchemy.orm import Session

from server.audit.service import SYSTEM
from server.config import ServerSettings
from server.tasks import Job, Periodic, defer
from server.wifi import aaa, coa, hotspots


def expire_vouchers(*, db: Session, settings: ServerSettings) -> str:
    cut = aaa.cut_expired(db=db, by=SYSTEM)
    for session_id in cut:
        defer(db=db, task="wifi.disconnect", session_id=session_id)
    return f"{len(cut)} sesión(es) cortada(s)"


def disconnect(*, db: Session, settings: ServerSettings, session_id: int) -> str:
    request = aaa.disconnect_for(db, session_id)
    if request is None:
        return f"session {session_id}: nothing to disconnect"
    acked = coa.send_disconnect(request)
    # Not acknowledged: the NAS may be down; the voucher is refused at the next login anyway.
    return f"session {session_id}: {'Disconnect-ACK' if acked else 'no answer'}"


def retention(*, db: Session, settings: ServerSettings) -> str:
    return f"{hotspots.retain(db=db, by=SYSTEM)} sesión(es) sin MAC ni IP"


TASKS = [Periodic("wifi.expire_vouchers", "*/5 * * * *", expire_vouchers),
         Periodic("wifi.retention", "15 8 * * *", retention),  # 03:15 in Lima
         Job("wifi.disconnect", disconnect)]
