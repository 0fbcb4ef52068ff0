"""Identification: ID card + PIN, or DNI + municipal PIN."""
