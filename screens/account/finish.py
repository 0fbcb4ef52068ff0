"""After money moved: back to the statement (reloaded), then the receipt on top of it, with
what the clerk must do now (the change to give) when there is something."""

from kiosk.api.documents import Document


def show_receipt(app, document: Document, callout: str | None = None) -> None:
    from screens.account.statement import StatementScreen
    from screens.documents.receipt import ReceiptScreen

    stack = app.screen_stack
    statement = next((s for s in reversed(stack) if isinstance(s, StatementScreen)), None)
    if statement is not None:
        while app.screen is not statement:
            app.pop_screen()
        statement.reload()
    app.push_screen(ReceiptScreen(document, callout=callout))
