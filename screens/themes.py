"""Colour themes: the default dark theme and a high-contrast one (yellow and white on black)."""

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="kiosk-high-contrast", dark=True,
    primary="#FFFF00", secondary="#00FFFF", accent="#FFFF00", foreground="#FFFFFF",
    background="#000000", surface="#000000", panel="#000000",
    success="#00FF00", warning="#FFFF00", error="#FF4040",
)
