"""What a scanned receipt says: the text of its QR (the verification address) or a bare code.

`/verify/<code>` is a receipt or certificate; `/verify/vote/<election>/<tracker>` is a vote
receipt or a tracker slip. A code alone (typed into a scanner's test page, or a barcode) is
read by its shape.
"""

import re
from dataclasses import dataclass

DOCUMENT = re.compile(r"^[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}$|^\d{21}$")
TRACKER = re.compile(r"^([A-Z2-7]{4}-?){4}[A-Z2-7]{4}$|^\d{33}$")


@dataclass(frozen=True)
class Scanned:
    kind: str  # "document" | "tracker" | "unknown"
    code: str = ""
    election_id: int | None = None


def parse(text: str) -> Scanned:
    text = text.strip()
    vote = re.search(r"/verify/vote/(\d+)/([^/?#\s]+)", text)
    if vote:
        return Scanned("tracker", vote.group(2).upper(), int(vote.group(1)))
    document = re.search(r"/verify/([^/?#\s]+)/?(?:[?#].*)?$", text)
    if document:
        return Scanned("document", document.group(1).upper())
    bare = text.upper().replace(" ", "")
    if DOCUMENT.match(bare):
        return Scanned("document", bare)
    if TRACKER.match(bare):
        return Scanned("tracker", bare)
    return Scanned("unknown")
