"""The card payment terminal attached to a kiosk or a cashier's terminal."""
