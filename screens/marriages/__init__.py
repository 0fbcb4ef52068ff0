"""Matrimonios civiles at the kiosk and the registrar's terminal."""
