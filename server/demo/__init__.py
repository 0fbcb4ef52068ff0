"""Demo data for the District of Miraflores: zones, sites, residents, staff and their cards."""
