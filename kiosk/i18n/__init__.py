"""Messages in Spanish first (the msgids) and English (gettext catalogue `kiosk`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LOCALE_DIR = Path(__file__).parent
LANGUAGES = ("es", "en")
_current = "es"


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    """A language's catalogue, read the first time it is needed: a kiosk that starts in
    Spanish (the msgids) reads none before its first screen."""
    import gettext

    return gettext.translation("kiosk", LOCALE_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    return _current


def _(message: str) -> str:
    """Translate now, into the language chosen at this device (call at render time)."""
    return message if _current == "es" else _catalogue(_current).gettext(message)


def N_(message: str) -> str:
    """Mark for extraction only; translated later with _()."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the device's language (gettext's rules)."""
    if _current == "es":
        return singular if n == 1 else plural
    return _catalogue(_current).ngettext(singular, plural, n)
