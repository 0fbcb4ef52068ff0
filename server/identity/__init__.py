"""Residents (vecinos) of the district's 14 zones, and municipal staff with their roles."""
