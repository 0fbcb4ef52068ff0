"""Paper: the demo's file printer keeps every receipt, and a printed address breaks at '/'."""

from devices.printer import layout
from devices.printer.receipt import Receipt
from devices.printer.spec import open_printer
from tests.rigs.escpos_decode import decode

URL = "https://quioscos.miraflores.gob.pe/verify/vote/1/KYFU-PUTF-OJDP-NOOH-KS2O"


def _receipt(code: str, url: str = URL) -> Receipt:
    return Receipt(title="CONSTANCIA / Certificate", number=code, issued_at="01/12/2026 10:00",
                   site="Palacio Municipal", lines=[("DNI", "40123456")], code=code,
                   verify_url=url)


def test_the_file_printer_keeps_every_receipt(tmp_path):
    path = tmp_path / "demo" / "printed-receipts.escpos"
    printer = open_printer(f"file:{path}")
    for code in ("AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"):
        printer.print_receipt(_receipt(code))
    paper = decode(path.read_bytes())
    assert paper.cuts == 3
    for code in ("AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"):
        assert f"Código / Code: {code}" in paper.text


def test_a_printed_address_breaks_after_a_slash_never_mid_word():
    text = layout.to_text(_receipt("AAAA-BBBB-CCCC"))
    lines = [line.strip() for line in text.splitlines()]
    at = lines.index("Verifique en / verify at:")
    assert lines[at + 1:at + 3] == ["https://quioscos.miraflores.gob.pe/verify/",
                                    "vote/1/KYFU-PUTF-OJDP-NOOH-KS2O"]
    assert "".join(lines[at + 1:at + 3]) == URL
    short = layout.to_text(_receipt("X", "http://127.0.0.1:8765/verify/ABCD-EFGH-JKMN"))
    lines = [line.strip() for line in short.splitlines()]
    at = lines.index("Verifique en / verify at:")
    assert lines[at + 1:at + 3] == ["http://127.0.0.1:8765/verify/", "ABCD-EFGH-JKMN"]


def test_wrap_url_cuts_only_a_part_longer_than_the_line():
    assert layout.wrap_url("http://127.0.0.1:8765/verify/ABCD-EFGH-JKMN", 42) == [
        "http://127.0.0.1:8765/verify/", "ABCD-EFGH-JKMN"]
    long = "https://x/" + "a" * 50
    assert "".join(layout.wrap_url(long, 42)) == long
    assert all(len(part) <= 42 for part in layout.wrap_url(long, 42))


def test_the_digits_only_code_is_printed_under_the_code():
    receipt = Receipt(title="CONSTANCIA / Certificate", number="1", issued_at="01/12/2026",
                      site="Palacio Municipal", lines=[], code="7K2M-9QXD-4RTB",
                      verify_url=URL, code_digits="123456789012345678901")
    lines = [line.strip() for line in layout.to_text(receipt).splitlines()]
    at = lines.index("Código / Code: 7K2M-9QXD-4RTB")
    assert lines[at + 1:at + 3] == ["En el teclado / on a keypad:", "123 456 789 012 345 678 901"]
