"""Offices (unidades orgánicas) and the staff who work in them: where domains route work."""
