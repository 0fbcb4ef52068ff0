"""Tamper-evident audit log: every state change, who, from which device, on whose behalf."""
