"""The FreeRADIUS configuration directory, generated from the project's files
(`server/wifi/freeradius/`) and the hotspot registry (one RADIUS client per hotspot address,
each with `require_message_authenticator = yes`)."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from server.wifi.hotspots import all_hotspots

SOURCE = Path(__file__).parent / "freeradius"


@dataclass(frozen=True)
class Client:
    name: str
    ip: str
    secret: str


def clients_of(db: Session) -> list[Client]:
    """One client per address (hotspots behind one address share its secret: first wins)."""
    seen: dict[str, Client] = {}
    for h in all_hotspots(db):
        seen.setdefault(h.ip, Client(h.code.lower(), h.ip, h.secret))
    return list(seen.values())


def _clients_conf(clients: list[Client]) -> str:
    out = ["# The hotspots (NAS), from the municipal server's registry."]
    for c in clients:
        secret = c.secret.replace("\\", "\\\\").replace('"', '\\"')
        out += [f"client {c.name} {{", f"\tipaddr = {c.ip}", f'\tsecret = "{secret}"',
                "\trequire_message_authenticator = yes", f"\tshortname = {c.name}",
                "\tnas_type = other", "}"]
    return "\n".join(out) + "\n"


def generate(out: Path, *, server_url: str, token: str, clients: list[Client],
             auth_port: int = 1812, acct_port: int = 1813, listen: str = "*",
             files_port: int | None = None, ca_file: str | None = None) -> Path:
    """Write a complete configuration directory for `freeradius -d OUT` and return it."""
    if not server_url.startswith(("https://", "http://127.", "http://[::1]",
                                  "http://localhost")):
        raise ValueError("the server must be reached over the loopback or https "
                         "(passwords travel in the JSON body)")
    values = {"@@DIR@@": str(out.resolve()), "@@SERVER_URL@@": server_url.rstrip("/"),
              "@@TOKEN@@": token, "@@AUTH_PORT@@": str(auth_port),
              "@@ACCT_PORT@@": str(acct_port), "@@LISTEN@@": listen,
              "@@FILES_PORT@@": str(files_port or 0),
              "@@TLS@@": (f'ca_info_file = "{ca_file}"\n\t\tcheck_cert = yes\n\t\t'
                          "check_cert_cn = yes") if ca_file else "check_cert = yes"}

    def fill(name: str) -> str:
        text = (SOURCE / name).read_text()
        for key, value in values.items():
            text = text.replace(key, value)
        return text

    for sub in ("mods-enabled", "sites-enabled", "log", "run", "mods-config"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    (out / "radiusd.conf").write_text(fill("radiusd.conf"))
    shutil.copy(SOURCE / "dictionary", out / "dictionary")
    (out / "clients.conf").write_text(_clients_conf(clients))
    (out / "mods-enabled" / "rest").write_text(fill("rest"))
    shutil.copy(SOURCE / "expr", out / "mods-enabled" / "expr")
    (out / "sites-enabled" / "wifi").write_text(fill("site"))
    if files_port:
        (out / "mods-enabled" / "files").write_text(fill("files"))
        shutil.copy(SOURCE / "users", out / "users")
        (out / "sites-enabled" / "wifi_files").write_text(fill("files-site"))
    (out / "clients.conf").chmod(0o600)
    return out
