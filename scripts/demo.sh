#!/usr/bin/env bash
# `make demo`: the central server on 127.0.0.1 with SQLite and demo data (var/demo), then the
# kiosk full screen in this terminal. Quitting the kiosk (Ctrl+Q) stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${KIOSK_DEMO_PORT:-8765}"
MODE="${KIOSK_DEMO_MODE:-kiosk}"   # KIOSK_DEMO_MODE=terminal for the staff terminal
export KIOSK_SERVER_DATA_DIR="${KIOSK_SERVER_DATA_DIR:-var/demo}"

# Another demo (or anything else) on the port: say so and stop, before touching its data or
# its log; a kiosk must never talk to a server this command did not start.
if ! "$BIN/python" scripts/port-is-free.py "$PORT"; then
  echo "El puerto $PORT está ocupado (¿otra demo en marcha?): ciérrela o use otro puerto," \
       "p. ej. KIOSK_DEMO_PORT=$((PORT + 1)) make demo" >&2
  echo "Port $PORT is busy (another demo running?): close it or use another port," \
       "e.g. KIOSK_DEMO_PORT=$((PORT + 1)) make demo" >&2
  exit 1
fi
mkdir -p "$KIOSK_SERVER_DATA_DIR"
LOG="$KIOSK_SERVER_DATA_DIR/server-$PORT.log"   # one log per port: two demos never share one

"$BIN/kiosk-server" seed-demo --demo
"$BIN/kiosk-server" run --demo --port "$PORT" >"$LOG" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

ready=
for _ in $(seq 1 100); do
  kill -0 "$server" 2>/dev/null || break
  "$BIN/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/readyz', timeout=1)" \
    2>/dev/null && { ready=1; break; }
  sleep 0.1
done
# Ready, but only if it is our server that answered (another one may have taken the port).
if [ -z "$ready" ] || ! kill -0 "$server" 2>/dev/null; then
  cat "$LOG" >&2
  echo "El servidor de la demo no arrancó en el puerto $PORT (registro: $LOG)." >&2
  echo "The demo server did not start on port $PORT (log: $LOG)." >&2
  exit 1
fi
echo "Servidor / server: http://127.0.0.1:$PORT  (registro / log: $LOG)"
echo "F2 inserta una tarjeta demo / F2 inserts a demo card (PIN 123456). Ctrl+Q sale / quits."
sleep 2
args=(--demo --server "http://127.0.0.1:$PORT")
[ "$MODE" = terminal ] && args+=(--terminal)
KIOSK_DEMO_CARDS_DIR="$KIOSK_SERVER_DATA_DIR/demo-cards" "$BIN/kiosk" "${args[@]}"
