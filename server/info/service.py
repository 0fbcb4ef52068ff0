"""Consultas Miraflores as other domains see it: one search over everything a resident may ask
about. Reports of problems (and Open311) are reached over HTTP only."""

from server.info.finder import search

__all__ = ["search"]
