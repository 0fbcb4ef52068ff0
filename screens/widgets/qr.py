"""A QR code drawn in the terminal, for a phone to read off the screen."""


def qr_text(data: str) -> str:
    """A QR code drawn with half blocks (two modules a character cell, dark on light)."""
    import segno

    matrix = [list(row) for row in segno.make(data, error="m", boost_error=False).matrix]
    quiet = 2
    width = len(matrix[0]) + 2 * quiet
    rows = [[0] * width for _ in range(quiet)]
    rows += [[0] * quiet + [int(bool(v)) for v in row] + [0] * quiet for row in matrix]
    rows += [[0] * width for _ in range(quiet + (len(rows) + quiet) % 2)]
    glyph = {(0, 0): "█", (1, 1): " ", (1, 0): "▄", (0, 1): "▀"}
    return "\n".join("".join(glyph[(top[i], low[i])] for i in range(width))
                     for top, low in zip(rows[::2], rows[1::2], strict=True))
