"""The bilingual text the server sends: Spanish first, then English."""

from typing import ClassVar

from pydantic import BaseModel


class Text(BaseModel):
    server_schema: ClassVar[str] = "Text"

    es: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.es
