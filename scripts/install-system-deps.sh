#!/usr/bin/env bash
# Installs the Debian packages the project needs (card reader stack, pyscard build, tmux,
# espeak-ng and aplay for speech, nginx for the kiosks' mutual TLS, PostgreSQL's binaries,
# nftables and iproute2 for the lossy-link test).
# Runs apt-get only for what is missing, as root or through sudo; otherwise says what to install.
set -euo pipefail
pkgs=(pcscd vsmartcard-vpcd libpcsclite-dev swig gcc tmux espeak-ng alsa-utils
      freeradius freeradius-utils freeradius-rest  # Wi-Fi: the RADIUS server in front
      nginx  # mutual TLS for the kiosks in front of kiosk-server (deploy/nginx, docs/fleet.md)
      postgresql-15  # initdb/pg_basebackup: the read-replica test's private clusters (docs/scaling.md)
      nftables iproute2)  # a lossy WAN between namespaces in tests (docs/offline.md)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Faltan paquetes / missing packages: ${missing[*]} (instale como root / install as root)" >&2
  exit 0
fi
echo "Instalando / installing: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
