"""Bilingual text: what the server tells people, Spanish first, then English."""

from pydantic import BaseModel


class Text(BaseModel):
    es: str
    en: str
