"""Kiosk hardware behind small base classes (card reader, receipt printer), a module per backend."""
