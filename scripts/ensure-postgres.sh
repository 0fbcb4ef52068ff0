#!/usr/bin/env bash
# When the tests are asked to use PostgreSQL on this machine and it is not answering, start the
# local cluster (Debian's pg_ctlcluster); otherwise do nothing.
set -uo pipefail
url="${KIOSK_TEST_DATABASE_URL:-}"
[ -n "$url" ] || exit 0
case "$url" in *127.0.0.1*|*localhost*) ;; *) exit 0 ;; esac
port=$(printf '%s' "$url" | sed -n 's#.*:\([0-9]\{2,5\}\)/.*#\1#p'); port=${port:-5432}
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | head -n1)
  echo "Iniciando PostgreSQL $version / starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0; sleep 0.2; done
fi
echo "PostgreSQL no responde en el puerto $port / is not answering on port $port" >&2
