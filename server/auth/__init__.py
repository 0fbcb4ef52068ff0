"""Logins (ID card, municipal PIN, staff password) and the sessions they open on one device."""
