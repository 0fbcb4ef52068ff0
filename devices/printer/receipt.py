"""What a receipt says, independent of the paper: built by the kiosk from a server document."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Receipt:
    title: str  # "CONSTANCIA DE DATOS DEL VECINO / Resident record certificate"
    number: str
    issued_at: str
    site: str
    lines: list[tuple[str, str]]  # (label, value), labels "Spanish / English"
    code: str  # verification code
    verify_url: str
    holder: str | None = None
    barcode: str | None = None  # CODE128 data, e.g. a payment code
    notes: list[str] = field(default_factory=list)
    code_digits: str | None = None  # the code's digits-only form, for a 12-key keypad
    qr_caption: str | None = None  # the QR is not a verification link (a Wi-Fi join string)
    header: str = "MUNICIPALIDAD DE MIRAFLORES"
