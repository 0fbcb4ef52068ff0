"""Composition root: `kiosk` (the app) and `kiosk card ...` / `kiosk printer ...` (tools).

Settings come from defaults < /etc/kiosk/kiosk.toml < KIOSK_* environment < options here.
This module and app.py are the only places that pick device backends.
"""

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk.config import KioskSettings


def _settings(args: argparse.Namespace) -> KioskSettings:
    overrides = {k: v for k, v in {
        "server": args.server, "printer": args.printer, "reader": args.reader,
        "payment": args.payment, "speech": args.speech, "scanner": args.scanner,
        "lang": args.lang, "enrolment_token": args.enrol,
    }.items() if v is not None}
    if args.terminal:
        overrides["terminal"] = True
    if args.demo:
        overrides.setdefault("reader", "simulated")
        overrides.setdefault("printer", "file:var/demo/printed-receipts.escpos")
        overrides.setdefault("payment", "simulated")
        overrides.setdefault("speech", "simulated")
        # The demo's scanner reads back what the demo printer printed (F5 scans the last one).
        overrides.setdefault("scanner", "simulated:var/demo/printed-receipts.escpos")
        overrides["demo"] = True
    settings = KioskSettings(**overrides)
    if settings.demo and "state_dir" not in settings.model_fields_set:
        name = "terminal" if settings.terminal else "kiosk"
        settings.state_dir = Path("var/demo") / f"{name}-state"
        settings.device_name = f"{name}-{settings.device_name}"
    return settings


def make_reader(settings: KioskSettings):
    if settings.reader == "simulated":
        from devices.card.simulated import SimulatedReader

        return SimulatedReader()
    from devices.card.pcsc import PcscReader

    return PcscReader(settings.reader_name)


def _log_to_file(settings: KioskSettings) -> None:
    # Textual draws on stderr: logs go to a file (or the journal through it), never stderr.
    path = settings.log_file or settings.state_dir / "kiosk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=path, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")


def run_app(settings: KioskSettings) -> int:
    from devices.payment.spec import open_terminal
    from devices.printer.spec import open_printer
    from devices.scanner.spec import open_scanner
    from devices.speech.spec import open_speaker
    from kiosk.api import ApiClient
    from kiosk.app import KioskApp

    _log_to_file(settings)
    # Textual asks shutil for the terminal's size, which believes COLUMNS/LINES first: a value
    # exported by whatever started the kiosk would fix the layout at the wrong size.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    verify = str(settings.ca_bundle) if settings.ca_bundle else True
    client = ApiClient(settings.server, verify=verify)
    reader = make_reader(settings)
    printer = open_printer(settings.printer)
    # The SIMULATED speaker writes what it would say beside the kiosk's state (the demo's
    # `tail -f var/demo/kiosk-state/spoken.txt`).
    try:
        speaker = open_speaker(settings.speech, log=settings.state_dir / "spoken.txt")
    except (ValueError, OSError) as exc:  # a bad SPEC, espeak-ng or aplay missing
        reader.stop()
        print(f"Salida de voz / speech output: {exc}", file=sys.stderr)
        return 2
    app = KioskApp(settings, client, reader, printer,
                   payment_terminal=open_terminal(settings.payment), speaker=speaker,
                   scanner=open_scanner(settings.scanner))
    try:
        app.run()
    finally:
        reader.stop()
        speaker.close()
        app.scanner.stop()
    return app.return_code or 0


def cmd_card(args: argparse.Namespace) -> int:
    from devices.card.errors import CardError

    if args.card_command == "list":
        from devices.card.pcsc import describe_readers

        try:
            rows = describe_readers()
        except CardError as exc:
            print(f"{exc.es}\n{exc.en}\n({exc})", file=sys.stderr)
            return 1
        if not rows:
            print("No hay lectores / no readers")
        for row in rows:
            print(row["reader"])
            if row["atr"] is None and row["error"] is None:
                print("  sin tarjeta / no card")
                continue
            print(f"  ATR: {row['atr']}")
            identity = row["identity"]
            if identity:
                print(f"  DNI {identity.dni}: {identity.full_name} "
                      f"({identity.birth_date:%d/%m/%Y})")
            if row["error"]:
                print(f"  {row['error']}")
        return 0
    import signal

    from devices.card.emulator import load_card
    from devices.card.vpcd import VpcdCard

    # Ctrl+C (and systemd's SIGTERM) are blocked in every thread from here on and taken by
    # sigwait below: the kernel may deliver a process signal to any thread, and a
    # KeyboardInterrupt raised inside a lock wait can leave that lock held. Blocked, a signal
    # waits, whenever it comes (even during the setup), for sigwait, and a second Ctrl+C
    # cannot break the removal.
    stop_signals = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    settings = _settings(args)
    try:
        card = load_card(settings.demo_cards_dir, args.dni)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.pin:
        try:
            card.set_pin(args.pin)
        except ValueError:
            print("El PIN tiene 6 dígitos / the PIN has 6 digits", file=sys.stderr)
            return 2
    inserted = VpcdCard(card, args.host, args.port).insert()  # its thread inherits the mask
    print(f"Tarjeta de {card.identity['given_names']} {card.identity['surnames']} insertada en "
          f"vpcd {args.host}:{args.port}. Ctrl+C la retira.\n"
          f"Card inserted into vpcd; Ctrl+C removes it.", flush=True)
    signal.sigwait(stop_signals)  # serve until Ctrl+C (the card stays in the reader meanwhile)
    inserted.remove()
    print("Tarjeta retirada / card removed", flush=True)
    return 0


def cmd_printer(args: argparse.Namespace) -> int:
    from datetime import datetime

    from devices.printer.errors import BadSpec, PrinterError
    from devices.printer.layout import to_text
    from devices.printer.receipt import Receipt
    from devices.printer.spec import open_printer
    from kiosk.clock import LIMA

    try:
        printer = open_printer(args.spec)
    except BadSpec as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.printer_command == "status":
        status = printer.status()
        print(f"en línea / online: {status.online}\npapel / paper: {status.paper}")
        return 0 if status.online != "offline" else 1
    now = datetime.now(LIMA).strftime("%d/%m/%Y %H:%M")
    receipt = Receipt(
        title="PRUEBA DE IMPRESORA / Printer test", number="TEST-0001", issued_at=now,
        site="Palacio Municipal", holder="Ñusta Íñiguez Güemes",
        lines=[("Acentos / accents", "á é í ó ú ü ñ Ñ ¿? ¡!"), ("Importe / amount", "S/ 1,234.50")],
        code="TEST-TEST-TEST", verify_url="https://example.invalid/verify/TEST-TEST-TEST",
        notes=["Si lee esto, la impresora funciona. / If you can read this, it works."])
    try:
        printer.print_receipt(receipt)
    except PrinterError as exc:
        print(f"{exc.es} / {exc.en} ({exc})", file=sys.stderr)
        return 1
    print(to_text(receipt))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Quiosco municipal / kiosk")
    parser.add_argument("--server", help="server URL (KIOSK_SERVER)")
    parser.add_argument("--terminal", action="store_true", help="staff terminal mode")
    parser.add_argument("--reader", choices=["simulated", "pcsc"])
    parser.add_argument("--printer", metavar="SPEC",
                        help="none | file:PATH | tcp:HOST[:PORT] | usb:VID:PID | "
                             "serial:DEVICE[:BAUD]")
    parser.add_argument("--payment", metavar="SPEC",
                        help="card payment terminal: none | simulated[:approve|decline|timeout]"
                             " (simulated: no money moves)")
    parser.add_argument("--speech", metavar="SPEC",
                        help="speech output: none | simulated | espeak[:ALSA_DEVICE] | wav:DIR"
                             " (F3 turns it on at the kiosk)")
    parser.add_argument("--scanner", metavar="SPEC",
                        help="2D barcode scanner for receipts' QR: none | simulated | "
                             "hid:/dev/input/eventN | serial:DEVICE[:BAUD]")
    parser.add_argument("--lang", choices=["es", "en"])
    parser.add_argument("--enrol", metavar="TOKEN", help="enrol with this one-time token")
    parser.add_argument("--demo", action="store_true",
                        help="demo: simulated reader (F2 inserts a card), demo enrolment")
    sub = parser.add_subparsers(dest="command")
    card = sub.add_parser("card", help="card reader tools")
    card_sub = card.add_subparsers(dest="card_command", required=True)
    card_sub.add_parser("list", help="PC/SC readers, card ATR and identity")
    emulate = card_sub.add_parser("emulate", help="serve a demo card to pcscd through vpcd")
    emulate.add_argument("dni")
    emulate.add_argument("--pin", help="override the card PIN")
    emulate.add_argument("--host", default="127.0.0.1")
    emulate.add_argument("--port", type=int, default=35963)
    printer = sub.add_parser("printer", help="receipt printer tools")
    printer_sub = printer.add_subparsers(dest="printer_command", required=True)
    for name, text in (("status", "paper and online status"), ("test", "print a test receipt")):
        p = printer_sub.add_parser(name, help=text)
        p.add_argument("spec")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "card":
        return cmd_card(args)
    if args.command == "printer":
        return cmd_printer(args)
    return run_app(_settings(args))


if __name__ == "__main__":
    sys.exit(main())
