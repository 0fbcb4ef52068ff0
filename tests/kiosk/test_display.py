"""Display adaptations: the Linux console (16 colours, no eighth-block glyphs)."""


async def test_linux_console_gets_heavy_borders_and_no_scrollbars(kiosk_app, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = kiosk_app(start_workers=False)
    async with app.run_test(size=(80, 25)):
        assert app.has_class("-console")
        callout = app.screen.query_one("#insert-card")
        assert callout.styles.border_top[0] == "heavy"
