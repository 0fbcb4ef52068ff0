"""`kiosk-server election verify`: re-check an election from its published record alone."""

import argparse
import json
from pathlib import Path


def verify(args: argparse.Namespace) -> int:
    """No database, no server: the record and the verifier."""
    from election_crypto.verify import verify

    try:
        record = json.loads(Path(args.record).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"No se puede leer el registro / cannot read the record: {exc}")
        return 2
    problems = verify(record)
    if problems:
        print(f"REGISTRO INVÁLIDO / INVALID RECORD: {len(problems)} problema(s)")
        for es, en in problems[:50]:
            print(f"  - {es} / {en}")
        return 1
    board = record.get("board", [])
    cast = sum(1 for e in board if e.get("kind") == "cast")
    print(f"Registro válido / valid record: {record['manifest']['name']}\n"
          f"  tablero / board: {len(board)} entradas ({cast} emitidos, "
          f"{len(board) - cast} de verificación), cabecera firmada / signed head OK")
    for zone in record.get("tally") or []:
        print(f"  zona {zone['zone']}: {zone['ballots']} votos, conteos {zone['counts']}")
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    election = sub.add_parser("election", help="neighbourhood elections")
    election_sub = election.add_subparsers(dest="election_command", required=True)
    check = election_sub.add_parser("verify", help="check a published election record")
    check.add_argument("record", help="RECORD.json (GET /api/v1/elections/ID/record)")
    check.set_defaults(func=verify)
