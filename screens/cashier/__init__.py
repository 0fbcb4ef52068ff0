"""The cashier's terminal: cash session, payment codes, voids and instalment-plan requests."""
