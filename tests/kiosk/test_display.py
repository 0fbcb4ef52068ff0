"""Display adaptations: the Linux console (16 colours, a font without heavy or eighth-block
glyphs). The real binary's output on TERM=linux is checked in tests/real/test_tmux.py."""

from kiosk.console import ConsoleGlyphs, console_text


async def test_linux_console_gets_light_borders_and_a_glyph_filter(kiosk_app, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = kiosk_app(start_workers=False)
    async with app.run_test(size=(80, 25)):
        assert app.has_class("-console")
        callout = app.screen.query_one("#insert-card")
        assert callout.styles.border_top[0] == "solid"
        assert any(isinstance(f, ConsoleGlyphs) for f in app.get_line_filters())


async def test_other_terminals_keep_their_glyphs(kiosk_app, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    app = kiosk_app(start_workers=False)
    async with app.run_test(size=(80, 25)):
        assert not app.has_class("-console")
        assert not any(isinstance(f, ConsoleGlyphs) for f in app.get_line_filters())


def test_replacements_keep_the_width():
    text = "Cargando… ←/→ − • — ━┃┏┓ ▊▎▔▁ ╭╮╰╯ 1● 7✕ ≈"
    assert console_text(text) == "Cargando. </> - * - ─│┌┐ ││─_ ┌┐└┘ 1o 7x ~"
    assert len(console_text(text)) == len(text)
