"""Messages the app posts from device threads; handled with @on."""

from textual.message import Message

from devices.card.base import CardEvent


class CardChanged(Message):
    """A card was inserted into or removed from the reader (posted from the reader's thread)."""

    def __init__(self, event: CardEvent) -> None:
        super().__init__()
        self.event = event



class Scanned(Message):
    """A barcode scanner read a code (posted from the scanner's thread): its text as read."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
