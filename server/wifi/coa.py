"""Disconnect-Request (RFC 5176) to a hotspot, with pyrad, after the accounting that showed
the allowance used up has been committed. A NAS that does not answer is tried `retries`
times; the session stays marked (the next login is refused anyway)."""

import logging
from pathlib import Path

from server.wifi.aaa import Disconnect

DICTIONARY = Path(__file__).parent / "freeradius" / "dictionary.pyrad"
log = logging.getLogger(__name__)


def send_disconnect(request: Disconnect, *, timeout: float = 2.0, retries: int = 2) -> bool:
    """True when the NAS acknowledged (Disconnect-ACK)."""
    from pyrad import packet
    from pyrad.client import Client, Timeout
    from pyrad.dictionary import Dictionary

    client = Client(server=request.ip, secret=request.secret.encode(),
                    dict=Dictionary(str(DICTIONARY)), coaport=request.port)
    client.timeout, client.retries = timeout, retries
    attrs = {"User-Name": request.user_name, "Acct-Session-Id": request.session_id}
    if request.calling_station:
        attrs["Calling-Station-Id"] = request.calling_station
    if request.framed_ip:
        attrs["Framed-IP-Address"] = request.framed_ip
    pkt = client.CreateCoAPacket(code=packet.DisconnectRequest, **attrs)
    pkt.add_message_authenticator()
    try:
        reply = client.SendPacket(pkt)
    except (Timeout, OSError) as exc:
        log.warning("wifi: Disconnect-Request to %s:%s failed: %s", request.ip, request.port, exc)
        return False
    return reply.code == packet.DisconnectACK
