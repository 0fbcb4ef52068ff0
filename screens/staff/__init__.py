"""The staff terminal: login, role-aware menu, acting for a resident, site devices."""
