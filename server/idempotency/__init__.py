"""Exactly-once for operations a client may retry: the first result is kept per key and device."""
