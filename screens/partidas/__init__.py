"""Partidas: certified copies of civil-registry actas at the kiosk; the registrar's register."""
