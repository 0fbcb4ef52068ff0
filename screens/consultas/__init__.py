"""Consultas Miraflores: search everything, and report problems in public spaces."""
