"""Trámites: the TUPA catalogue, filing at a kiosk, the resident's files, following a file,
and the offices' desk at the staff terminal."""
