"""The Linux console (TERM=linux): only the glyphs its default font has.

The console's font (a CP437/Latin-1 set) has the light box-drawing lines, the half blocks and
Latin-1, but not the heavy lines, the eighth blocks of Textual's `tall` borders and
scrollbars, the rounded corners, arrows, ellipsis, bullets, minus sign or dashes; missing
glyphs show as blobs. The app styles its widgets for the console (kiosk.tcss, `-console`), and
this filter replaces whatever such glyph is still drawn by one of the same width, so the
layout is unchanged. It applies to everything drawn, server texts included.
"""

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

# Each replacement is one cell wide, like the glyph it replaces.
CONSOLE_GLYPHS = str.maketrans({
    "…": ".", "—": "-", "–": "-", "−": "-", "•": "*", "←": "<", "→": ">",
    "↑": "^", "↓": "v", "━": "─", "┃": "│", "┏": "┌", "┓": "┐", "┗": "└", "┛": "┘",
    "┣": "├", "┫": "┤", "┳": "┬", "┻": "┴", "╋": "┼", "╭": "┌", "╮": "┐", "╰": "└",
    "╯": "┘", "▊": "│", "▎": "│", "▏": "│", "▕": "│", "▔": "─", "▁": "_", "▂": "_",
    "▃": "▄", "▅": "▄", "▆": "█", "▇": "█", "▉": "█", "▋": "▌", "▍": "▌", "╸": "─",
    "╺": "─", "╴": "─", "╶": "─", "╹": "│", "╻": "│", "╵": "│", "╷": "│", "✓": "v",
    "✔": "v", "✗": "x",
    # The Wi-Fi map's marks and its sea: letters a legend drawn through the same filter names.
    "●": "o", "✕": "x", "≈": "~",
})


def console_text(text: str) -> str:
    return text.translate(CONSOLE_GLYPHS)


class ConsoleGlyphs(LineFilter):
    """Replace glyphs the console font lacks, segment by segment."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text.translate(CONSOLE_GLYPHS), style, control)
                if not control else Segment(text, style, control)
                for text, style, control in segments]
