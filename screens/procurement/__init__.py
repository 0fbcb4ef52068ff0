"""Cotizaciones: open requests and results for anyone, quoting for a supplier, the
officers' desk."""
