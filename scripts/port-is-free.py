"""Exit 0 when a server could listen on 127.0.0.1:PORT now, 1 when something listens there.

Bound with SO_REUSEADDR, as uvicorn binds: the connections of a server just stopped (in
TIME_WAIT for a minute) do not make the port busy; a server listening on it does.
`python scripts/port-is-free.py PORT` (scripts/demo.sh asks before it starts a demo).
"""

import socket
import sys

with socket.socket() as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
