"""Decode ESC/POS bytes back into what a person would see: text lines, QR payloads, cuts."""

import re
from dataclasses import dataclass, field


@dataclass
class Decoded:
    text: str = ""
    qr: list[str] = field(default_factory=list)
    barcodes: list[str] = field(default_factory=list)
    cuts: int = 0
    codepages: set[int] = field(default_factory=set)


def decode(data: bytes) -> Decoded:
    out = Decoded()
    text = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x1B:  # ESC
            cmd = data[i + 1]
            if cmd == 0x74:  # ESC t n: code page
                out.codepages.add(data[i + 2])
                i += 3
            elif cmd in (0x40,):  # ESC @
                i += 2
            else:  # ESC x n (alignment, bold, font, ...)
                i += 3
        elif b == 0x1D:  # GS
            cmd = data[i + 1]
            if cmd == 0x28 and data[i + 2] == 0x6B:  # GS ( k: QR functions
                length = data[i + 3] | (data[i + 4] << 8)
                body = data[i + 5:i + 5 + length]
                if body[:3] == b"\x31\x50\x30":  # store data
                    out.qr.append(body[3:].decode("utf-8"))
                i += 5 + length
            elif cmd == 0x56:  # GS V: cut
                out.cuts += 1
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif cmd == 0x6B:  # GS k m n data: barcode
                m, n = data[i + 2], data[i + 3]
                code = data[i + 4:i + 4 + n].decode("ascii")
                out.barcodes.append(code[2:] if m == 73 and code[:1] == "{" else code)
                i += 4 + n
            elif cmd == 0x21:  # GS ! n: character size
                i += 3
            else:  # GS H n, GS f n, GS h n, GS w n, ...
                i += 3
        else:
            text.append(b)
            i += 1
    out.text = text.decode("cp850")
    out.text = re.sub(r"\r", "", out.text)
    return out
