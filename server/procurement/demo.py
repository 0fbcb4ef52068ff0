"""Demo cotizaciones: the dated 8-UIT rule, five suppliers with their representatives (demo
residents), the committee's two keys (files sealed under demo passphrases in the data folder)
and one request receiving quotations for a week. Idempotent."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import procurement_crypto as pc
from server.audit.service import SYSTEM
from server.procurement import suppliers, tendering
from server.procurement.models import CommitteeKey, Request, Rules
from server.procurement.schemas import CommitteeKeyIn, QuoteInviteIn, QuoteItemIn, QuoteRequestIn
from server.timeutil import utcnow

ORDER = 85
KEYS_DIR = "demo-procurement-keys"
COMMITTEE = (("logistica", "comite-demo-1"), ("admin", "comite-demo-2"))
SUPPLIERS = [
    ("10401234565", "Rosa Quispe Mamani", []),  # a person: her RUC 10 holds her DNI
    ("20601234565", "Ferretería Larco S.A.C.", ["45678123"]),
    ("20555123451", "Útiles Miraflores E.I.R.L.", ["46789012"]),
    ("20509876542", "Servicios Generales Pardo S.A.C.", ["08123456"]),
    ("20609998882", "Limpieza Total del Sur S.A.C.", ["05432198", "45678123"]),
]


def add_rules(db: Session) -> None:
    for valid_from, basis in (
            (date(2019, 3, 14), "TUO de la Ley 30225, art. 5.1.a (contrataciones ≤ 8 UIT)"),
            (date(2025, 4, 22), "Ley 32069, Ley General de Contrataciones Públicas "
                                "(contrataciones menores ≤ 8 UIT)")):
        db.add(Rules(valid_from=valid_from, max_uit=Decimal("8"), legal_basis=basis,
                     created_by=SYSTEM.actor, created_at=utcnow()))
    db.flush()


def seed(*, db: Session, data_dir: Path) -> list[str]:
    if db.execute(select(Rules.id)).first() is None:
        add_rules(db)
    for ruc, name, reps in SUPPLIERS:
        suppliers.register(db=db, by=SYSTEM, ruc=ruc, name=name, representatives=reps)
    folder = data_dir / KEYS_DIR
    lines = ["Cotizaciones / quotations (logistica): representantes / representatives "
             "40123456 (RUC 10401234565), 45678123 (2 RUC)…"]
    if db.execute(select(CommitteeKey.id)).first() is None:
        folder.mkdir(parents=True, exist_ok=True)
        who = tendering.Who(by=SYSTEM, device=None)
        for holder, passphrase in COMMITTEE:
            path = folder / f"{holder}.json"
            if path.exists():  # the same files for every database seeded from this folder
                data = json.loads(path.read_text())
            else:
                data = pc.make_key(holder=holder, passphrase=passphrase)
                path.write_text(json.dumps(data, indent=1))
                path.chmod(0o600)
            key = CommitteeKeyIn(holder=holder, public_key=data["public_key"])
            tendering.register_key(db=db, who=who, body=key)
    if db.execute(select(Request.id)).first() is None:
        who = tendering.Who(by=SYSTEM, device=None)
        tendering.publish(db=db, who=who, body=QuoteRequestIn(
            title="Útiles de oficina para la Subgerencia de Logística",
            description="Papel, tóner y archivadores para el primer trimestre",
            category="goods",
            items=[QuoteItemIn(description="Papel bond A4 80 g", quantity=Decimal(50),
                          unit="millar"),
                   QuoteItemIn(description="Tóner HP 85A", quantity=Decimal(6), unit="unidad"),
                   QuoteItemIn(description="Archivador de palanca lomo ancho",
                          quantity=Decimal(120), unit="unidad")],
            delivery_place="Almacén municipal, Av. Larco 400", delivery_days=10,
            estimated_value=Decimal("4800.00"),
            deadline=utcnow() + timedelta(days=7),
            invited=[QuoteInviteIn(ruc=r) for r, _, _ in SUPPLIERS[:4]], open_to_all=True,
            committee=[h for h, _ in COMMITTEE]))
    # Read back, so that a second run prints the same lines (the seed is idempotent).
    code = db.scalar(select(Request.code).order_by(Request.id).limit(1))
    lines.append(f"  {code}: recibe cotizaciones / taking quotations; comité / "
                 f"committee keys {folder} (comite-demo-1, comite-demo-2)")
    return lines
