"""Messages the app posts from device threads; handled with @on."""

from textual.message import Message

from devices.card.base import CardEvent


class CardChanged(Message):
    """A card was inserted into or removed from the reader (posted from the reader's thread)."""

    def __init__(self, event: CardEvent) -> None:
        super().__init__()
        self.event = event

