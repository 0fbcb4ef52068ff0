#!/usr/bin/env bash
# `make demo`: the central server on 127.0.0.1 with SQLite and demo data (var/demo), then the
# kiosk full screen in this terminal. Quitting the kiosk (Ctrl+Q) stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${KIOSK_DEMO_PORT:-8765}"
MODE="${KIOSK_DEMO_MODE:-kiosk}"   # KIOSK_DEMO_MODE=terminal for the staff terminal
export KIOSK_SERVER_DATA_DIR="${KIOSK_SERVER_DATA_DIR:-var/demo}"
mkdir -p "$KIOSK_SERVER_DATA_DIR"

"$BIN/kiosk-server" seed-demo --demo
"$BIN/kiosk-server" run --demo --port "$PORT" >"$KIOSK_SERVER_DATA_DIR/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  "$BIN/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/readyz', timeout=1)" \
    2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$KIOSK_SERVER_DATA_DIR/server.log"; exit 1; }
  sleep 0.1
done
echo "Servidor / server: http://127.0.0.1:$PORT  (registro / log: $KIOSK_SERVER_DATA_DIR/server.log)"
echo "F2 inserta una tarjeta demo / F2 inserts a demo card (PIN 123456). Ctrl+Q sale / quits."
sleep 2
args=(--demo --server "http://127.0.0.1:$PORT")
[ "$MODE" = terminal ] && args+=(--terminal)
KIOSK_DEMO_CARDS_DIR="$KIOSK_SERVER_DATA_DIR/demo-cards" "$BIN/kiosk" "${args[@]}"
