"""Cuenta corriente at the kiosk: statement, payment, payment codes, certificates, plans."""
