"""One receipt layout, rendered to ESC/POS bytes for paper and to plain text for the screen."""

import contextlib
import io
import re
import textwrap
from dataclasses import dataclass

from devices.printer.receipt import Receipt

WIDTH = 42  # characters per line in font A on 80 mm paper (48 on some; 42 fits all)


@dataclass(frozen=True)
class Line:
    text: str
    align: str = "left"
    bold: bool = False
    big: bool = False


@dataclass(frozen=True)
class Rule:
    pass


@dataclass(frozen=True)
class Qr:
    data: str


@dataclass(frozen=True)
class Barcode:
    data: str


@dataclass(frozen=True)
class Cut:
    pass


Block = Line | Rule | Qr | Barcode | Cut


def _pair(label: str, value: str, width: int) -> list[Line]:
    """"Label: value" on one line when it fits, else the label then the wrapped value."""
    one = f"{label}: {value}"
    if len(one) <= width:
        return [Line(one)]
    return [Line(f"{label}:", bold=True)] + [
        Line("  " + part) for part in textwrap.wrap(value, width - 2) or [""]]


def group_digits(digits: str) -> str:
    """A long number in groups of three, to read and type back: "123 456 789 01"."""
    return " ".join(digits[i:i + 3] for i in range(0, len(digits), 3))


def wrap_url(url: str, width: int = WIDTH) -> list[str]:
    """A URL over lines broken after a '/' (never mid-word); a part longer than a line, and
    only such a part, is cut at the width."""
    parts = re.findall(r"[^/]*/+|[^/]+$", url)
    lines: list[str] = []
    current = ""
    for part in parts:
        if current and len(current) + len(part) > width:
            lines.append(current)
            current = ""
        while len(part) > width:
            lines.append(part[:width])
            part = part[width:]
        current += part
    if current:
        lines.append(current)
    return lines


def blocks(receipt: Receipt, width: int = WIDTH) -> list[Block]:
    out: list[Block] = [Line(receipt.header, "center", bold=True)]
    out += [Line(part, "center", bold=True, big=True) for part in
            textwrap.wrap(receipt.title.split(" / ")[0], width // 2)]
    if " / " in receipt.title:
        out.append(Line(receipt.title.split(" / ", 1)[1], "center"))
    out += [Line(f"N.º {receipt.number}", "center"), Rule()]
    out += _pair("Fecha / Date", receipt.issued_at, width)
    out += _pair("Local / Site", receipt.site, width)
    if receipt.holder:
        out += _pair("Titular / Holder", receipt.holder, width)
    out.append(Rule())
    for label, value in receipt.lines:
        out += _pair(label, value, width)
    out.append(Rule())
    if receipt.barcode:
        out.append(Barcode(receipt.barcode))
    if receipt.verify_url and receipt.qr_caption:
        out += [Qr(receipt.verify_url),
                *[Line(part, "center") for part in textwrap.wrap(receipt.qr_caption, width)]]
    elif receipt.verify_url:
        out += [Qr(receipt.verify_url), Line("Verifique en / verify at:", "center"),
                *[Line(part, "center") for part in wrap_url(receipt.verify_url, width)]]
    out.append(Line(f"Código / Code: {receipt.code}", "center", bold=True))
    if receipt.code_digits:
        out.append(Line("En el teclado / on a keypad:", "center"))
        out += [Line(part, "center", bold=True)
                for part in textwrap.wrap(group_digits(receipt.code_digits), width)]
    out += [Line(part, "center") for note in receipt.notes for part in textwrap.wrap(note, width)]
    out.append(Cut())
    return out


def to_text(receipt: Receipt, width: int = WIDTH) -> str:
    """The plain-text preview shown on screen (the QR is drawn as a placeholder)."""
    rows: list[str] = []
    for block in blocks(receipt, width):
        if isinstance(block, Line):
            rows.append(block.text.center(width) if block.align == "center" else block.text)
        elif isinstance(block, Rule):
            rows.append("-" * width)
        elif isinstance(block, Qr):
            rows.append("[ QR ]".center(width))
        elif isinstance(block, Barcode):
            rows.append(f"||| {block.data} |||".center(width))
    return "\n".join(row.rstrip() for row in rows)


def to_escpos(receipt: Receipt, printer, width: int = WIDTH) -> None:
    """Send the receipt through a python-escpos printer object."""
    # Pinned code page: CP850 has ñ á é í ó ú ü ¿ ¡ and º, and no per-character switching.
    printer.charcode("CP850")
    for block in blocks(receipt, width):
        if isinstance(block, Line):
            printer.set(align=block.align, bold=block.bold, double_height=block.big,
                        double_width=block.big, normal_textsize=not block.big)
            printer.textln(block.text)
        elif isinstance(block, Rule):
            printer.set(align="left", normal_textsize=True)
            printer.textln("-" * width)
        elif isinstance(block, Qr):
            printer.set(align="center", normal_textsize=True)
            printer.qr(block.data, native=True, size=6)
        elif isinstance(block, Barcode):
            printer.set(align="center", normal_textsize=True)
            # python-escpos wants the CODE128 code set as a "{B" prefix, and print()s a
            # notice to stdout, where a kiosk's terminal is: keep it off the screen.
            with contextlib.redirect_stdout(io.StringIO()):
                printer.barcode("{B" + block.data, "CODE128", function_type="B", pos="BELOW")
        elif isinstance(block, Cut):
            printer.cut()
