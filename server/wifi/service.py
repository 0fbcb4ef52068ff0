"""Ciudad inalámbrica (free public Wi-Fi) as other domains see it.

Definitions: a *ficha* (voucher) is a 10-digit code (printed 12345-67890) with an allowance
of time, data and bandwidth that holds across sessions until it expires; a *lote* (batch) is
a set of fichas printed for an event; a *punto Wi-Fi* (hotspot) is a NAS in front of which
FreeRADIUS asks this server (docs/wifi.md). Other domains need nothing from it yet.
"""

from server.wifi.vouchers import normalise, shown

__all__ = ["normalise", "shown"]
