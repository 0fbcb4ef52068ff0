"""Screens of the kiosk app: one package per service, one module per step."""
