"""Elecciones vecinales at the kiosk: vote (ballot, review, tracker, cast or check, receipt),
check a receipt's tracker, and the results."""
