"""How the account looks at 80x25 in Spanish and English: statement, payment, receipt
preview and certificate. The data are fixed here (a server's figures change every day);
behaviour against the real server is in test_account_flows.py."""

from datetime import UTC, date, datetime
from decimal import Decimal as D
from functools import cached_property

import pytest

from devices.card.simulated import SimulatedReader
from devices.payment.simulated import SimulatedTerminal
from devices.printer.spec import open_printer
from kiosk.api import ApiClient
from kiosk.api.accounts import Accounts, Quote, Statement, StatementLine, Totals
from kiosk.api.auth import SessionInfo
from kiosk.api.documents import Document, DocumentLine
from kiosk.api.payments import Payments
from kiosk.api.residents import Resident
from kiosk.api.text import Text
from kiosk.app import KioskApp
from kiosk.config import KioskSettings
from screens.account.payment import PaymentMethodScreen
from screens.account.statement import StatementScreen
from screens.documents.receipt import ReceiptScreen
from server.documents.issuing import code_digits

SIZE = (80, 25)
AMNESTY = Text(es="Amnistía 2026: 50 % del interés condonado",
               en="2026 amnesty: 50 % of interest waived")


def _line(n, tribute, year, period, prop, due, principal, interest, discount, overdue=True):
    principal, interest, discount = D(principal), D(interest), D(discount)
    return StatementLine(debt_id=n, property_code=prop, tribute=tribute,
                         label=Text(es=tribute, en=tribute), year=year, period=period,
                         due_on=due, principal=principal, interest=interest, discount=discount,
                         total=principal + interest - discount, overdue=overdue,
                         benefit=AMNESTY if discount else None)


LINES = [
    _line(1, "predial", 2025, 4, None, date(2025, 11, 30), "787.00", "84.76", "42.38"),
    _line(2, "limpieza", 2025, 4, "P-07-0001", date(2025, 11, 30), "105.60", "11.37", "5.69"),
    _line(3, "serenazgo", 2025, 4, "P-07-0001", date(2025, 11, 30), "44.10", "4.75", "2.38"),
    _line(4, "predial", 2026, 1, None, date(2026, 2, 28), "812.50", "65.57", "0.00"),
    _line(5, "limpieza", 2026, 1, "P-07-0001", date(2026, 2, 28), "108.00", "8.72", "0.00"),
    _line(6, "multa", 2026, 1, None, date(2026, 7, 10), "275.00", "11.30", "0.00"),
    _line(7, "predial", 2026, 4, None, date(2026, 11, 30), "812.50", "0.00", "0.00", False),
]


def _totals(lines):
    return Totals(**{k: sum((getattr(x, k) for x in lines), D(0))
                     for k in ("principal", "interest", "discount", "total")})


class FixedAccounts(Accounts):
    """Answers the account screens with the fixed figures above (appearance only)."""

    async def statement(self, as_of=None):
        return Statement(dni="40123456", holder_name="Rosa Quispe Mamani",
                         as_of=date(2026, 11, 24), lines=LINES, totals=_totals(LINES),
                         overdue_total=sum((x.total for x in LINES if x.overdue), D(0)),
                         properties=[])

    async def quote(self, debt_ids, paid_on=None):
        lines = [x for x in LINES if x.debt_id in debt_ids]
        return Quote(as_of=date(2026, 11, 24), lines=lines, totals=_totals(lines))


class FixedPayments(Payments):
    """No payment code reserves Rosa's debts in these pictures."""

    async def pending_codes(self):
        return []


class FixedClient(ApiClient):
    @cached_property
    def accounts(self) -> Accounts:
        return FixedAccounts(self.transport)

    @cached_property
    def payments(self) -> Payments:
        return FixedPayments(self.transport)


ROSA = Resident(dni="40123456", given_names="Rosa", surnames="Quispe Mamani",
                full_name="Rosa Quispe Mamani", birth_date=date(1956, 3, 14),
                address="Calle Berlín 245", zone_id=7, zone_name="Zona 7")


def _document(kind, title, lines, number, code):
    return Document(code=code, kind=kind, number=number, title=title,
                    issued_at=datetime(2026, 11, 24, 15, 30, tzinfo=UTC),
                    site_name="Palacio Municipal", holder_name="Rosa Quispe Mamani",
                    lines=[DocumentLine(label=Text(es=es, en=en), value=v)
                           for es, en, v in lines],
                    verify_url=f"http://127.0.0.1:8765/verify/{code}", voided=False,
                    code_digits=code_digits(code))


RECEIPT = _document("payment_receipt", Text(es="Recibo de pago", en="Payment receipt"), [
    ("Impuesto predial 2025 cuota 4", "Impuesto predial 2025 cuota 4", "S/ 829.38"),
    ("TOTAL PAGADO", "TOTAL PAID", "S/ 829.38"),
    ("Medio de pago", "Paid by", "Tarjeta SIMULADA ****0000 aut. 123456")],
    "RP-PM-2026-000042", "7K2M-9QXD-4RTB")
CERTIFICATE = _document("no_debt", Text(es="Constancia de no adeudo",
                                        en="Certificate of no debt"), [
    ("DNI", "DNI", "10234567"), ("Contribuyente", "Taxpayer", "María Elena Rodríguez Salazar"),
    ("Situación", "Status", "Sin deuda al 24/11/2026 / No debt as of 24/11/2026")],
    "CNA-PM-2026-000007", "C3PV-8WNA-2HJZ")


def make_app(tmp_path, cards_dir, lang) -> KioskApp:
    settings = KioskSettings(server="http://snapshot.invalid", lang=lang, reader="simulated",
                             printer="none", state_dir=tmp_path, demo=True,
                             demo_cards_dir=cards_dir)
    app = KioskApp(settings, FixedClient(settings.server), SimulatedReader(),
                   open_printer("none"), payment_terminal=SimulatedTerminal(),
                   start_workers=False)
    app.site_name = "Palacio Municipal"
    return app


def _as_rosa(screen_factory):
    async def run(pilot):
        pilot.app.session.begin(SessionInfo(kind="resident", method="card", resident=ROSA,
                                            expires_at=datetime(2026, 11, 24, tzinfo=UTC)))
        await pilot.app.push_screen(screen_factory())
        for _ in range(50):
            await pilot.pause(0.02)
    return run


@pytest.mark.parametrize("lang", ["es", "en"])
def test_statement(snap_compare, tmp_path, cards_dir, lang):
    async def select_one_less(pilot):
        await _as_rosa(StatementScreen)(pilot)
        await pilot.press("slash")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=select_one_less)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_payment_method(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=_as_rosa(lambda: PaymentMethodScreen([1, 2, 3])))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_receipt_preview(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=_as_rosa(lambda: ReceiptScreen(RECEIPT)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_debt_certificate(snap_compare, tmp_path, cards_dir, lang):
    assert snap_compare(make_app(tmp_path, cards_dir, lang), terminal_size=SIZE,
                        run_before=_as_rosa(lambda: ReceiptScreen(CERTIFICATE)))
