"""Interconexión de locales: municipal sites, their enrolled kiosks and terminals, their health."""
