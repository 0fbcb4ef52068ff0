"""Central server of the municipal kiosks: the single source of truth for every service."""

__version__ = "0.1.0"
