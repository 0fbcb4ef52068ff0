"""Messages in Spanish first (the msgids) and English (gettext catalogue `kiosk`)."""

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent
LANGUAGES = ("es", "en")
_catalogues = {lang: gettext.translation("kiosk", LOCALE_DIR, languages=[lang], fallback=True)
               for lang in LANGUAGES}
_current = "es"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    return _current


def _(message: str) -> str:
    """Translate now, into the language chosen at this device (call at render time)."""
    return message if _current == "es" else _catalogues[_current].gettext(message)


def N_(message: str) -> str:
    """Mark for extraction only; translated later with _()."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the device's language (gettext's rules)."""
    if _current == "es":
        return singular if n == 1 else plural
    return _catalogues[_current].ngettext(singular, plural, n)
